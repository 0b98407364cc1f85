/**
 * What the Office does with a meeting as a whole: "Phát hành" (after a confirmation), "Hoãn" and
 * "Hủy cuộc họp" (with the reason every invitee is told), and the giấy mời as PDF (a draft's is a
 * preview).
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPlan } from '../../../common/domain/meetingPlan';
import { callServer } from '../../lib/callServer';
import { PlanningPdfModal } from './PlanningPdf';
import { planningErrorMessage } from './planningErrors';

type Dialog = 'publish' | 'postponed' | 'cancelled' | 'pdf';

export function PlanActions({ plan, onChanged }: { plan: MeetingPlan; onChanged: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const canPublish = plan.status === 'draft' || plan.status === 'postponed';
  const canPostpone = plan.status === 'published';
  const canCancel = plan.status === 'published' || plan.status === 'postponed';
  return (
    <>
      <Group gap="sm" role="group" aria-label={t('planning.actions.label')}>
        {canPublish && (
          <Button onClick={() => setDialog('publish')}>
            {plan.status === 'draft'
              ? t('planning.actions.publish')
              : t('planning.actions.republish')}
          </Button>
        )}
        {canPostpone && (
          <Button variant="light" color="orange" onClick={() => setDialog('postponed')}>
            {t('planning.actions.postpone')}
          </Button>
        )}
        {canCancel && (
          <Button variant="light" color="red" onClick={() => setDialog('cancelled')}>
            {t('planning.actions.cancel')}
          </Button>
        )}
        <Button variant="default" onClick={() => setDialog('pdf')}>
          {t('planning.actions.preview')}
        </Button>
      </Group>
      {dialog === 'publish' && <PublishDialog plan={plan} onClose={close} onDone={onChanged} />}
      {(dialog === 'postponed' || dialog === 'cancelled') && (
        <StatusDialog plan={plan} status={dialog} onClose={close} onDone={onChanged} />
      )}
      <PlanningPdfModal
        request={dialog === 'pdf' ? { kind: 'invitation', meetingId: plan.id } : null}
        title={t('planning.actions.previewTitle', { title: plan.title })}
        onClose={close}
      />
    </>
  );
}

function PublishDialog({
  plan,
  onClose,
  onDone,
}: {
  plan: MeetingPlan;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await callServer('publishMeeting', { id: plan.id }, {});
      notifications.show({ color: 'green', message: t('planning.actions.published') });
      onClose();
      onDone();
    } catch (caught) {
      setError(planningErrorMessage(t, caught, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={700}>{t('planning.actions.publishTitle')}</Text>}
      closeButtonProps={{ 'aria-label': t('planning.close') }}
    >
      <Stack gap="md">
        <Text>{t('planning.actions.publishBody')}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('planning.close')}
          </Button>
          <Button onClick={() => void publish()} loading={busy} data-autofocus>
            {t('planning.actions.publishConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function StatusDialog({
  plan,
  status,
  onClose,
  onDone,
}: {
  plan: MeetingPlan;
  status: 'postponed' | 'cancelled';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooShort = reason.trim().length < 3;
  const submit = async () => {
    setChecked(true);
    setError(null);
    if (tooShort) return;
    setBusy(true);
    try {
      await callServer('setMeetingStatus', { id: plan.id }, { status, reason: reason.trim() });
      notifications.show({ color: 'green', message: t(`planning.actions.${status}`) });
      onClose();
      onDone();
    } catch (caught) {
      setError(planningErrorMessage(t, caught, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Text fw={700}>
          {t(
            status === 'postponed'
              ? 'planning.actions.postponeTitle'
              : 'planning.actions.cancelTitle',
          )}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('planning.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Text fw={600}>{plan.title}</Text>
          <Textarea
            label={t('planning.actions.reason')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={checked && tooShort ? t('planning.actions.reasonTooShort') : undefined}
            data-autofocus
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('planning.close')}
            </Button>
            <Button type="submit" color={status === 'cancelled' ? 'red' : 'orange'} loading={busy}>
              {t(
                status === 'postponed'
                  ? 'planning.actions.postponeConfirm'
                  : 'planning.actions.cancelConfirm',
              )}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
