/**
 * The periods the usage screen offers in one choice (this month, this quarter, this year…), as
 * Vietnam calendar days from today's, and why a typed period cannot be asked for.
 */
import { USAGE_MAX_MONTHS, isCalendarDay, monthsSpanned } from '../../../common/protocol/usageApi';

export const USAGE_PRESETS = [
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'thisYear',
  'lastYear',
  'last12',
] as const;
export type UsagePreset = (typeof USAGE_PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of month `m` (1-based, may run over or under 1..12) of year `y`. */
function firstDay(y: number, m: number): string {
  const d = new Date(Date.UTC(y, m - 1, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

/** The last day of month `m` (1-based, may run over or under 1..12) of year `y`. */
function lastDay(y: number, m: number): string {
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The period a choice means on `today` (YYYY-MM-DD, Vietnam), whole months. */
export function presetPeriod(preset: UsagePreset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'thisMonth':
      return { from: firstDay(y, m), to: lastDay(y, m) };
    case 'lastMonth':
      return { from: firstDay(y, m - 1), to: lastDay(y, m - 1) };
    case 'thisQuarter': {
      const first = m - ((m - 1) % 3);
      return { from: firstDay(y, first), to: lastDay(y, first + 2) };
    }
    case 'thisYear':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    case 'lastYear':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
    case 'last12':
      return { from: firstDay(y, m - 11), to: lastDay(y, m) };
  }
}

export type PeriodProblem = 'missing' | 'reversed' | 'tooLong';

/** Why the server would refuse this period (as `usageQuerySchema` does), or null. */
export function periodProblem(from: string | null, to: string | null): PeriodProblem | null {
  if (!from || !to || !isCalendarDay(from) || !isCalendarDay(to)) return 'missing';
  if (to < from) return 'reversed';
  if (monthsSpanned(from, to) > USAGE_MAX_MONTHS) return 'tooLong';
  return null;
}
