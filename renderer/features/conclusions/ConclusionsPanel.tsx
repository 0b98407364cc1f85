/**
 * The meeting's conclusions, live: the editor (typing for the chair and the secretary, reading
 * for everyone else), where the text stands (draft or issued, saved or waiting for the link),
 * and, for the chair and the secretary, the tasks found in it to confirm.
 */
import { Alert, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { canEditConclusions } from '../../../common/domain/conclusions';
import { can } from '../../../common/domain/policy';
import type { MeetingDetail } from '../../../common/domain/meeting';
import { errorMessage } from '../../i18n/errorMessage';
import type { ConclusionsChannel } from '../../media/ConclusionsChannel';
import { ConclusionsEditor } from './ConclusionsEditor';
import { ExtractedTasks } from './ExtractedTasks';
import { IssueNoticeButton, OpenNoticeButton } from './IssueNotice';

export interface ConclusionsPanelProps {
  channel: ConclusionsChannel;
  meeting: MeetingDetail;
  userId: string;
  meetingRole: string;
}

export function ConclusionsPanel({ channel, meeting, userId, meetingRole }: ConclusionsPanelProps) {
  const { t } = useTranslation();
  const { status, pendingEdits, error } = useSyncExternalStore(
    channel.subscribe,
    channel.getSnapshot,
  );
  const staff = can(meetingRole, 'conclusions.edit');
  const editable = status !== null && canEditConclusions(meetingRole, status);
  return (
    <Paper component="section" withBorder p="md" aria-labelledby="conclusions-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} id="conclusions-title">
            {t('conclusions.title')}
          </Title>
          <Group gap="xs">
            {status ? (
              <Badge
                color={status.state === 'issued' ? 'green' : 'gray'}
                data-testid="conclusions-status"
              >
                {t(`conclusions.status.${status.state}`, { version: status.version })}
              </Badge>
            ) : null}
            {staff ? (
              <Text
                size="sm"
                c={pendingEdits ? 'orange' : 'dimmed'}
                role="status"
                data-testid="conclusions-saving"
              >
                {status === null
                  ? t('conclusions.saving.connecting')
                  : pendingEdits
                    ? t('conclusions.saving.pending')
                    : t('conclusions.saving.saved')}
              </Text>
            ) : null}
          </Group>
        </Group>
        {status ? (
          <Group gap="sm">
            {staff && status.state === 'draft' ? (
              <IssueNoticeButton channel={channel} meeting={meeting} />
            ) : null}
            {status.state === 'issued' ? (
              <OpenNoticeButton meetingId={meeting.id} status={status} />
            ) : null}
            {staff && status.state === 'issued' ? (
              <Button
                variant="default"
                onClick={() => void channel.revise().catch(() => undefined)}
              >
                {t('conclusions.issue.revise')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {error && staff ? (
          <Alert color="red" role="alert">
            {errorMessage(t, error)}
          </Alert>
        ) : null}
        {!staff ? (
          <Text size="sm" c="dimmed">
            {t('conclusions.readOnlyHint')}
          </Text>
        ) : null}
        <Grid>
          <Grid.Col span={{ base: 12, lg: staff ? 7 : 12 }}>
            <ConclusionsEditor doc={channel.doc} editable={editable} />
          </Grid.Col>
          {staff ? (
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <ExtractedTasks doc={channel.doc} meeting={meeting} userId={userId} />
            </Grid.Col>
          ) : null}
        </Grid>
      </Stack>
    </Paper>
  );
}
