/**
 * "Giấy mời" (issue #15 §3), for everyone signed in: the invitations to the user and to their
 * unit (meeting, time in Vietnam time, place, status, what was announced since), new ones marked.
 * Opening one marks it seen and shows the giấy mời PDF in the app's viewer; "Trả lời giấy mời"
 * attends, declines with a reason, or sends someone of the unit (ủy quyền).
 */
import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyInvitation } from '../../../common/domain/meetingPlan';
import type { User } from '../../../common/domain/user';
import { LoadError } from '../../app/LoadError';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { callServer, useServerQuery } from '../../lib/callServer';
import { formatDateTime, formatTimeRange } from '../../lib/format';
import { AnswerDialog } from './AnswerDialog';
import { MeetingStatusBadge, ResponseBadge } from './badges';
import { isUnseen } from './planForm';
import { PlanningPdf } from './PlanningPdf';

export function InvitationsScreen({
  user,
  onSeen,
}: {
  user: User;
  /** An invitation was opened or answered: the navigation's badge counts again. */
  onSeen: () => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const query = useServerQuery('myInvitations', {});
  const [openId, setOpenId] = useState<string | null>(null);
  const invitations = query.status === 'success' ? query.data.invitations : [];
  const opened = invitations.find((i) => i.id === openId) ?? null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {t('planning.invitations.title')}
        </Title>
        <Button
          variant="default"
          onClick={query.reload}
          loading={query.status !== 'loading' && query.reloading}
        >
          {t('app.refresh')}
        </Button>
      </Group>
      {query.status === 'error' ? (
        <LoadError
          title={t('planning.invitations.loadFailed')}
          error={query.error}
          onRetry={query.reload}
          retrying={query.reloading}
        />
      ) : query.status === 'loading' ? (
        <Text role="status">{t('planning.loading')}</Text>
      ) : invitations.length === 0 ? (
        <Text size="lg">{t('planning.invitations.empty')}</Text>
      ) : (
        <InvitationTable invitations={invitations} onOpen={setOpenId} />
      )}
      {opened && (
        <InvitationDialog
          // Opened once per invitation: marking it seen happens on opening.
          key={opened.id}
          invitation={opened}
          user={user}
          onClose={() => setOpenId(null)}
          onChanged={() => {
            query.reload();
            onSeen();
          }}
        />
      )}
    </Stack>
  );
}

function InvitationTable({
  invitations,
  onOpen,
}: {
  invitations: readonly MyInvitation[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label={t('planning.invitations.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('planning.invitations.columns.meeting')}</Table.Th>
            <Table.Th>{t('planning.invitations.columns.time')}</Table.Th>
            <Table.Th>{t('planning.invitations.columns.place')}</Table.Th>
            <Table.Th miw={150}>{t('planning.invitations.columns.status')}</Table.Th>
            <Table.Th miw={140}>{t('planning.invitations.columns.answer')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>
              {t('planning.invitations.columns.actions')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => {
            const { meeting } = invitation;
            const unseen = isUnseen(invitation);
            return (
              <Table.Tr key={invitation.id} data-testid={`invitation-row-${meeting.id}`}>
                <Table.Td>
                  <Group gap="xs" align="center">
                    <Text fw={unseen ? 700 : 600}>{meeting.title}</Text>
                    {unseen && (
                      <Badge color="red" variant="filled" size="sm">
                        {t('planning.invitations.new')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t(`planning.kinds.${meeting.kind}`)} ·{' '}
                    {invitation.addressee.kind === 'unit'
                      ? t('planning.invitations.forUnit', { unit: invitation.addressee.unit.name })
                      : t('planning.invitations.forPerson')}
                  </Text>
                </Table.Td>
                <Table.Td>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</Table.Td>
                <Table.Td>
                  {meeting.place || t('planning.none')}
                  {meeting.online && (
                    <Text size="sm" c="dimmed">
                      {t('planning.invitations.online')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <MeetingStatusBadge status={meeting.status} />
                    {invitation.announcements[0] && (
                      <Text size="sm">{invitation.announcements[0].text}</Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <AnswerSummary invitation={invitation} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant={unseen ? 'filled' : 'light'}
                    aria-label={t('planning.invitations.openLabel', { title: meeting.title })}
                    onClick={() => onOpen(invitation.id)}
                  >
                    {t('planning.invitations.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The answer as the planning screens word it: the badge, then who attends or why not. */
function AnswerSummary({ invitation }: { invitation: MyInvitation }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start">
      <ResponseBadge response={invitation.response} />
      {invitation.response === 'absent' && invitation.reason && (
        <Text size="sm">
          {t('planning.answers.absentWithReason', { reason: invitation.reason })}
        </Text>
      )}
      {invitation.response === 'proxy' && invitation.attendee && (
        <Text size="sm">{t('planning.answers.proxyFor', { name: invitation.attendee.name })}</Text>
      )}
      {invitation.response === 'attend' && invitation.attendee && (
        <Text size="sm">{invitation.attendee.name}</Text>
      )}
    </Stack>
  );
}

function InvitationDialog({
  invitation,
  user,
  onClose,
  onChanged,
}: {
  invitation: MyInvitation;
  user: User;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState(false);
  const { meeting } = invitation;
  const title = t('planning.invitations.dialogTitle', { title: meeting.title });

  // Opening marks it seen (the badge counts again once the server has it); once per opening,
  // not again when the list reloads.
  const markSeen = useEffectEvent(() => {
    if (!isUnseen(invitation)) return;
    callServer('markInvitationSeen', { id: invitation.id }, {}).then(
      () => onChanged(),
      // Not marked (offline): it stays new, nothing else depends on it.
      () => undefined,
    );
  });
  useEffect(() => markSeen(), [invitation.id]);

  return (
    <Modal
      opened
      onClose={onClose}
      fullScreen
      title={title}
      closeButtonProps={{ 'aria-label': t('planning.close') }}
      styles={{
        content: { display: 'flex', flexDirection: 'column' },
        body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 12 },
        title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' },
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Group gap="sm">
            <MeetingStatusBadge status={meeting.status} />
            <Text>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</Text>
          </Group>
          <Text>{meeting.place}</Text>
          <Text size="sm" c="dimmed">
            {t('planning.invitations.chair', { name: meeting.chairName })}
          </Text>
          <Group gap="xs">
            <Text size="sm">{t('planning.invitations.yourAnswer')}</Text>
            <AnswerSummary invitation={invitation} />
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end">
          {invitation.canAnswer ? (
            <Button onClick={() => setAnswering(true)}>
              {invitation.response === 'pending'
                ? t('planning.invitations.answerButton')
                : t('planning.invitations.changeAnswer')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('planning.invitations.cannotAnswer')}
            </Text>
          )}
        </Stack>
      </Group>
      {invitation.announcements.length > 0 && (
        <Stack gap={4} component="section" aria-label={t('planning.invitations.announcements')}>
          <Text fw={700}>{t('planning.invitations.announcements')}</Text>
          {invitation.announcements.map((a) => (
            <Text key={`${a.at}-${a.kind}`} size="sm">
              {formatDateTime(a.at)} — {a.text}
            </Text>
          ))}
        </Stack>
      )}
      <PlanningPdf request={{ kind: 'invitation', meetingId: meeting.id }} title={title} />
      {answering && (
        <AnswerDialog
          invitation={invitation}
          user={user}
          onClose={() => setAnswering(false)}
          onAnswered={onChanged}
        />
      )}
    </Modal>
  );
}
