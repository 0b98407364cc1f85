import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vietnamDate, type Task, type TaskProgress } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import { managesSomeTasks, taskActorOf } from '../../../common/tasks/mutations';
import {
  agenciesOf,
  agencyKey,
  filterTasks,
  myAgencyTasks,
  overdueByAgency,
  sortByUrgency,
  TASK_PROGRESS_VALUES,
  type TaskFilter,
} from '../../../common/tasks/tracking';
import { LoadError } from '../../app/LoadError';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { i18nVietnamese } from './i18nVietnamese';
import { DayInput, TaskDatesProvider } from './DayInput';
import { ExportButtons } from './ExportButtons';
import { TaskDetailDrawer } from './TaskDetailDrawer';
import { TaskGantt } from './TaskGantt';
import { TaskTable } from './TaskTable';
import { getTasksStore, useTasks } from './tasksStore';
import { useKnownMeetings } from './useKnownMeetings';

// The charts library (recharts) is large: loaded when the summary is first opened.
const TaskDashboard = lazy(() =>
  import('./TaskDashboard').then((module) => ({ default: module.TaskDashboard })),
);

type TasksView = 'mine' | 'all' | 'overdue' | 'dashboard' | 'gantt';
const VIEWS: readonly TasksView[] = ['mine', 'all', 'overdue', 'dashboard', 'gantt'];

interface FilterState {
  agency: string | null;
  progress: TaskProgress[];
  dueFrom: string | null;
  dueTo: string | null;
  meetingId: string | null;
  text: string;
}

const NO_FILTER: FilterState = {
  agency: null,
  progress: [],
  dueFrom: null,
  dueTo: null,
  meetingId: null,
  text: '',
};

/**
 * "Nhiệm vụ": the follow-up of every task the user may see. Views: the user's agency's tasks,
 * all tasks, the overdue list per agency, the summary dashboard, and a meeting's Gantt chart; one
 * set of filters applies to all of them, and the export saves what the view shows.
 */
/** A request to show one task (a new object each time, so the same task can be asked for again). */
export interface TaskOpenRequest {
  /** null: just the list. */
  taskId: string | null;
}

