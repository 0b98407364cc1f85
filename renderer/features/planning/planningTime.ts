/**
 * Meeting times as the planning screens handle them: always Vietnam time (UTC+7 all year, no
 * daylight saving, so a fixed offset is exact), whatever zone the computer is set to. A day is
 * `YYYY-MM-DD`, a clock time `HH:mm`; instants are ISO 8601 with `+07:00`, as the server stores
 * what was typed. Weeks start on Monday, as the server's weekly calendar does.
 */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The Vietnam day and clock time of an instant; null when `iso` is not a date. */
export function vietnamParts(iso: string): { day: string; time: string } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const shifted = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** "2026-01-05" + "08:30" → "2026-01-05T08:30:00+07:00"; null when either is missing or malformed. */
export function vietnamInstant(day: string | null, time: string | null): string | null {
  if (!day || !time || !DAY_RE.test(day)) return null;
  const clock = normalizeClock(time);
  if (!clock) return null;
  const iso = `${day}T${clock}:00+07:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** "8:05", "08:05" or "08:05:00" → "08:05"; null otherwise. */
export function normalizeClock(time: string): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!match) return null;
  const clock = `${match[1]!.padStart(2, '0')}:${match[2]}`;
  return CLOCK_RE.test(clock) ? clock : null;
}

/** Today in Vietnam. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** "2026-01-05" → "05/01/2026", as Vietnamese documents write a date. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Entries of a week grouped by their Vietnam day, Monday to Sunday (every day listed, empty ones
 * too), each day's entries by start time. Entries outside the week are left out.
 */
export function groupByDay<E extends { startsAt: string }>(
  entries: readonly E[],
  weekMonday: string,
): { day: string; weekday: number; entries: E[] }[] {
  const days = Array.from({ length: 7 }, (_, i) => ({
    day: addDays(weekMonday, i),
    weekday: i,
    entries: [] as E[],
  }));
  const byDay = new Map(days.map((d) => [d.day, d]));
  for (const entry of entries) {
    const parts = vietnamParts(entry.startsAt);
    if (parts) byDay.get(parts.day)?.entries.push(entry);
  }
  for (const d of days) d.entries.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return days;
}

/**
 * Minutes from the meeting's start (its clock time) to an agenda item's planned clock time, for
 * `plannedStartMinutes`; null when either is missing, or when the item would start before the
 * meeting (an item past midnight is not planned by clock time).
 */
export function clockToOffset(meetingStart: string | null, clock: string | null): number | null {
  const start = meetingStart ? normalizeClock(meetingStart) : null;
  const at = clock ? normalizeClock(clock) : null;
  if (!start || !at) return null;
  const minutes = toMinutes(at) - toMinutes(start);
  return minutes >= 0 ? minutes : null;
}

/** The clock time `offset` minutes after the meeting's start clock time ("" when unknown). */
export function offsetToClock(meetingStart: string | null, offset: number | null): string {
  const start = meetingStart ? normalizeClock(meetingStart) : null;
  if (!start || offset === null) return '';
  const minutes = (toMinutes(start) + offset) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function toMinutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}
