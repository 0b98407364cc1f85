/**
 * Usage figures for administrators (issue #15 §2; the national criteria for online-meeting
 * platforms ask operators for usage statistics and reports): per Vietnam calendar month of a
 * period, the meetings held, the hours of conference, the sites and people connected, the
 * documents distributed and the tasks assigned; and per unit, the meetings it prepared and the
 * tasks it leads. What each figure counts is written beside its field.
 */
import { z } from 'zod';
import { isoDateSchema } from '../domain/task';
import { empty, route } from './route';

/** The longest period one report covers, in calendar months touched (both ends included). */
export const USAGE_MAX_MONTHS = 24;

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** True for a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** The instant (ms) a Vietnam (UTC+7) calendar day starts. */
export function vietnamDayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS;
}

/** Calendar months from `from`'s to `to`'s, both included: 2025-01-31..2025-02-01 is 2. */
export function monthsSpanned(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** One month of a report: its key and the part of the period inside it (instants, ms). */
export interface UsageMonthRange {
  /** YYYY-MM in Vietnam time. */
  month: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

/** The months a period touches, each cut to the period: [vn(from), vn(to + 1 day)). */
export function usageMonths(from: string, to: string): UsageMonthRange[] {
  const periodStart = vietnamDayStartMs(from);
  const periodEnd = vietnamDayStartMs(to) + DAY_MS;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const months: UsageMonthRange[] = [];
  for (let i = 0; i < monthsSpanned(from, to); i++) {
    const start = Date.UTC(fy, fm - 1 + i, 1) - VIETNAM_OFFSET_MS;
    const end = Date.UTC(fy, fm + i, 1) - VIETNAM_OFFSET_MS;
    months.push({
      month: new Date(start + VIETNAM_OFFSET_MS).toISOString().slice(0, 7),
      startMs: Math.max(start, periodStart),
      endMs: Math.min(end, periodEnd),
    });
  }
  return months;
}

const calendarDaySchema = isoDateSchema.refine(isCalendarDay, 'Expected a calendar day');

export const usageQuerySchema = z
  .strictObject({
    /** First Vietnam day of the period. */
    from: calendarDaySchema,
    /** Last Vietnam day of the period, included. */
    to: calendarDaySchema,
    /** Only this unit (and the units merged into it): meetings it prepared, tasks it leads. */
    unitId: z.string().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    if (!isCalendarDay(q.from) || !isCalendarDay(q.to)) return;
    if (q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The period ends before it starts' });
    else if (monthsSpanned(q.from, q.to) > USAGE_MAX_MONTHS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `A report covers at most ${USAGE_MAX_MONTHS} months`,
      });
  });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

const count = z.number().int().min(0);

/** The figures a month, a unit and the whole period share. */
export const usageFiguresSchema = z.object({
  /**
   * Meetings held: published (not draft, postponed or cancelled) and started, their start in the
   * period (Vietnam time).
   */
  meetings: count,
  /** Of those, meetings whose room someone joined: their hours are the room's actual time. */
  connectedMeetings: count,
  /** Time the rooms of `connectedMeetings` had someone in them (the audit log's joins and leaves). */
  connectedSeconds: count,
  /** Planned duration of the held meetings nobody joined online (start to end as planned). */
  plannedSeconds: count,
  /** Document files (new versions included) uploaded to meetings' agendas in the period. */
  documents: count,
  /** Tasks created (assigned) in the period. */
  tasks: count,
});
export type UsageFigures = z.infer<typeof usageFiguresSchema>;

/** Distinct sites and people that joined a room of a held meeting. */
const connectedSchema = z.object({ sites: count, people: count });

export const usageMonthSchema = usageFiguresSchema.extend(connectedSchema.shape).extend({
  /** YYYY-MM, Vietnam time. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
});
export type UsageMonth = z.infer<typeof usageMonthSchema>;

export const usageUnitSchema = usageFiguresSchema.extend({
  /**
   * Meetings by their preparing unit, tasks by their lead unit; `id` null: a meeting without a
   * preparing unit (named by its organiser) or a task led by several agencies ("các sở, ngành").
   */
  unit: z.object({ id: z.string().nullable(), name: z.string() }),
});
export type UsageUnit = z.infer<typeof usageUnitSchema>;

export const usageReportSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** When the figures were read; meetings starting later are not counted as held. */
  asOf: z.string(),
  months: z.array(usageMonthSchema),
  /** Most meetings first. */
  units: z.array(usageUnitSchema),
  /** Sums of the months, but sites and people counted once over the whole period. */
  totals: usageFiguresSchema.extend(connectedSchema.shape),
});
export type UsageReport = z.infer<typeof usageReportSchema>;

export const usageRoutes = {
  getUsage: route({
    method: 'GET',
    path: '/api/admin/usage',
    params: empty,
    body: empty,
    query: usageQuerySchema,
    response: usageReportSchema,
    auth: true,
    roles: ['admin'],
  }),
};

/** Hours of conference of some figures: actual room time plus planned time, in hours. */
export function conferenceHours(f: Pick<UsageFigures, 'connectedSeconds' | 'plannedSeconds'>) {
  return (f.connectedSeconds + f.plannedSeconds) / 3600;
}
