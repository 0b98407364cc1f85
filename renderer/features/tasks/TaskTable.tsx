import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { taskProgress, type Task } from '../../../common/domain/task';
import { isWeeklyReportDue } from '../../../common/tasks/tracking';
import { ProgressBadge } from './ProgressBadge';
import { dueText } from './taskFormat';

export interface TaskTableProps {
  tasks: readonly Task[];
  today: string;
  pendingTaskIds: ReadonlySet<string>;
  onOpen: (taskId: string) => void;
  /** Accessible name of the table (the view it shows). */
  label: string;
  /** Hide the lead column where every row has the same lead (an agency's overdue group). */
  hideLead?: boolean;
}

/** Tasks as rows: content (opens the task), lead, cooperating agencies, due date, status. */
export function TaskTable({
  tasks,
  today,
  pendingTaskIds,
  onOpen,
  label,
  hideLead,
}: TaskTableProps) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <Text c="dimmed">{t('tasks.table.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        striped
        highlightOnHover
        withTableBorder
        verticalSpacing="sm"
        fz="md"
        layout="fixed"
        aria-label={label}
      >
        <Table.Thead>
          <Table.Tr>
            {/* Fixed widths: the tables of the overdue view line up, agency under agency. */}
            <Table.Th scope="col" w={hideLead ? '46%' : '38%'}>
              {t('tasks.columns.content')}
            </Table.Th>
            {!hideLead && (
              <Table.Th scope="col" w="16%">
                {t('tasks.columns.lead')}
              </Table.Th>
            )}
            <Table.Th scope="col" w={hideLead ? '24%' : '18%'}>
              {t('tasks.columns.cooperating')}
            </Table.Th>
            <Table.Th scope="col" w="13%">
              {t('tasks.columns.due')}
            </Table.Th>
            <Table.Th scope="col" w="15%">
              {t('tasks.columns.status')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              today={today}
              pending={pendingTaskIds.has(task.id)}
              onOpen={onOpen}
              hideLead={hideLead}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TaskRow({
  task,
  today,
  pending,
  onOpen,
  hideLead,
}: {
  task: Task;
  today: string;
  pending: boolean;
  onOpen: (taskId: string) => void;
  hideLead?: boolean;
}) {
  const { t } = useTranslation();
  const progress = taskProgress(task, today);
  const due = dueText(t, task, today);
  return (
    <Table.Tr data-testid={`task-row-${task.id}`} data-progress={progress}>
      <Table.Td>
        <Stack gap={4}>
          <Anchor
            component="button"
            type="button"
            ta="left"
            fz="md"
            c="inherit"
            fw={500}
            onClick={() => onOpen(task.id)}
            // The name holds the visible text whole (reference and content), as speech input needs.
            aria-label={t('tasks.table.open', {
              content: task.conclusionRef
                ? `${t('tasks.table.ref', { ref: task.conclusionRef })}. ${task.content}`
                : task.content,
            })}
            style={{ lineHeight: 1.45 }}
          >
            {task.conclusionRef && (
              <Text span fw={700} mr={6}>
                {t('tasks.table.ref', { ref: task.conclusionRef })}.
              </Text>
            )}
            {task.content}
          </Anchor>
          {(pending || task.recurrence === 'weekly') && (
            <Group gap={6}>
              {pending && (
                <Tooltip label={t('tasks.table.pendingHint')} multiline w={280}>
                  <Badge color="yellow" variant="light" radius="sm" tabIndex={0}>
                    {t('tasks.table.pending')}
                  </Badge>
                </Tooltip>
              )}
              {task.recurrence === 'weekly' && (
                <Badge
                  color={isWeeklyReportDue(task, today) ? 'orange' : 'gray'}
                  variant="outline"
                  radius="sm"
                >
                  {isWeeklyReportDue(task, today)
                    ? t('tasks.table.weeklyDue')
                    : t('tasks.table.weekly')}
                </Badge>
              )}
            </Group>
          )}
        </Stack>
      </Table.Td>
      {!hideLead && <Table.Td>{task.lead.name}</Table.Td>}
      <Table.Td>
        {task.cooperating.length === 0 ? (
          <Text c="dimmed" span>
            {t('tasks.table.noAgency')}
          </Text>
        ) : (
          task.cooperating.map((c) => c.name).join('; ')
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {due.date && <Text fw={600}>{due.date}</Text>}
          {due.hint && (
            <Text size="sm" c={progress === 'overdue' ? 'red.9' : 'dimmed'}>
              {due.hint}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <ProgressBadge progress={progress} />
      </Table.Td>
    </Table.Tr>
  );
}
