/**
 * Dates as Vietnamese administrative documents write them: dd/MM/yyyy HH:mm, 24-hour clock,
 * always in Vietnam's time zone (a delegate's laptop set to another zone must still show the
 * province's meeting time). The same format serves both UI languages.
 */
const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface DateTimeParts {
  date: string;
  time: string;
}

function parts(iso: string): DateTimeParts | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const byType: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of partsFormat.formatToParts(ms)) byType[part.type] = part.value;
  return {
    date: `${byType.day ?? '??'}/${byType.month ?? '??'}/${byType.year ?? '????'}`,
    time: `${byType.hour ?? '??'}:${byType.minute ?? '??'}`,
  };
}

/** "25/12/2024 14:00"; the input unchanged if it is not a date. */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  return p ? `${p.date} ${p.time}` : iso;
}

/** "25/12/2024 08:00 – 11:30" on one day, otherwise both ends in full. */
export function formatTimeRange(startIso: string, endIso: string): string {
  const start = parts(startIso);
  const end = parts(endIso);
  if (!start || !end) return `${formatDateTime(startIso)} – ${formatDateTime(endIso)}`;
  if (start.date === end.date) return `${start.date} ${start.time} – ${end.time}`;
  return `${start.date} ${start.time} – ${end.date} ${end.time}`;
}
