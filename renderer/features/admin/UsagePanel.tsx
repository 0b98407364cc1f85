/**
 * "Thống kê sử dụng" (issue #15 §2): the usage figures an operator reports (national criteria
 * for online-meeting platforms) for a period of Vietnam days, optionally of one unit: totals,
 * meetings per month as a chart, a table per month and a table per unit, and the same figures as
 * an Excel workbook (main builds it from the same route).
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vietnamDate } from '../../../common/domain/task';
import {
  USAGE_MAX_MONTHS,
  conferenceHours,
  type UsageFigures,
  type UsageQuery,
  type UsageReport,
} from '../../../common/protocol/usageApi';
import { LoadError } from '../../app/LoadError';
import { errorMessage } from '../../i18n/errorMessage';
import { getApi } from '../../lib/api';
import { useServerQuery } from '../../lib/callServer';
import { formatDateTime } from '../../lib/format';
import { saveFile } from '../../lib/saveFile';
import { DayInput } from '../tasks/DayInput';
import { UnitSelect } from './UnitSelect';
import { USAGE_PRESETS, periodProblem, presetPeriod, type UsagePreset } from './usagePeriod';

/** "2019-11" → "11/2019"; "2019-11-05" → "05/11/2019" (both languages, as dates elsewhere). */
const dayText = (day: string) => day.split('-').reverse().join('/');

function useNumbers() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'vi-VN';
  const integer = new Intl.NumberFormat(locale);
  const oneDecimal = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return {
    count: (n: number) => integer.format(n),
    hours: (seconds: number) => oneDecimal.format(seconds / 3600),
    totalHours: (f: Pick<UsageFigures, 'connectedSeconds' | 'plannedSeconds'>) =>
      oneDecimal.format(conferenceHours(f)),
  };
}

