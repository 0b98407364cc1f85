import { QueryView } from '../../app/QueryView';
import { Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail as Meeting } from '../../../common/domain/meeting';
import { AgendaView } from '../documents/AgendaView';
import { MeetingTasksSection } from '../tasks/MeetingTasksSection';
import { groupParticipantsBySite, type SiteGroup } from './grouping';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { useIpcQuery } from '../../lib/useIpcQuery';
import { MeetingFacts } from './MeetingFacts';

export function MeetingDetail({
  meetingId,
  onBack,
  onJoin,
}: {
  meetingId: string;
  onBack: () => void;
  onJoin: () => void;
}) {
  const { t } = useTranslation();
  const query = useIpcQuery('meetings.get', { id: meetingId });

  return (
    <Stack gap="lg">
      <Group>
        <Button variant="subtle" onClick={onBack} leftSection={<span aria-hidden>←</span>}>
          {t('meeting.backToList')}
        </Button>
      </Group>

      <QueryView query={query} errorTitle={t('meeting.loadFailed')}>
        {(data) => <MeetingBody meeting={data.meeting} onJoin={onJoin} />}
      </QueryView>
    </Stack>
  );
}

function MeetingBody({ meeting, onJoin }: { meeting: Meeting; onJoin: () => void }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const siteGroups = groupParticipantsBySite(meeting);

  return (
    <Stack gap="xl">
      <Stack gap="md">
        <Group gap="sm">
          <Badge
            variant="light"
            size="lg"
            color={meeting.phase === 'in_progress' ? 'green' : 'gray'}
          >
            {t(`meetings.sections.${meeting.phase}`)}
          </Badge>
        </Group>
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {meeting.title}
        </Title>
        <MeetingFacts meeting={meeting} organizer={meeting.organizer} labelWidth="10rem" />
        <Group>
          <Button size="lg" onClick={onJoin}>
            {t('meeting.join')}
          </Button>
        </Group>
      </Stack>

      {/* Agenda, documents and their offline copies (issue #4). */}
      <AgendaView meetingId={meeting.id} />

      {/* Follow-up tasks of the meeting's conclusions (issue #6). */}
      <MeetingTasksSection meetingId={meeting.id} meetingTitle={meeting.title} />

      <Stack component="section" aria-labelledby="meeting-sites" gap="sm">
        <Title order={2} size="h3" id="meeting-sites">
          {t('meeting.sites')} ({meeting.sites.length})
        </Title>
        <List spacing="xs" size="md">
          {siteGroups.map(({ site }) =>
            site ? (
              <List.Item key={site.id}>
                <Group gap="xs">
                  <Text fw={site.isHost ? 700 : 400}>{site.name}</Text>
                  {site.isHost && (
                    <Badge color="blue" variant="filled">
                      {t('meeting.hostSite')}
                    </Badge>
                  )}
                </Group>
              </List.Item>
            ) : null,
          )}
        </List>
      </Stack>

      <Stack component="section" aria-labelledby="meeting-participants" gap="md">
        <Title order={2} size="h3" id="meeting-participants">
          {t('meeting.participants')}
        </Title>
        {meeting.participants.length === 0 ? (
          <Text c="dimmed">{t('meeting.participantsEmpty')}</Text>
        ) : (
          siteGroups
            .filter((group) => group.participants.length > 0)
            .map((group) => <SiteParticipants key={group.site?.id ?? '(none)'} group={group} />)
        )}
      </Stack>
    </Stack>
  );
}

function SiteParticipants({ group }: { group: SiteGroup }) {
  const { t } = useTranslation();
  const headingId = useId();
  const name = group.site?.name ?? t('meeting.unknownSite');
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {name}
        </Title>
        {group.site?.isHost && <Badge variant="light">{t('meeting.hostSite')}</Badge>}
        <Text c="dimmed">
          ({t('meeting.participantCount', { count: group.participants.length })})
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table
          striped
          highlightOnHover
          withTableBorder
          verticalSpacing="sm"
          fz="md"
          aria-labelledby={headingId}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('meeting.columns.fullName')}</Table.Th>
              <Table.Th scope="col">{t('meeting.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('meeting.columns.agency')}</Table.Th>
              <Table.Th scope="col">{t('meeting.columns.role')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.participants.map((participant) => (
              <Table.Tr key={participant.userId}>
                <Table.Th scope="row" fw={600}>
                  {participant.fullName}
                </Table.Th>
                <Table.Td>{participant.title}</Table.Td>
                <Table.Td>{participant.agencyName}</Table.Td>
                <Table.Td>{t(`meeting.roles.${participant.meetingRole}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
