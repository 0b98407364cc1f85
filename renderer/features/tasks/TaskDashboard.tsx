import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../common/domain/task';
import {
  agencyStats,
  overdueByAgency,
  recentReports,
  taskCounts,
} from '../../../common/tasks/tracking';
import { formatDateTime } from '../../lib/format';
import { OverdueList } from './OverdueList';

/** "1,6%" / "1.6%" in the UI language; the words for "none yet" without finished tasks. */
function useRateText() {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'vi-VN', {
    maximumFractionDigits: 1,
  });
  return (rate: number | null) =>
    rate === null ? t('tasks.dashboard.rateNone') : `${format.format(rate)}%`;
}

/**
 * "Tổng hợp": the on-time figures the Office reports ("Trước & đúng hạn: 63; Trễ hạn: 1; Tỉ lệ
 * trễ hạn: 1.6%"), per lead agency as a chart and a table, the overdue list, and the latest
 * progress reports. Figures cover the tasks the filters leave.
 */
export function TaskDashboard({
  tasks,
  today,
  onOpen,
}: {
  tasks: readonly Task[];
  today: string;
  onOpen: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const rateText = useRateText();
  if (tasks.length === 0) return <Text c="dimmed">{t('tasks.dashboard.empty')}</Text>;
  const totals = taskCounts(tasks, today);
  const stats = agencyStats(tasks, today);
  const chartData = stats.map((s) => ({
    agency: s.agency.name,
    onTime: s.onTime,
    late: s.late,
    overdue: s.overdue,
    inProgress: s.inProgress,
    notStarted: s.notStarted,
  }));
  const reports = recentReports(tasks, 8);

  return (
    <Stack gap="xl">
      <Stack gap="xs" component="section" aria-labelledby="tasks-dashboard-title">
        <Title order={2} size="h3" id="tasks-dashboard-title">
          {t('tasks.dashboard.title')}
        </Title>
        <Text c="dimmed">{t('tasks.dashboard.scope', { count: tasks.length })}</Text>
        <Card withBorder padding="md" radius="md" data-testid="tasks-totals">
          <Text size="xl" fw={700}>
            {t('tasks.dashboard.totals', {
              onTime: totals.onTime,
              late: totals.late,
              rate: rateText(totals.lateRatePercent),
            })}
          </Text>
          <Text size="lg">
            {t('tasks.dashboard.open', {
              inProgress: totals.inProgress,
              notStarted: totals.notStarted,
              overdue: totals.overdue,
            })}
          </Text>
        </Card>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="tasks-dashboard-chart">
        <Title order={3} size="h4" id="tasks-dashboard-chart">
          {t('tasks.dashboard.chartTitle')}
        </Title>
        <div role="img" aria-label={t('tasks.dashboard.chartLabel')}>
          <BarChart
            h={Math.max(220, 56 * chartData.length + 60)}
            data={chartData}
            dataKey="agency"
            type="stacked"
            orientation="vertical"
            withLegend
            legendProps={{ verticalAlign: 'top' }}
            yAxisProps={{ width: 230 }}
            gridAxis="x"
            series={[
              { name: 'onTime', label: t('tasks.dashboard.onTime'), color: 'green.6' },
              { name: 'late', label: t('tasks.dashboard.late'), color: 'orange.6' },
              { name: 'overdue', label: t('tasks.dashboard.overdue'), color: 'red.7' },
              { name: 'inProgress', label: t('tasks.dashboard.inProgress'), color: 'blue.5' },
              { name: 'notStarted', label: t('tasks.dashboard.notStarted'), color: 'gray.5' },
            ]}
          />
        </div>
        <Table.ScrollContainer minWidth={760}>
          <Table
            withTableBorder
            striped
            fz="md"
            verticalSpacing="xs"
            aria-label={t('tasks.dashboard.tableTitle')}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tasks.dashboard.agency')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.total')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.onTime')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.late')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.overdue')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.inProgress')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.notStarted')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tasks.dashboard.lateRate')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.map((s) => (
                <Table.Tr key={s.key}>
                  <Table.Th scope="row" fw={600}>
                    {s.agency.name}
                  </Table.Th>
                  <Table.Td ta="right">{s.total}</Table.Td>
                  <Table.Td ta="right">{s.onTime}</Table.Td>
                  <Table.Td ta="right">{s.late}</Table.Td>
                  <Table.Td
                    ta="right"
                    c={s.overdue > 0 ? 'red.9' : undefined}
                    fw={s.overdue > 0 ? 700 : undefined}
                  >
                    {s.overdue}
                  </Table.Td>
                  <Table.Td ta="right">{s.inProgress}</Table.Td>
                  <Table.Td ta="right">{s.notStarted}</Table.Td>
                  <Table.Td ta="right">{rateText(s.lateRatePercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>

      <OverdueList groups={overdueByAgency(tasks, today)} onOpen={onOpen} headingLevel={3} />

      <Stack gap="sm" component="section" aria-labelledby="tasks-dashboard-recent">
        <Title order={3} size="h4" id="tasks-dashboard-recent">
          {t('tasks.dashboard.recent')}
        </Title>
        {reports.length === 0 ? (
          <Text c="dimmed">{t('tasks.dashboard.recentEmpty')}</Text>
        ) : (
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            data-testid="recent-reports"
          >
            {reports.map(({ task, report }) => (
              <li key={`${task.id}/${report.id}`}>
                <Card withBorder padding="sm" radius="md">
                  <Stack gap={4}>
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      fw={600}
                      onClick={() => onOpen(task.id)}
                    >
                      {task.lead.name}: {task.content}
                    </Anchor>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{report.text}</Text>
                    <Group gap="xs">
                      <Badge variant="light" radius="sm">
                        {t('tasks.detail.percent', { percent: report.percent })}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {t('tasks.dashboard.recentBy', {
                          name: report.reportedBy.name,
                          time: formatDateTime(report.reportedAt),
                        })}
                      </Text>
                    </Group>
                  </Stack>
                </Card>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}