export function UsagePanel() {
  const { t } = useTranslation();
  const today = vietnamDate();
  const [preset, setPreset] = useState<UsagePreset | 'custom'>('thisYear');
  const [from, setFrom] = useState<string | null>(() => presetPeriod('thisYear', today).from);
  const [to, setTo] = useState<string | null>(() => presetPeriod('thisYear', today).to);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const units = useServerQuery('listUnits', {});

  const choose = (value: string | null) => {
    if (!value) return;
    const next = value as UsagePreset | 'custom';
    setPreset(next);
    if (next === 'custom') return;
    const period = presetPeriod(next, today);
    setFrom(period.from);
    setTo(period.to);
  };
  const problem = periodProblem(from, to);
  const query: UsageQuery | null =
    problem === null ? { from: from!, to: to!, ...(unitId ? { unitId } : {}) } : null;

  const exportExcel = async () => {
    if (!query) return;
    setExporting(true);
    try {
      const file = await getApi().invoke('usage.export', query);
      saveFile(file.bytes, file.fileName, file.mimeType);
      notifications.show({
        color: 'green',
        message: t('admin.usage.exported', { fileName: file.fileName }),
      });
    } catch (e) {
      notifications.show({
        color: 'red',
        title: t('admin.usage.exportFailed'),
        message: errorMessage(t, e),
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" role="group" aria-label={t('admin.usage.periodLabel')}>
        <Select
          label={t('admin.usage.preset')}
          size="md"
          w={200}
          allowDeselect={false}
          value={preset}
          onChange={choose}
          data={[...USAGE_PRESETS, 'custom' as const].map((p) => ({
            value: p,
            label: t(`admin.usage.presets.${p}`),
          }))}
        />
        <DayInput
          label={t('admin.usage.from')}
          clearButtonProps={{ 'aria-label': t('admin.usage.clearFrom') }}
          value={from}
          onChange={(day) => {
            setFrom(day);
            setPreset('custom');
          }}
          w={160}
        />
        <DayInput
          label={t('admin.usage.to')}
          clearButtonProps={{ 'aria-label': t('admin.usage.clearTo') }}
          value={to}
          onChange={(day) => {
            setTo(day);
            setPreset('custom');
          }}
          w={160}
        />
        <UnitSelect
          label={t('admin.usage.unit')}
          placeholder={t('admin.usage.allUnits')}
          clearable
          clearButtonProps={{ 'aria-label': t('admin.usage.clearUnit') }}
          size="md"
          w={300}
          units={units.status === 'success' ? units.data.units : []}
          value={unitId}
          onChange={setUnitId}
        />
        <Button size="md" onClick={() => void exportExcel()} loading={exporting} disabled={!query}>
          {t('admin.usage.export')}
        </Button>
      </Group>
      {query ? (
        <UsageFiguresView query={query} />
      ) : (
        <Text c="red" role="alert">
          {problem === 'reversed'
            ? t('admin.usage.periodReversed')
            : problem === 'tooLong'
              ? t('admin.usage.periodTooLong', { max: USAGE_MAX_MONTHS })
              : t('admin.usage.periodMissing')}
        </Text>
      )}
    </Stack>
  );
}

/** The figures of one valid period: read when the period or the unit changes. */
function UsageFiguresView({ query }: { query: UsageQuery }) {
  const { t } = useTranslation();
  const report = useServerQuery('getUsage', {}, query);
  if (report.status === 'error')
    return (
      <LoadError
        title={t('admin.usage.loadFailed')}
        error={report.error}
        onRetry={report.reload}
        retrying={report.reloading}
      />
    );
  if (report.status === 'loading') return <Text role="status">{t('app.loading')}</Text>;
  return <UsageReportView report={report.data} />;
}

function UsageReportView({ report }: { report: UsageReport }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const { totals } = report;
  const stats = [
    { key: 'meetings', value: n.count(totals.meetings) },
    {
      key: 'hours',
      value: n.totalHours(totals),
      detail: t('admin.usage.stats.hoursDetail', {
        connected: n.hours(totals.connectedSeconds),
        planned: n.hours(totals.plannedSeconds),
      }),
    },
    { key: 'sites', value: n.count(totals.sites) },
    { key: 'people', value: n.count(totals.people) },
    { key: 'documents', value: n.count(totals.documents) },
    { key: 'tasks', value: n.count(totals.tasks) },
  ] as const;
  const chartData = report.months.map((m) => ({
    month: dayText(m.month),
    meetings: m.meetings,
  }));

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text>
          {t('admin.usage.scope', {
            from: dayText(report.from),
            to: dayText(report.to),
            asOf: formatDateTime(report.asOf),
          })}
        </Text>
        {report.unit && <Text>{t('admin.usage.scopeUnit', { unit: report.unit.name })}</Text>}
        <Text size="sm" c="dimmed">
          {t('admin.usage.hoursNote')}
        </Text>
      </Stack>

      <SimpleGrid
        cols={{ base: 2, sm: 3, lg: 6 }}
        role="group"
        aria-label={t('admin.usage.totalsLabel')}
        data-testid="usage-totals"
      >
        {stats.map((s) => (
          <Paper key={s.key} withBorder p="sm" radius="md">
            <Text size="sm">{t(`admin.usage.stats.${s.key}`)}</Text>
            <Text size="xl" fw={700}>
              {s.value}
            </Text>
            {'detail' in s && <Text size="xs">{s.detail}</Text>}
          </Paper>
        ))}
      </SimpleGrid>

      <Stack gap="sm" component="section" aria-labelledby="usage-chart-title">
        <Title order={3} size="h4" id="usage-chart-title">
          {t('admin.usage.chartTitle')}
        </Title>
        <div
          role="img"
          aria-label={t('admin.usage.chartLabel', {
            summary: chartData.map((d) => `${d.month}: ${d.meetings}`).join('; '),
          })}
        >
          <BarChart
            h={220}
            data={chartData}
            dataKey="month"
            gridAxis="y"
            yAxisProps={{ allowDecimals: false }}
            series={[{ name: 'meetings', label: t('admin.usage.chartMeetings'), color: 'blue.7' }]}
          />
        </div>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="usage-months-title">
        <Title order={3} size="h4" id="usage-months-title">
          {t('admin.usage.monthsTitle')}
        </Title>
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder fz="sm" aria-label={t('admin.usage.monthsTable')}>
            <Table.Thead>
              <Table.Tr>
                {(
                  [
                    'month',
                    'meetings',
                    'connectedMeetings',
                    'hours',
                    'connectedHours',
                    'plannedHours',
                    'sites',
                    'people',
                    'documents',
                    'tasks',
                  ] as const
                ).map((c) => (
                  <Table.Th key={c} scope="col">
                    {t(`admin.usage.columns.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.months.map((m) => (
                <MonthRow key={m.month} label={dayText(m.month)} figures={m} />
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <MonthRow label={t('admin.usage.total')} figures={totals} strong />
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" c="dimmed">
          {t('admin.usage.totalNote')}
        </Text>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="usage-units-title">
        <Title order={3} size="h4" id="usage-units-title">
          {t('admin.usage.unitsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('admin.usage.unitsNote')}
        </Text>
        {report.units.length === 0 ? (
          <Text c="dimmed">{t('admin.usage.noUnits')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped withTableBorder fz="sm" aria-label={t('admin.usage.unitsTable')}>
              <Table.Thead>
                <Table.Tr>
                  {(
                    [
                      'unit',
                      'meetings',
                      'connectedMeetings',
                      'hours',
                      'documents',
                      'tasks',
                    ] as const
                  ).map((c) => (
                    <Table.Th key={c} scope="col">
                      {t(`admin.usage.columns.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.units.map((u) => (
                  <Table.Tr key={u.unit.id ?? `name:${u.unit.name}`}>
                    <Table.Th scope="row" fw={400}>
                      {u.unit.name}
                    </Table.Th>
                    <Table.Td>{n.count(u.meetings)}</Table.Td>
                    <Table.Td>{n.count(u.connectedMeetings)}</Table.Td>
                    <Table.Td>{n.totalHours(u)}</Table.Td>
                    <Table.Td>{n.count(u.documents)}</Table.Td>
                    <Table.Td>{n.count(u.tasks)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}

function MonthRow({
  label,
  figures: f,
  strong,
}: {
  label: string;
  figures: UsageFigures & { sites: number; people: number };
  strong?: boolean;
}) {
  const n = useNumbers();
  const weight = strong ? 700 : 400;
  return (
    <Table.Tr fw={weight}>
      <Table.Th scope="row" fw={weight}>
        {label}
      </Table.Th>
      <Table.Td>{n.count(f.meetings)}</Table.Td>
      <Table.Td>{n.count(f.connectedMeetings)}</Table.Td>
      <Table.Td>{n.totalHours(f)}</Table.Td>
      <Table.Td>{n.hours(f.connectedSeconds)}</Table.Td>
      <Table.Td>{n.hours(f.plannedSeconds)}</Table.Td>
      <Table.Td>{n.count(f.sites)}</Table.Td>
      <Table.Td>{n.count(f.people)}</Table.Td>
      <Table.Td>{n.count(f.documents)}</Table.Td>
      <Table.Td>{n.count(f.tasks)}</Table.Td>
    </Table.Tr>
  );
}
