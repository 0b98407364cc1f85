import {
  Accordion,
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { taskProgress, vietnamDate, type Attachment, type Task } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import {
  checkTaskMutation,
  isLeadAgencyMember,
  taskActorOf,
  type MeetingRoles,
  type TaskMutation,
} from '../../../common/tasks/mutations';
import {
  agenciesOf,
  isWeeklyReportDue,
  nextWeeklyReportDate,
} from '../../../common/tasks/tracking';
import { formatDateTime } from '../../lib/format';
import { ProgressBadge } from './ProgressBadge';
import { DifficultiesForm, EditForm, ExtendForm, ReportForm, StatusForm } from './TaskForms';
import { TaskDatesProvider } from './DayInput';
import { formatBytes } from '../documents/agendaState';
import { downloadAttachment } from './reportAttachments';
import { dueText, formatDay, taskErrorMessage } from './taskFormat';
import { getTasksStore, useTasks } from './tasksStore';

export interface TaskDetailDrawerProps {
  user: User;
  /** The task shown; null keeps the drawer closed. */
  taskId: string | null;
  onClose: () => void;
  /** Meeting titles by id, when known (the tasks screen has them from the meeting list). */
  meetingTitles?: ReadonlyMap<string, string>;
  /**
   * The user's role in each meeting (`useKnownMeetings`): with the user's system roles, what
   * decides which changes the drawer offers, by the rules main and the server apply.
   */
  meetingRoles: MeetingRoles;
}

/** Everything about one task, its history, and the changes the user may make. */
export function TaskDetailDrawer({
  user,
  taskId,
  onClose,
  meetingTitles,
  meetingRoles,
}: TaskDetailDrawerProps) {
  const { t } = useTranslation();
  const snapshot = useTasks(user.id);
  const task = taskId ? snapshot.tasks.find((x) => x.id === taskId) : undefined;
  return (
    <Drawer
      opened={taskId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      padding="lg"
      title={
        <Text fw={700} size="lg" component="span">
          {t('tasks.detail.title')}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('tasks.detail.close') }}
    >
      {taskId !== null &&
        (task ? (
          <TaskDetail
            key={task.id}
            task={task}
            user={user}
            pending={snapshot.pendingTaskIds.has(task.id)}
            allTasks={snapshot.tasks}
            meetingTitle={meetingTitles?.get(task.meetingId)}
            meetingRoles={meetingRoles}
          />
        ) : (
          <Text>{t('tasks.detail.notFound')}</Text>
        ))}
    </Drawer>
  );
}

function TaskDetail({
  task,
  user,
  pending,
  allTasks,
  meetingTitle,
  meetingRoles,
}: {
  task: Task;
  user: User;
  pending: boolean;
  allTasks: readonly Task[];
  meetingTitle: string | undefined;
  meetingRoles: MeetingRoles;
}) {
  const { t } = useTranslation();
  const today = vietnamDate();
  const progress = taskProgress(task, today);
  const due = dueText(t, task, today);
  const store = getTasksStore(user.id);
  const actor = taskActorOf(user, meetingRoles);
  const allowed = (mutation: TaskMutation) => checkTaskMutation(actor, task, mutation) === null;
  // Probe mutations: only who may do what matters here, not the values.
  const probe = 'probe-id-0000';
  const can = {
    report: allowed({
      name: 'task.report',
      args: { taskId: task.id, reportId: probe, text: '-', percent: 0 },
    }),
    status: allowed({
      name: 'task.setStatus',
      args: { taskId: task.id, status: task.status, seenStatusClock: task.statusClock },
    }),
    difficulties: allowed({
      name: 'task.setDifficulties',
      args: { taskId: task.id, difficulties: null, proposals: null },
    }),
    edit: allowed({ name: 'task.update', args: { taskId: task.id, fields: { content: '-' } } }),
    extend: allowed({
      name: 'task.extend',
      args: { taskId: task.id, extensionId: probe, newDue: today, reason: '-' },
    }),
  };
  const anyAction = Object.values(can).some(Boolean);
  const reports = [...task.reports].sort(
    (a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt),
  );
  const nextWeekly = nextWeeklyReportDate(task);
  const none = (
    <Text span c="dimmed">
      {t('tasks.detail.none')}
    </Text>
  );

  return (
    <Stack gap="lg" data-testid="task-detail">
      <Stack gap="xs">
        <Group gap="xs">
          <ProgressBadge progress={progress} />
          {pending && (
            <Badge color="yellow" variant="light" size="lg" radius="sm">
              {t('tasks.table.pending')}
            </Badge>
          )}
        </Group>
        <Title order={2} size="h3" style={{ lineHeight: 1.4 }}>
          {task.content}
        </Title>
      </Stack>

      {nextWeekly && (
        <Alert color={isWeeklyReportDue(task, today) ? 'orange' : 'blue'} variant="light">
          {isWeeklyReportDue(task, today)
            ? t('tasks.detail.weeklyDue')
            : t('tasks.detail.nextWeekly', { date: formatDay(nextWeekly) })}
        </Alert>
      )}

      <Table variant="vertical" layout="fixed" withTableBorder fz="md">
        <Table.Tbody>
          <Fact label={t('tasks.detail.meeting')}>
            {meetingTitle ?? t('tasks.unknownMeeting', { id: task.meetingId })}
          </Fact>
          {task.conclusionRef && (
            <Fact label={t('tasks.detail.conclusionRef')}>{task.conclusionRef}</Fact>
          )}
          <Fact label={t('tasks.detail.lead')}>{task.lead.name}</Fact>
          <Fact label={t('tasks.detail.cooperating')}>
            {task.cooperating.length ? task.cooperating.map((c) => c.name).join('; ') : none}
          </Fact>
          <Fact label={t('tasks.detail.due')}>
            {due.date ? `${due.date}${due.hint ? ` (${due.hint})` : ''}` : due.hint}
          </Fact>
          {task.dueEvent && task.dueDate && (
            <Fact label={t('tasks.detail.dueEvent')}>{task.dueEvent}</Fact>
          )}
          <Fact label={t('tasks.detail.reportTo')}>{task.reportTo ?? none}</Fact>
          <Fact label={t('tasks.detail.recurrence')}>
            {t(`tasks.recurrence.${task.recurrence ?? 'none'}`)}
          </Fact>
          <Fact label={t('tasks.detail.status')}>{t(`tasks.status.${task.status}`)}</Fact>
          {task.completedAt && (
            <Fact label={t('tasks.detail.completedAt')}>{formatDateTime(task.completedAt)}</Fact>
          )}
          <Fact label={t('tasks.detail.assignedAt')}>{formatDateTime(task.createdAt)}</Fact>
          <Fact label={t('tasks.detail.difficulties')}>
            {task.difficulties ? (
              <Text style={{ whiteSpace: 'pre-wrap' }}>{task.difficulties}</Text>
            ) : (
              none
            )}
          </Fact>
          <Fact label={t('tasks.detail.proposals')}>
            {task.proposals ? (
              <Text style={{ whiteSpace: 'pre-wrap' }}>{task.proposals}</Text>
            ) : (
              none
            )}
          </Fact>
        </Table.Tbody>
      </Table>

      <Stack component="section" gap="sm" aria-labelledby={`reports-${task.id}`}>
        <Title order={3} size="h4" id={`reports-${task.id}`}>
          {t('tasks.detail.reports')} ({reports.length})
        </Title>
        {reports.length === 0 ? (
          <Text c="dimmed">{t('tasks.detail.reportsEmpty')}</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={reports.length}>
            {reports.map((report) => (
              <Timeline.Item
                key={report.id}
                title={
                  <Text fw={600}>
                    {t('tasks.detail.reportBy', {
                      name: report.reportedBy.name,
                      time: formatDateTime(report.reportedAt),
                    })}
                  </Text>
                }
              >
                <Stack gap={6} mt={4}>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{report.text}</Text>
                  <Group gap="sm" wrap="nowrap">
                    <Progress
                      value={report.percent}
                      w={160}
                      size="lg"
                      aria-label={t('tasks.detail.percent', { percent: report.percent })}
                    />
                    <Text size="sm">{t('tasks.detail.percent', { percent: report.percent })}</Text>
                  </Group>
                  {report.attachments.length > 0 && (
                    <ReportAttachments
                      taskId={task.id}
                      reportId={report.id}
                      attachments={report.attachments}
                    />
                  )}
                </Stack>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby={`extensions-${task.id}`}>
        <Title order={3} size="h4" id={`extensions-${task.id}`}>
          {t('tasks.detail.extensions')} ({task.extensions.length})
        </Title>
        {task.extensions.length === 0 ? (
          <Text c="dimmed">{t('tasks.detail.extensionsEmpty')}</Text>
        ) : (
          <Stack component="ol" gap="sm" pl="md" m={0}>
            {[...task.extensions].reverse().map((extension) => (
              <li key={extension.id}>
                <Text fw={600}>
                  {t('tasks.detail.extensionLine', {
                    from: extension.previousDue ? formatDay(extension.previousDue) : '—',
                    to: formatDay(extension.newDue),
                  })}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{extension.reason}</Text>
                <Text size="sm" c="dimmed">
                  {t('tasks.detail.extensionBy', {
                    name: extension.grantedBy.name,
                    time: formatDateTime(extension.grantedAt),
                  })}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby={`actions-${task.id}`}>
        <Title order={3} size="h4" id={`actions-${task.id}`}>
          {t('tasks.detail.actions')}
        </Title>
        {!anyAction ? (
          <Text c="dimmed">{t('tasks.detail.readOnly')}</Text>
        ) : (
          <TaskDatesProvider>
            <Accordion
              variant="separated"
              multiple
              defaultValue={can.report && isLeadAgencyMember(actor, task) ? ['report'] : []}
            >
              {can.report && (
                <Accordion.Item value="report">
                  <Accordion.Control>{t('tasks.forms.report.title')}</Accordion.Control>
                  <Accordion.Panel>
                    <ReportForm task={task} store={store} />
                  </Accordion.Panel>
                </Accordion.Item>
              )}
              {can.status && (
                <Accordion.Item value="status">
                  <Accordion.Control>{t('tasks.forms.status.title')}</Accordion.Control>
                  <Accordion.Panel>
                    <StatusForm task={task} store={store} />
                  </Accordion.Panel>
                </Accordion.Item>
              )}
              {can.difficulties && (
                <Accordion.Item value="difficulties">
                  <Accordion.Control>{t('tasks.forms.difficulties.title')}</Accordion.Control>
                  <Accordion.Panel>
                    <DifficultiesForm task={task} store={store} />
                  </Accordion.Panel>
                </Accordion.Item>
              )}
              {can.edit && (
                <Accordion.Item value="edit">
                  <Accordion.Control>{t('tasks.forms.edit.title')}</Accordion.Control>
                  <Accordion.Panel>
                    <EditForm task={task} store={store} agencies={agenciesOf(allTasks)} />
                  </Accordion.Panel>
                </Accordion.Item>
              )}
              {can.extend && (
                <Accordion.Item value="extend">
                  <Accordion.Control>{t('tasks.forms.extend.title')}</Accordion.Control>
                  <Accordion.Panel>
                    <ExtendForm task={task} store={store} />
                  </Accordion.Panel>
                </Accordion.Item>
              )}
            </Accordion>
          </TaskDatesProvider>
        )}
      </Stack>
    </Stack>
  );
}

/** A report's files, each a button that saves it under its own name (downloaded when not here). */
function ReportAttachments({
  taskId,
  reportId,
  attachments,
}: {
  taskId: string;
  reportId: string;
  attachments: readonly Attachment[];
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (attachment: Attachment) => {
    setBusy(attachment.id);
    try {
      await downloadAttachment(taskId, reportId, attachment);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('tasks.attachments.downloadFailed'),
        message: taskErrorMessage(t, error),
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack
      component="ul"
      gap={4}
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
      aria-label={t('tasks.attachments.list')}
      data-testid={`report-attachments-${reportId}`}
    >
      {attachments.map((attachment) => {
        const size = formatBytes(attachment.size, i18n.language);
        return (
          <li key={attachment.id}>
            <Button
              variant="subtle"
              size="compact-md"
              px={4}
              loading={busy === attachment.id}
              aria-label={t('tasks.attachments.download', { name: attachment.name, size })}
              onClick={() => void download(attachment)}
            >
              📎 {attachment.name} ({size})
            </Button>
          </li>
        );
      })}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="34%" scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
