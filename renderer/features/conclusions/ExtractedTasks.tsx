/**
 * Beside the conclusions, for the secretary and the chair: the tasks the parser finds in the
 * text as it is typed, each with its fields to check and correct, and a button that assigns it
 * (a `task.create` recorded locally and synced, so it works on a weak link too).
 */
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  assignedTaskFor,
  draftOf,
  newTaskFromDraft,
  resolveAgency,
  type TaskDraft,
} from '../../../common/conclusions/assignTasks';
import type { MeetingDetail } from '../../../common/domain/meeting';
import { vietnamDate } from '../../../common/domain/task';
import { parseConclusion } from '../../../common/notices/parseConclusion';
import { foldVietnamese } from '../../../common/tasks/tracking';
import { DayInput, TaskDatesProvider } from '../tasks/DayInput';
import { newClientId, taskErrorMessage } from '../tasks/taskFormat';
import { getTasksStore, useTasks } from '../tasks/tasksStore';
import { useDocText } from './useDocText';

export interface ExtractedTasksProps {
  doc: Y.Doc;
  meeting: MeetingDetail;
  userId: string;
}

export function ExtractedTasks({ doc, meeting, userId }: ExtractedTasksProps) {
  const { t } = useTranslation();
  const text = useDocText(doc);
  const referenceDate = vietnamDate(new Date(meeting.startsAt));
  const parsed = useMemo(
    () => parseConclusion(text, { referenceDate }).tasks,
    [text, referenceDate],
  );
  const { tasks } = useTasks(userId);
  const meetingTasks = useMemo(
    () => tasks.filter((task) => task.meetingId === meeting.id),
    [tasks, meeting.id],
  );
  return (
    <Stack gap="sm" component="section" aria-labelledby="extracted-tasks-title">
      <Title order={4} id="extracted-tasks-title">
        {t('conclusions.extracted.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {parsed.length === 0 ? t('conclusions.extracted.empty') : t('conclusions.extracted.hint')}
      </Text>
      <TaskDatesProvider>
        {parsed.map((task, i) => (
          <DraftCard
            // The sentence's own words identify it while other paragraphs change around it.
            key={`${foldVietnamese(task.lead)}|${foldVietnamese(task.content).slice(0, 80)}|${i}`}
            n={i + 1}
            initial={draftOf(task)}
            meeting={meeting}
            meetingTasks={meetingTasks}
            userId={userId}
          />
        ))}
      </TaskDatesProvider>
    </Stack>
  );
}

function DraftCard(props: {
  n: number;
  initial: TaskDraft;
  meeting: MeetingDetail;
  meetingTasks: Parameters<typeof assignedTaskFor>[1];
  userId: string;
}) {
  const { t } = useTranslation();
  const { n, meeting } = props;
  const [draft, setDraft] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<TaskDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const assigned = assignedTaskFor(draft, props.meetingTasks);
  const agencyNames = meeting.agencies.map((a) => a.name);
  const leadKnown = resolveAgency(draft.lead, meeting.agencies).id !== null;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const task = newTaskFromDraft(draft, {
        id: newClientId('task'),
        meetingId: meeting.id,
        conclusionRef: String(n),
        agencies: meeting.agencies,
      });
      await getTasksStore(props.userId).mutate({ name: 'task.create', args: { task } });
      notifications.show({
        color: 'green',
        title: t('conclusions.extracted.createdToast', { lead: task.lead.name }),
        message: undefined,
      });
    } catch (caught) {
      setError(taskErrorMessage(t, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper
      withBorder
      p="sm"
      data-testid="extracted-task"
      role="group"
      aria-label={t('conclusions.extracted.item', { n })}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('conclusions.extracted.item', { n })}</Text>
          {assigned ? (
            <Badge color="green" data-testid="extracted-task-assigned">
              {t('conclusions.extracted.created')}
            </Badge>
          ) : null}
        </Group>
        <Autocomplete
          label={t('conclusions.extracted.lead')}
          data={agencyNames}
          value={draft.lead}
          onChange={(lead) => set({ lead })}
          error={leadKnown ? undefined : t('conclusions.extracted.unknownAgency')}
          disabled={!!assigned}
        />
        <TagsInput
          label={t('conclusions.extracted.cooperating')}
          data={agencyNames}
          value={draft.cooperating}
          onChange={(cooperating) => set({ cooperating })}
          disabled={!!assigned}
        />
        <Textarea
          label={t('conclusions.extracted.content')}
          autosize
          minRows={2}
          value={draft.content}
          onChange={(e) => set({ content: e.currentTarget.value })}
          disabled={!!assigned}
        />
        <Group grow>
          <DayInput
            size="sm"
            label={t('conclusions.extracted.due')}
            value={draft.due}
            onChange={(due) => set({ due })}
            disabled={!!assigned}
          />
          <Select
            label={t('conclusions.extracted.recurrence')}
            value={draft.recurrence ?? 'none'}
            onChange={(value) =>
              set({ recurrence: value === 'weekly' || value === 'monthly' ? value : null })
            }
            data={[
              { value: 'none', label: t('conclusions.extracted.recurrenceNone') },
              { value: 'weekly', label: t('conclusions.extracted.recurrenceWeekly') },
              { value: 'monthly', label: t('conclusions.extracted.recurrenceMonthly') },
            ]}
            allowDeselect={false}
            disabled={!!assigned}
          />
        </Group>
        <Autocomplete
          label={t('conclusions.extracted.reportTo')}
          data={agencyNames}
          value={draft.reportTo ?? ''}
          onChange={(reportTo) => set({ reportTo: reportTo || null })}
          disabled={!!assigned}
        />
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {assigned ? null : (
          <Button
            onClick={() => void confirm()}
            loading={busy}
            disabled={!draft.lead.trim() || !draft.content.trim()}
          >
            {t('conclusions.extracted.confirm')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