export function TasksScreen({
  user,
  openRequest = null,
}: {
  user: User;
  openRequest?: TaskOpenRequest | null;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const snapshot = useTasks(user.id);
  const meetings = useKnownMeetings();
  const meetingTitles = meetings.titles;
  // Whoever manages some meeting's tasks starts on every task, others on their agency's; a view
  // the user chose stays (the meeting list, and so the roles, may arrive after the first render).
  const staff = managesSomeTasks(taskActorOf(user, meetings.roles));
  const [chosenView, setView] = useState<TasksView | null>(null);
  const view: TasksView = chosenView ?? (staff ? 'all' : 'mine');
  const [filters, setFilters] = useState<FilterState>(NO_FILTER);
  const [openTaskId, setOpenTaskId] = useState<string | null>(openRequest?.taskId ?? null);
  // Adjusted while rendering (not in an effect): a new request opens its task at once.
  const [seenRequest, setSeenRequest] = useState(openRequest);
  if (openRequest !== seenRequest) {
    setSeenRequest(openRequest);
    if (openRequest?.taskId) setOpenTaskId(openRequest.taskId);
  }
  const today = vietnamDate();
  const set = (patch: Partial<FilterState>) => setFilters((f) => ({ ...f, ...patch }));

  const base = view === 'mine' ? myAgencyTasks(snapshot.tasks, user.agency.id) : snapshot.tasks;
  const filter: TaskFilter = {
    agency: filters.agency,
    progress: view === 'overdue' ? ['overdue'] : filters.progress,
    dueFrom: filters.dueFrom,
    dueTo: filters.dueTo,
    meetingId: filters.meetingId,
    text: filters.text,
  };
  const shown = sortByUrgency(filterTasks(base, filter, today), today);
  const agencies = agenciesOf(snapshot.tasks);
  const meetingIds = [...new Set(snapshot.tasks.map((task) => task.meetingId))];
  const meetingLabel = (id: string) => meetingTitles.get(id) ?? t('tasks.unknownMeeting', { id });

  const tVi = i18nVietnamese();
  const exportTitle = (() => {
    if (filters.meetingId)
      return tVi('tasks.export.titleMeeting', { meeting: meetingLabel(filters.meetingId) });
    if (view === 'mine') return tVi('tasks.export.titleMine', { agency: user.agency.name });
    if (view === 'overdue') return tVi('tasks.export.titleOverdue');
    return tVi('tasks.export.titleAll');
  })();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {t('tasks.title')}
        </Title>
        {view !== 'gantt' && <ExportButtons tasks={shown} title={exportTitle} />}
      </Group>

      {snapshot.status === 'error' && snapshot.error ? (
        <LoadError
          title={t('tasks.loadFailed')}
          error={snapshot.error}
          onRetry={() => getTasksStore(user.id).refresh()}
          retrying={false}
        />
      ) : null}

      <TaskDatesProvider>
        <Stack
          component="form"
          role="search"
          aria-label={t('tasks.filters.label')}
          gap="sm"
          onSubmit={(event) => event.preventDefault()}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <TextInput
              label={t('tasks.filters.search')}
              placeholder={t('tasks.filters.searchPlaceholder')}
              type="search"
              value={filters.text}
              onChange={(event) => set({ text: event.currentTarget.value })}
            />
            <Select
              label={t('tasks.filters.agency')}
              placeholder={t('tasks.filters.agencyAll')}
              searchable
              clearable
              size="md"
              data={agencies.map((a) => ({ value: agencyKey(a), label: a.name }))}
              value={filters.agency}
              onChange={(agency) => set({ agency })}
            />
            <Select
              label={t('tasks.filters.meeting')}
              placeholder={t('tasks.filters.meetingAll')}
              searchable
              clearable
              size="md"
              data={meetingIds.map((id) => ({ value: id, label: meetingLabel(id) }))}
              value={filters.meetingId}
              onChange={(meetingId) => set({ meetingId })}
            />
            <MultiSelect
              label={t('tasks.filters.progress')}
              placeholder={
                view !== 'overdue' && filters.progress.length === 0
                  ? t('tasks.filters.progressAll')
                  : undefined
              }
              clearable
              size="md"
              disabled={view === 'overdue'}
              data={TASK_PROGRESS_VALUES.map((value) => ({
                value,
                label: t(`tasks.progress.${value}`),
              }))}
              value={view === 'overdue' ? ['overdue'] : filters.progress}
              onChange={(values) => set({ progress: values as TaskProgress[] })}
            />
            <DayInput
              label={t('tasks.filters.dueFrom')}
              value={filters.dueFrom}
              onChange={(dueFrom) => set({ dueFrom })}
            />
            <DayInput
              label={t('tasks.filters.dueTo')}
              value={filters.dueTo}
              onChange={(dueTo) => set({ dueTo })}
            />
          </SimpleGrid>
          <Group justify="space-between">
            <Text role="status" aria-live="polite" c="dimmed">
              {t('tasks.filters.count', { shown: shown.length, total: base.length })}
            </Text>
            <Button variant="subtle" onClick={() => setFilters(NO_FILTER)}>
              {t('tasks.filters.clear')}
            </Button>
          </Group>
        </Stack>
      </TaskDatesProvider>

      <Tabs
        value={view}
        onChange={(value) => value && setView(value as TasksView)}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List aria-label={t('tasks.views.label')}>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v} fz="md" fw={600}>
              {t(`tasks.views.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>

        <Tabs.Panel value="mine" pt="md">
          <ViewBody snapshotReady={snapshot.status !== 'loading'}>
            <TaskTable
              tasks={shown}
              today={today}
              pendingTaskIds={snapshot.pendingTaskIds}
              onOpen={setOpenTaskId}
              label={t('tasks.views.mine')}
            />
          </ViewBody>
        </Tabs.Panel>
        <Tabs.Panel value="all" pt="md">
          <ViewBody snapshotReady={snapshot.status !== 'loading'}>
            <TaskTable
              tasks={shown}
              today={today}
              pendingTaskIds={snapshot.pendingTaskIds}
              onOpen={setOpenTaskId}
              label={t('tasks.views.all')}
            />
          </ViewBody>
        </Tabs.Panel>
        <Tabs.Panel value="overdue" pt="md">
          <ViewBody snapshotReady={snapshot.status !== 'loading'}>
            <OverdueTables
              tasks={shown}
              today={today}
              pendingTaskIds={snapshot.pendingTaskIds}
              onOpen={setOpenTaskId}
            />
          </ViewBody>
        </Tabs.Panel>
        <Tabs.Panel value="dashboard" pt="md">
          <ViewBody snapshotReady={snapshot.status !== 'loading'}>
            <Suspense fallback={<Text role="status">{t('app.loading')}</Text>}>
              <TaskDashboard tasks={shown} today={today} onOpen={setOpenTaskId} />
            </Suspense>
          </ViewBody>
        </Tabs.Panel>
        <Tabs.Panel value="gantt" pt="md">
          <ViewBody snapshotReady={snapshot.status !== 'loading'}>
            {filters.meetingId ? (
              <TaskGantt tasks={shown} today={today} onOpen={setOpenTaskId} />
            ) : (
              <Text size="lg">{t('tasks.gantt.chooseMeeting')}</Text>
            )}
          </ViewBody>
        </Tabs.Panel>
      </Tabs>

      <TaskDetailDrawer
        user={user}
        taskId={openTaskId}
        onClose={() => setOpenTaskId(null)}
        meetingTitles={meetingTitles}
        meetingRoles={meetings.roles}
      />
    </Stack>
  );
}

function ViewBody({
  snapshotReady,
  children,
}: {
  snapshotReady: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return snapshotReady ? children : <Text role="status">{t('app.loading')}</Text>;
}

/** The overdue view: one table per lead agency, the agency with the most overdue tasks first. */
function OverdueTables({
  tasks,
  today,
  pendingTaskIds,
  onOpen,
}: {
  tasks: readonly Task[];
  today: string;
  pendingTaskIds: ReadonlySet<string>;
  onOpen: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const groups = overdueByAgency(tasks, today);
  return (
    <Stack gap="lg" data-testid="overdue-list">
      <Title order={2} size="h3">
        {t('tasks.overdueList.title')}
      </Title>
      {groups.length === 0 ? (
        <Text c="dimmed">{t('tasks.overdueList.empty')}</Text>
      ) : (
        groups.map((group) => (
          <Stack
            key={group.key}
            gap="xs"
            component="section"
            aria-label={group.agency.name}
            data-testid="overdue-agency"
          >
            <Group gap="sm">
              <Title order={3} size="h4">
                {group.agency.name}
              </Title>
              <Text c="red.9" fw={600}>
                {t('tasks.overdueList.agencyCount', { count: group.tasks.length })}
              </Text>
            </Group>
            <TaskTable
              tasks={group.tasks.map((o) => o.task)}
              today={today}
              pendingTaskIds={pendingTaskIds}
              onOpen={onOpen}
              label={group.agency.name}
              hideLead
            />
          </Stack>
        ))
      )}
    </Stack>
  );
}
