import { Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { taskProgress, vietnamDate, type Task } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import { ExportButtons } from './ExportButtons';
import { i18nVietnamese } from './i18nVietnamese';
import { TaskDetailDrawer } from './TaskDetailDrawer';
import { TaskGantt } from './TaskGantt';
import { TaskTable } from './TaskTable';
import { useTasks } from './tasksStore';
import { useKnownMeetings } from './useKnownMeetings';
import { useSignedInUser } from './useSignedInUser';

/** In the order the conclusion assigns them: by section ("1", "2.1", "10"), then by id. */
function byConclusionOrder(a: Task, b: Task): number {
  const ref = (a.conclusionRef ?? '').localeCompare(b.conclusionRef ?? '', 'vi', { numeric: true });
  return ref !== 0 ? ref : a.id.localeCompare(b.id, 'en', { numeric: true });
}

/**
 * "Nhiệm vụ sau cuộc họp" on the meeting screen: every task of the meeting's conclusions the
 * user may see, as a table or a Gantt chart, with the task drawer and the export.
 */
export function MeetingTasksSection({
  meetingId,
  meetingTitle,
}: {
  meetingId: string;
  meetingTitle: string;
}) {
  const user = useSignedInUser();
  if (!user) return null;
  return <MeetingTasks user={user} meetingId={meetingId} meetingTitle={meetingTitle} />;
}

function MeetingTasks({
  user,
  meetingId,
  meetingTitle,
}: {
  user: User;
  meetingId: string;
  meetingTitle: string;
}) {
  const { t } = useTranslation();
  const snapshot = useTasks(user.id);
  const { roles } = useKnownMeetings();
  const [display, setDisplay] = useState<'table' | 'gantt'>('table');
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const today = vietnamDate();
  const tasks = snapshot.tasks
    .filter((task) => task.meetingId === meetingId)
    .sort(byConclusionOrder);
  const done = tasks.filter((task) => task.status === 'done').length;
  const overdue = tasks.filter((task) => taskProgress(task, today) === 'overdue').length;
  const headingId = `meeting-tasks-${meetingId}`;

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm" data-testid="meeting-tasks">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3" id={headingId}>
          {t('tasks.meetingSection.title')} ({tasks.length})
        </Title>
        {tasks.length > 0 && (
          <Group gap="sm">
            <SegmentedControl
              aria-label={t('tasks.meetingSection.display')}
              value={display}
              onChange={(value) => setDisplay(value as 'table' | 'gantt')}
              data={[
                { value: 'table', label: t('tasks.meetingSection.table') },
                { value: 'gantt', label: t('tasks.meetingSection.gantt') },
              ]}
            />
            <ExportButtons
              tasks={tasks}
              title={i18nVietnamese()('tasks.export.titleMeeting', { meeting: meetingTitle })}
            />
          </Group>
        )}
      </Group>
      {snapshot.status === 'loading' ? (
        <Text role="status">{t('app.loading')}</Text>
      ) : tasks.length === 0 ? (
        <Text c="dimmed">{t('tasks.meetingSection.empty')}</Text>
      ) : (
        <>
          <Text>{t('tasks.meetingSection.summary', { total: tasks.length, done, overdue })}</Text>
          {display === 'table' ? (
            <TaskTable
              tasks={tasks}
              today={today}
              pendingTaskIds={snapshot.pendingTaskIds}
              onOpen={setOpenTaskId}
              label={t('tasks.meetingSection.title')}
            />
          ) : (
            <TaskGantt tasks={tasks} today={today} onOpen={setOpenTaskId} headingLevel={3} />
          )}
        </>
      )}
      <TaskDetailDrawer
        user={user}
        taskId={openTaskId}
        onClose={() => setOpenTaskId(null)}
        meetingTitles={new Map([[meetingId, meetingTitle]])}
        meetingRoles={roles}
      />
    </Stack>
  );
}
