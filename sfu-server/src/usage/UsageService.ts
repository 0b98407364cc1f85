/**
 * One usage report (common/protocol/usageApi.ts): the period's months, the unit filter (a unit
 * and the units merged into it, as tasks are found), the repository's aggregates folded into the
 * months, the units and the totals. Seconds are rounded per month and unit, and every sum is
 * made of those rounded cells, so the screen's and the workbook's totals add up.
 */
import { NotFoundError } from '../../../common/errors';
import {
  usageMonths,
  type UsageFigures,
  type UsageMonth,
  type UsageQuery,
  type UsageReport,
  type UsageUnit,
} from '../../../common/protocol/usageApi';
import type { AppDatabase } from '../db/database';
import { unitIdsAnsweringAs } from '../directory/unitLineage';
import type { ConnectedRow, CountRow, MeetingFactRow, UsageRepository } from './UsageRepository';

const zero = (): UsageFigures => ({
  meetings: 0,
  connectedMeetings: 0,
  connectedSeconds: 0,
  plannedSeconds: 0,
  documents: 0,
  tasks: 0,
});

function add(into: UsageFigures, f: Partial<UsageFigures>): void {
  for (const key of Object.keys(f) as (keyof UsageFigures)[]) into[key] += f[key] ?? 0;
}

/** The report from the repository's rows (pure: tested without a database). */
export function assembleUsageReport(input: {
  query: UsageQuery;
  unit: { id: string; name: string } | null;
  asOf: Date;
  meetings: readonly MeetingFactRow[];
  documents: readonly CountRow[];
  tasks: readonly CountRow[];
  connected: readonly ConnectedRow[];
}): UsageReport {
  const ranges = usageMonths(input.query.from, input.query.to);
  const months: UsageMonth[] = ranges.map((r) => ({
    month: r.month,
    ...zero(),
    sites: 0,
    people: 0,
  }));
  const units = new Map<string, UsageUnit>();
  const unitOf = (row: { unitId: string | null; unitName: string }) => {
    const key = row.unitId ?? `name:${row.unitName}`;
    let unit = units.get(key);
    if (!unit) {
      unit = { unit: { id: row.unitId, name: row.unitName }, ...zero() };
      units.set(key, unit);
    }
    return unit;
  };
  const place = (
    row: { monthIndex: number; unitId: string | null; unitName: string },
    f: Partial<UsageFigures>,
  ) => {
    add(months[row.monthIndex]!, f);
    add(unitOf(row), f);
  };
  for (const row of input.meetings)
    place(row, {
      meetings: row.meetings,
      connectedMeetings: row.connectedMeetings,
      connectedSeconds: Math.round(row.connectedSeconds),
      plannedSeconds: Math.round(row.plannedSeconds),
    });
  for (const row of input.documents) place(row, { documents: row.count });
  for (const row of input.tasks) place(row, { tasks: row.count });

  const totals = { ...zero(), sites: 0, people: 0 };
  for (const month of months) add(totals, month);
  for (const row of input.connected) {
    const into = row.monthIndex === null ? totals : months[row.monthIndex]!;
    into.sites = row.sites;
    into.people = row.people;
  }
  const collator = new Intl.Collator('vi');
  return {
    from: input.query.from,
    to: input.query.to,
    unit: input.unit,
    asOf: input.asOf.toISOString(),
    months,
    units: [...units.values()].sort(
      (a, b) =>
        b.meetings - a.meetings || b.tasks - a.tasks || collator.compare(a.unit.name, b.unit.name),
    ),
    totals,
  };
}

export class UsageService {
  readonly #db: AppDatabase;
  readonly #usage: UsageRepository;

  constructor(db: AppDatabase, usage: UsageRepository) {
    this.#db = db;
    this.#usage = usage;
  }

  async report(query: UsageQuery, now = new Date()): Promise<UsageReport> {
    let unit: { id: string; name: string } | null = null;
    let unitIds: string[] | null = null;
    if (query.unitId) {
      const name = await this.#usage.unitName(query.unitId);
      if (name === undefined) throw new NotFoundError('No such unit');
      unit = { id: query.unitId, name };
      unitIds = [...(await unitIdsAnsweringAs(this.#db, query.unitId))];
    }
    const period = {
      months: usageMonths(query.from, query.to),
      heldBeforeMs: now.getTime(),
      unitIds,
    };
    // One after another: SQLite has one connection anyway, and PostgreSQL's pool serves others.
    const meetings = await this.#usage.meetingFacts(period);
    const connected = await this.#usage.connected(period);
    const documents = await this.#usage.documents(period);
    const tasks = await this.#usage.tasks(period);
    return assembleUsageReport({ query, unit, asOf: now, meetings, documents, tasks, connected });
  }
}
