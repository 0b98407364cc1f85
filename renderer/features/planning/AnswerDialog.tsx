/**
 * Answering a giấy mời: "Tham dự" (for a unit's invitation, choosing who of the unit attends),
 * "Vắng mặt" with a reason, or "Cử người dự thay (ủy quyền)" naming someone of the unit, with an
 * optional reason. The people offered are those of the invitation's unit (invitationPeople).
 */
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerInvitation, MyInvitation } from '../../../common/domain/meetingPlan';
import type { User } from '../../../common/domain/user';
import { callServer, useServerQuery } from '../../lib/callServer';
import { errorMessage } from '../../i18n/errorMessage';
import { foldedFilter } from './foldedFilter';
import { planningErrorMessage } from './planningErrors';

type Choice = AnswerInvitation['response'];

export function AnswerDialog({
  invitation,
  user,
  onClose,
  onAnswered,
}: {
  invitation: MyInvitation;
  user: User;
  onClose: () => void;
  onAnswered: () => void;
}) {
  const { t, i18n } = useTranslation();
  const forUnit = invitation.addressee.kind === 'unit';
  const [choice, setChoice] = useState<Choice>(
    invitation.response === 'pending' ? 'attend' : invitation.response,
  );
  const [attendee, setAttendee] = useState<string | null>(
    invitation.response === 'attend' ? (invitation.attendee?.id ?? user.id) : user.id,
  );
  const [proxy, setProxy] = useState<string | null>(
    invitation.response === 'proxy' ? (invitation.attendee?.id ?? null) : null,
  );
  const [reason, setReason] = useState(invitation.reason ?? '');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = useServerQuery('invitationPeople', { id: invitation.id });

  const peopleData = useMemo(
    () =>
      people.status === 'success'
        ? people.data.people.map((p) => ({ value: p.id, label: `${p.fullName} — ${p.title}` }))
        : [],
    [people],
  );
  // Someone else than the one who would otherwise attend: the invitee, or whoever answers.
  const invitee = invitation.addressee.kind === 'person' ? invitation.addressee.user.id : user.id;
  const proxyData = peopleData.filter((p) => p.value !== invitee);

  const problem =
    choice === 'absent' && reason.trim().length < 3
      ? t('planning.answer.reasonTooShort')
      : choice === 'proxy' && !proxy
        ? t('planning.answer.choosePerson')
        : choice === 'attend' && forUnit && !attendee
          ? t('planning.answer.choosePerson')
          : null;

  const submit = async () => {
    setChecked(true);
    setError(null);
    if (problem) return;
    let body: AnswerInvitation;
    switch (choice) {
      case 'attend':
        body =
          forUnit && attendee
            ? { response: 'attend', attendeeUserId: attendee }
            : { response: 'attend' };
        break;
      case 'absent':
        body = { response: 'absent', reason: reason.trim() };
        break;
      case 'proxy':
        body = {
          response: 'proxy',
          proxyUserId: proxy!,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        };
        break;
    }
    setBusy(true);
    try {
      await callServer('answerInvitation', { id: invitation.id }, body);
      notifications.show({ color: 'green', message: t('planning.answer.sent') });
      onClose();
      onAnswered();
    } catch (caught) {
      setError(planningErrorMessage(t, caught, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  const personSelect = {
    searchable: true,
    filter: foldedFilter,
    nothingFoundMessage: t('planning.nothingFound'),
    disabled: people.status !== 'success',
  } as const;

  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={700}>{t('planning.answer.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('planning.close') }}
      size="lg"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Text fw={600}>{invitation.meeting.title}</Text>
          <Radio.Group
            label={t('planning.answer.choice')}
            value={choice}
            onChange={(v) => setChoice(v as Choice)}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="attend" label={t('planning.answer.attend')} />
              <Radio value="absent" label={t('planning.answer.absent')} />
              <Radio value="proxy" label={t('planning.answer.proxy')} />
            </Stack>
          </Radio.Group>
          {people.status === 'error' &&
            (choice === 'proxy' || (choice === 'attend' && forUnit)) && (
              <Alert color="red" variant="light" title={t('planning.answer.peopleFailed')}>
                {errorMessage(t, people.error)}
              </Alert>
            )}
          {choice === 'attend' && forUnit && (
            <Select
              label={t('planning.answer.attendee')}
              required
              allowDeselect={false}
              data={peopleData}
              value={attendee}
              onChange={setAttendee}
              error={checked && problem ? problem : undefined}
              {...personSelect}
            />
          )}
          {choice === 'absent' && (
            <Textarea
              label={t('planning.answer.reason')}
              required
              autosize
              minRows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={checked && problem ? problem : undefined}
            />
          )}
          {choice === 'proxy' && (
            <>
              {people.status === 'success' && proxyData.length === 0 ? (
                <Alert color="yellow" variant="light">
                  {t('planning.answer.noOtherPeople')}
                </Alert>
              ) : (
                <Select
                  label={t('planning.answer.proxyPerson')}
                  required
                  data={proxyData}
                  value={proxy}
                  onChange={setProxy}
                  error={checked && problem ? problem : undefined}
                  {...personSelect}
                />
              )}
              <Textarea
                label={t('planning.answer.proxyReason')}
                autosize
                minRows={2}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            </>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('planning.close')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('planning.answer.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
