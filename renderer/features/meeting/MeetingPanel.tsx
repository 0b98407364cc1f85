/**
 * The live meeting beside the video: attendance per site, the speaking queue and votes. What a
 * person may do follows their role in the meeting; the server checks it again.
 */
import { can } from '../../../common/domain/policy';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  headCountBySite,
  type Attendee,
  type MeetingState,
  type Vote,
} from '../../../common/domain/meetingSession';
import { errorMessage } from '../../i18n/errorMessage';
import type { MeetingChannel } from '../../media/MeetingChannel';

export interface MeetingPanelProps {
  channel: MeetingChannel;
  userId: string;
}

const STATUS_COLOR: Record<Attendee['status'], string> = {
  not_checked_in: 'gray',
  present: 'green',
  late: 'yellow',
  absent: 'red',
};

export function MeetingPanel({ channel, userId }: MeetingPanelProps) {
  const { t } = useTranslation();
  const { state, error } = useSyncExternalStore(channel.subscribe, channel.getSnapshot);
  if (!state) return null;
  const me = state.attendance.find((a) => a.userId === userId);
  const staff = can(me?.meetingRole, 'session.run');
  return (
    <Paper component="section" withBorder p="md" aria-label={t('live.panel')}>
      <Stack gap="sm">
        <Title order={3}>{t('live.panel')}</Title>
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(t, error)}
          </Alert>
        ) : null}
        <Tabs defaultValue="attendance" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="attendance">{t('live.tabs.attendance')}</Tabs.Tab>
            <Tabs.Tab value="floor">
              {t('live.tabs.floor')}
              {state.floor.queue.length > 0 ? ` (${state.floor.queue.length})` : ''}
            </Tabs.Tab>
            <Tabs.Tab value="votes">{t('live.tabs.votes')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="attendance" pt="sm">
            <AttendanceList state={state} channel={channel} me={me} staff={staff} />
          </Tabs.Panel>
          <Tabs.Panel value="floor" pt="sm">
            <SpeakingQueue state={state} channel={channel} userId={userId} staff={staff} />
          </Tabs.Panel>
          <Tabs.Panel value="votes" pt="sm">
            <Votes state={state} channel={channel} isChair={can(me?.meetingRole, 'votes.run')} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}

function AttendanceList({
  state,
  channel,
  me,
  staff,
}: {
  state: MeetingState;
  channel: MeetingChannel;
  me: Attendee | undefined;
  staff: boolean;
}) {
  const { t } = useTranslation();
  const counts = headCountBySite(state.attendance);
  const checkedIn = me && (me.status === 'present' || me.status === 'late');
  return (
    <Stack gap="sm">
      <Button
        onClick={() => void channel.checkIn()}
        disabled={!me || checkedIn}
        variant={checkedIn ? 'light' : 'filled'}
      >
        {checkedIn ? t('live.attendance.checkedIn') : t('live.attendance.checkInMe')}
      </Button>
      {[...counts.entries()].map(([siteId, count]) => (
        <Stack key={siteId} gap={4} role="group" aria-label={count.siteName}>
          <Group justify="space-between">
            <Text fw={600}>{count.siteName}</Text>
            <Text size="sm" c="dimmed">
              {t('live.attendance.headCount', count)}
            </Text>
          </Group>
          {state.attendance
            .filter((a) => a.siteId === siteId)
            .map((a) => (
              <Group key={a.userId} justify="space-between" wrap="nowrap" data-user-id={a.userId}>
                <Stack gap={0}>
                  <Text size="sm">{a.fullName}</Text>
                  <Text size="xs" c="dimmed">
                    {a.agencyName}
                    {a.absenceReason
                      ? ` · ${t('live.attendance.absentReason', { reason: a.absenceReason })}`
                      : ''}
                    {a.proxy ? ` · ${t('live.attendance.proxy', { name: a.proxy.fullName })}` : ''}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="nowrap">
                  <Badge color={STATUS_COLOR[a.status]} variant="light">
                    {t(`live.attendance.status.${a.status}`)}
                  </Badge>
                  {staff && a.status === 'not_checked_in' ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => void channel.checkIn(a.userId)}
                      aria-label={`${t('live.attendance.checkIn')}: ${a.fullName}`}
                    >
                      {t('live.attendance.checkIn')}
                    </Button>
                  ) : null}
                </Group>
              </Group>
            ))}
        </Stack>
      ))}
    </Stack>
  );
}

