import { QueryView } from '../../app/QueryView';
import { Badge, Button, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../common/domain/meeting';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { useIpcQuery } from '../../lib/useIpcQuery';
import { MeetingFacts } from './MeetingFacts';
import { groupMeetings, MEETING_SECTIONS } from './grouping';
import classes from './MeetingList.module.css';

export function MeetingList({ onOpen }: { onOpen: (meetingId: string) => void }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const query = useIpcQuery('meetings.list', {});

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {t('meetings.title')}
        </Title>
        <Button
          variant="default"
          onClick={query.reload}
          loading={query.status !== 'loading' && query.reloading}
        >
          {t('app.refresh')}
        </Button>
      </Group>

      <QueryView query={query} errorTitle={t('meetings.loadFailed')}>
        {(data) =>
          data.meetings.length === 0 ? (
            <Text size="lg">{t('meetings.empty')}</Text>
          ) : (
            <MeetingSections meetings={data.meetings} onOpen={onOpen} />
          )
        }
      </QueryView>
    </Stack>
  );
}

function MeetingSections({
  meetings,
  onOpen,
}: {
  meetings: readonly MeetingSummary[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const groups = groupMeetings(meetings);
  return MEETING_SECTIONS.map((phase) => {
    const headingId = `meetings-section-${phase}`;
    const items = groups[phase];
    return (
      <Stack key={phase} component="section" aria-labelledby={headingId} gap="sm">
        <Group gap="xs" align="center">
          <Title order={2} size="h3" id={headingId}>
            {t(`meetings.sections.${phase}`)}
          </Title>
          <Badge
            variant="light"
            color={phase === 'in_progress' ? 'green' : 'gray'}
            size="lg"
            aria-hidden
          >
            {items.length}
          </Badge>
        </Group>
        {items.length === 0 ? (
          <Text c="dimmed">{t('meetings.emptySection')}</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((meeting) => (
              <li key={meeting.id}>
                <MeetingCard meeting={meeting} onOpen={onOpen} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    );
  });
}

function MeetingCard({
  meeting,
  onOpen,
}: {
  meeting: MeetingSummary;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      className={classes.card}
      data-testid={`meeting-card-${meeting.id}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Title order={3} size="h4">
          <UnstyledButton className={classes.titleButton} onClick={() => onOpen(meeting.id)}>
            {meeting.title}
          </UnstyledButton>
        </Title>
        <Badge variant="light" size="lg" style={{ flexShrink: 0 }}>
          {t('meetings.siteCount', { count: meeting.siteCount })}
        </Badge>
      </Group>
      <MeetingFacts meeting={meeting} labelWidth="7rem" mt="sm" />
    </Card>
  );
}
