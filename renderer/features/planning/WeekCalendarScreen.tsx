/**
 * "Lịch họp tuần" (issue #15 §3), for everyone signed in: the province's published meetings of a
 * week, Monday to Sunday, grouped by day in Vietnam time; the previous, current and next week; a
 * unit filter (the Office picks any unit, everyone else all units or their own); and "In lịch
 * (PDF)", the calendar as offices publish it, in the app's viewer.
 */
import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisesMeetings } from '../../../common/domain/policy';
import type { CalendarEntry } from '../../../common/domain/meetingPlan';
import type { User } from '../../../common/domain/user';
import { LoadError } from '../../app/LoadError';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { useServerQuery } from '../../lib/callServer';
import { foldedFilter } from './foldedFilter';
import { MeetingStatusBadge } from './badges';
import { PlanningPdfModal } from './PlanningPdf';
import {
  addDays,
  formatDay,
  groupByDay,
  mondayOf,
  vietnamParts,
  vietnamToday,
} from './planningTime';

export function WeekCalendarScreen({ user }: { user: User }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [monday, setMonday] = useState(() => mondayOf(vietnamToday()));
  const [unitId, setUnitId] = useState<string>('');
  const [printing, setPrinting] = useState(false);
  const query = useServerQuery('weekCalendar', {}, { week: monday, ...(unitId ? { unitId } : {}) });
  const sunday = addDays(monday, 6);
  const range = { from: formatDay(monday), to: formatDay(sunday) };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Stack gap={0}>
          <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
            {t('planning.calendar.title')}
          </Title>
          <Text size="lg" role="status" aria-live="polite">
            {t('planning.calendar.range', range)}
          </Text>
        </Stack>
        <Button variant="default" onClick={() => setPrinting(true)}>
          {t('planning.calendar.print')}
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <Button variant="default" onClick={() => setMonday((d) => addDays(d, -7))}>
          ← {t('planning.calendar.previous')}
        </Button>
        <Button variant="default" onClick={() => setMonday(mondayOf(vietnamToday()))}>
          {t('planning.calendar.current')}
        </Button>
        <Button variant="default" onClick={() => setMonday((d) => addDays(d, 7))}>
          {t('planning.calendar.next')} →
        </Button>
        <UnitFilter user={user} value={unitId} onChange={setUnitId} />
      </Group>
      {query.status === 'error' ? (
        <LoadError
          title={t('planning.calendar.loadFailed')}
          error={query.error}
          onRetry={query.reload}
          retrying={query.reloading}
        />
      ) : query.status === 'loading' ? (
        <Text role="status">{t('planning.loading')}</Text>
      ) : (
        <WeekDays entries={query.data.entries} monday={monday} />
      )}
      <PlanningPdfModal
        request={
          printing ? { kind: 'calendar', week: monday, ...(unitId ? { unitId } : {}) } : null
        }
        title={t('planning.calendar.printTitle', range)}
        onClose={() => setPrinting(false)}
      />
    </Stack>
  );
}

/** The Office chooses among every current unit; others between all units and their own. */
function UnitFilter(props: { user: User; value: string; onChange: (unitId: string) => void }) {
  const own = [{ value: props.user.agency.id, label: props.user.agency.name }];
  return organisesMeetings(props.user.roles) ? (
    <OfficeUnitFilter {...props} fallback={own} />
  ) : (
    <UnitSelect {...props} units={own} />
  );
}

function OfficeUnitFilter({
  fallback,
  ...props
}: {
  value: string;
  onChange: (unitId: string) => void;
  fallback: { value: string; label: string }[];
}) {
  const query = useServerQuery('listUnitsAndSites', {});
  const units = useMemo(
    () =>
      query.status === 'success'
        ? query.data.units.map((u) => ({ value: u.id, label: u.name }))
        : fallback,
    [query, fallback],
  );
  return <UnitSelect {...props} units={units} />;
}

function UnitSelect({
  value,
  onChange,
  units,
}: {
  value: string;
  onChange: (unitId: string) => void;
  units: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('planning.calendar.unit')}
      allowDeselect={false}
      searchable
      filter={foldedFilter}
      nothingFoundMessage={t('planning.nothingFound')}
      data={[{ value: '', label: t('planning.calendar.allUnits') }, ...units]}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      w={320}
      ml="auto"
    />
  );
}

function WeekDays({ entries, monday }: { entries: readonly CalendarEntry[]; monday: string }) {
  const { t } = useTranslation();
  const days = groupByDay(entries, monday);
  if (entries.length === 0) return <Text size="lg">{t('planning.calendar.empty')}</Text>;
  return (
    <Stack gap="lg">
      {days.map(({ day, weekday, entries: dayEntries }) => {
        const heading = `${t(`planning.weekdays.${weekday}` as 'planning.weekdays.0')}, ${formatDay(day)}`;
        const headingId = `calendar-day-${day}`;
        return (
          <Stack key={day} component="section" aria-labelledby={headingId} gap="xs">
            <Title order={2} size="h4" id={headingId}>
              {heading}
            </Title>
            {dayEntries.length === 0 ? (
              <Text c="dimmed">{t('planning.calendar.emptyDay')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={760}>
                <Table striped aria-label={t('planning.calendar.dayTable', { day: heading })}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={120}>{t('planning.calendar.columns.time')}</Table.Th>
                      <Table.Th>{t('planning.calendar.columns.meeting')}</Table.Th>
                      <Table.Th>{t('planning.calendar.columns.chair')}</Table.Th>
                      <Table.Th>{t('planning.calendar.columns.place')}</Table.Th>
                      <Table.Th>{t('planning.calendar.columns.participants')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {dayEntries.map((entry) => (
                      <Table.Tr
                        key={entry.meetingId}
                        data-testid={`calendar-entry-${entry.meetingId}`}
                      >
                        <Table.Td>
                          {vietnamParts(entry.startsAt)?.time} – {vietnamParts(entry.endsAt)?.time}
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs">
                            <Text fw={600}>{entry.title}</Text>
                            {entry.status !== 'published' && (
                              <MeetingStatusBadge status={entry.status} />
                            )}
                          </Group>
                          <Text size="sm" c="dimmed">
                            {t(`planning.kinds.${entry.kind}`)}
                            {entry.preparingUnit &&
                              ` · ${t('planning.calendar.preparedBy', { unit: entry.preparingUnit })}`}
                          </Text>
                        </Table.Td>
                        <Table.Td>{entry.chairName}</Table.Td>
                        <Table.Td>
                          {entry.place || t('planning.none')}
                          {entry.online && (
                            <Badge variant="light" ml="xs" size="sm">
                              {t('planning.invitations.online')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{entry.participants || t('planning.none')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