function SpeakingQueue({
  state,
  channel,
  userId,
  staff,
}: {
  state: MeetingState;
  channel: MeetingChannel;
  userId: string;
  staff: boolean;
}) {
  const { t } = useTranslation();
  const [topic, setTopic] = useState('');
  const { queue, current } = state.floor;
  const mine = queue.find((r) => r.userId === userId);
  return (
    <Stack gap="sm">
      {current ? (
        <Alert color="blue" role="status" aria-live="polite">
          <Group justify="space-between">
            <Text>
              {t('live.floor.speaking', { name: current.fullName, site: current.siteName })}
            </Text>
            {staff || current.userId === userId ? (
              <Button size="xs" variant="light" onClick={() => void channel.endFloor(current.id)}>
                {current.userId === userId ? t('live.floor.yield') : t('live.floor.end')}
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      {mine ? (
        <Button variant="light" onClick={() => void channel.withdrawFloor(mine.id)}>
          {t('live.floor.withdraw')}
        </Button>
      ) : current?.userId === userId ? null : (
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('live.floor.topic')}
            value={topic}
            maxLength={300}
            onChange={(e) => setTopic(e.currentTarget.value)}
          />
          <Button
            onClick={() =>
              void channel.requestFloor(topic.trim() || null).then((ok) => ok && setTopic(''))
            }
          >
            {t('live.floor.request')}
          </Button>
        </Group>
      )}
      <Text fw={600}>{t('live.floor.queue')}</Text>
      {queue.length === 0 ? (
        <Text c="dimmed">{t('live.floor.empty')}</Text>
      ) : (
        <Stack
          component="ol"
          gap="xs"
          aria-label={t('live.floor.queue')}
          style={{ paddingLeft: 20 }}
        >
          {queue.map((r) => (
            <li key={r.id} data-request-id={r.id}>
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text size="sm">
                    {r.fullName} — {r.siteName}
                  </Text>
                  {r.topic ? (
                    <Text size="xs" c="dimmed">
                      {r.topic}
                    </Text>
                  ) : null}
                </Stack>
                {staff ? (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="compact-sm" onClick={() => void channel.grantFloor(r.id)}>
                      {t('live.floor.grant')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => void channel.declineFloor(r.id)}
                    >
                      {t('live.floor.decline')}
                    </Button>
                  </Group>
                ) : null}
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Votes({
  state,
  channel,
  isChair,
}: {
  state: MeetingState;
  channel: MeetingChannel;
  isChair: boolean;
}) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const [secret, setSecret] = useState(false);
  return (
    <Stack gap="sm">
      {isChair ? (
        <Stack gap="xs">
          <TextInput
            label={t('live.votes.question')}
            value={question}
            maxLength={1000}
            onChange={(e) => setQuestion(e.currentTarget.value)}
          />
          <Group justify="space-between">
            <Checkbox
              label={t('live.votes.secret')}
              checked={secret}
              onChange={(e) => setSecret(e.currentTarget.checked)}
            />
            <Button
              disabled={!question.trim()}
              onClick={() =>
                void channel.openVote(question.trim(), secret).then((ok) => ok && setQuestion(''))
              }
            >
              {t('live.votes.open')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {state.votes.length === 0 ? <Text c="dimmed">{t('live.votes.empty')}</Text> : null}
      {state.votes.map((vote) => (
        <VoteCard key={vote.id} vote={vote} channel={channel} isChair={isChair} />
      ))}
    </Stack>
  );
}

function VoteCard({
  vote,
  channel,
  isChair,
}: {
  vote: Vote;
  channel: MeetingChannel;
  isChair: boolean;
}) {
  const { t } = useTranslation();
  const open = vote.status === 'open';
  const total = vote.tally?.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <Paper withBorder p="sm" role="region" aria-label={vote.question} data-vote-id={vote.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{vote.question}</Text>
          <Group gap={4} wrap="nowrap">
            {vote.secret ? <Badge variant="outline">{t('live.votes.secretBadge')}</Badge> : null}
            <Badge color={open ? 'green' : 'gray'}>
              {open ? t('live.votes.openStatus') : t('live.votes.closedStatus')}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('live.votes.progress', { voted: vote.votedCount, eligible: vote.eligibleCount })}
        </Text>
        {open && vote.eligible && vote.myBallot === null ? (
          <Group gap="xs">
            {vote.options.map((option, i) => (
              <Button
                key={option}
                variant="light"
                onClick={() => void channel.castVote(vote.id, i)}
              >
                {option}
              </Button>
            ))}
          </Group>
        ) : null}
        {vote.myBallot === 'secret' ? (
          <Text size="sm">{t('live.votes.mySecretBallot')}</Text>
        ) : null}
        {typeof vote.myBallot === 'number' ? (
          <Text size="sm">{t('live.votes.myBallot', { option: vote.options[vote.myBallot] })}</Text>
        ) : null}
        {!vote.eligible ? (
          <Text size="sm" c="dimmed">
            {t('live.votes.notEligible')}
          </Text>
        ) : null}
        {vote.tally ? (
          <Stack gap={4} aria-label={t('live.votes.result')}>
            {vote.options.map((option, i) => (
              <div key={option} data-option={option}>
                <Group justify="space-between">
                  <Text size="sm">{option}</Text>
                  <Text size="sm" data-testid="vote-count">
                    {t('live.votes.count', { count: vote.tally![i] })}
                  </Text>
                </Group>
                <Progress value={total ? (100 * vote.tally![i]!) / total : 0} aria-hidden />
              </div>
            ))}
          </Stack>
        ) : null}
        {isChair && open ? (
          <Button variant="outline" color="red" onClick={() => void channel.closeVote(vote.id)}>
            {t('live.votes.close')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
