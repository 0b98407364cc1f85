/**
 * Dates in conclusion notices: deadlines of tasks ("trước ngày 15/10/2022", "chậm nhất vào
 * ngày …", "trong tháng 04/2024", "trong quý II/2024"), the meeting date of the opening
 * paragraph, and the helpers they share. All results are ISO dates (YYYY-MM-DD).
 *
 * Matching runs on folded text (lower case, no diacritics), which keeps offsets.
 */
import { fold } from './text';

/** The date that yearless dates are read against: the meeting's date, or a caller's. */
export interface DateAnchor {
  readonly year: number;
  /** ISO date; a yearless deadline before it is taken to fall in the next year. */
  readonly date: string | null;
}

export function anchorFrom(isoDate: string | null | undefined): DateAnchor | null {
  if (!isoDate) return null;
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(isoDate);
  return m?.[1] ? { year: Number(m[1]), date: isoDate } : null;
}

/** `YYYY-MM-DD` when the day exists in that month, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function endOfMonth(year: number, month: number): string | null {
  return isoDate(year, month, daysInMonth(year, month));
}

function fullYear(written: string | undefined): number | null {
  if (written === undefined || written === '') return null;
  const n = Number(written);
  return written.length === 2 ? 2000 + n : n;
}

/**
 * A date written with or without a year. Without one it takes the anchor's year, and moves to
 * the next year when that would put it before the anchor: a December meeting's "trước ngày
 * 15/01" means January of the next year.
 */
function resolve(
  year: number | null,
  build: (y: number) => string | null,
  anchor: DateAnchor | null,
): string | null {
  if (year !== null) return build(year);
  if (!anchor) return null;
  const same = build(anchor.year);
  if (same !== null && anchor.date !== null && same < anchor.date) return build(anchor.year + 1);
  return same;
}

// A day and month, with an optional year: 15/10/2022, 15-10-2022, 15.10.2022, 15/10, and the
// long form "15 tháng 10 năm 2022" / "15 tháng 10".
const DAY_MONTH = String.raw`(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?(?![\d/])`;
const LONG_DATE = String.raw`(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?`;

// Words that make the date after them a deadline. Others ("Quyết định số … ngày 04/12/2020",
// "tính đến ngày …") are dates of something else.
const DEADLINE_WORDS = String.raw`(?:truoc|cham nhat(?:\s+(?:la|vao|truoc|trong))?|han chot(?:\s+la)?|(?:thoi han|thoi gian)(?:\s+hoan thanh)?(?:\s+la)?\s*:?|xong truoc|trong|den het|tu nay den)`;

const DAY_DEADLINE = new RegExp(
  String.raw`(?<![\p{L}])${DEADLINE_WORDS}\s+(?:ngay\s+)?(?:${DAY_MONTH}|${LONG_DATE})`,
  'gu',
);
const MONTH_DEADLINE = new RegExp(
  String.raw`(?<![\p{L}])(trong|truoc|cuoi|cham nhat trong|cham nhat|(?:thoi han|thoi gian)(?:\s+hoan thanh)?\s*:?)\s+(?:trong\s+)?thang\s+(\d{1,2})(?:\s*[/-]\s*(\d{4})|\s+nam\s+(\d{4}))?(?![\d/])`,
  'gu',
);
const QUARTER_DEADLINE = new RegExp(
  String.raw`(?<![\p{L}])(trong|truoc|cuoi|cham nhat trong)\s+quy\s+(iv|iii|ii|i|[1-4])(?![\p{L}\d])(?:\s*[/-]\s*(\d{4})|\s+nam\s+(\d{4}))?`,
  'gu',
);

const QUARTERS: Readonly<Record<string, number>> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

/**
 * The deadline of a task's text, or null. Several deadlines in one task (an interim report and
 * completion) give the latest, which is when the task is done. "trong tháng M/Y" is the end of
 * that month and "trong quý" the end of the quarter; "trước tháng M" is the end of the month
 * before. A year alone ("trong năm 2022") is not taken: notices use it to describe the work
 * ("nhiệm vụ hoàn thành trong năm 2022") more often than to set its deadline. Event-bound
 * deadlines ("ngay sau khi …") have no date and give null.
 */
export function extractDueDate(text: string, anchor: DateAnchor | null): string | null {
  const folded = fold(text);
  const found: string[] = [];
  for (const m of folded.matchAll(DAY_DEADLINE)) {
    let date: string | null;
    if (m[1] !== undefined) {
      const day = Number(m[1]);
      const month = Number(m[3]);
      date = resolve(fullYear(m[4]), (y) => isoDate(y, month, day), anchor);
    } else {
      const day = Number(m[5]);
      const month = Number(m[6]);
      date = resolve(fullYear(m[7]), (y) => isoDate(y, month, day), anchor);
    }
    if (date) found.push(date);
  }
  for (const m of folded.matchAll(MONTH_DEADLINE)) {
    const month = Number(m[2]);
    const before = m[1] === 'truoc';
    const year = fullYear(m[3] ?? m[4]);
    const date = resolve(
      year,
      (y) =>
        before
          ? month === 1
            ? endOfMonth(y - 1, 12)
            : endOfMonth(y, month - 1)
          : endOfMonth(y, month),
      anchor,
    );
    if (date) found.push(date);
  }
  for (const m of folded.matchAll(QUARTER_DEADLINE)) {
    const quarter = QUARTERS[m[2] ?? ''];
    if (quarter === undefined) continue;
    const before = m[1] === 'truoc';
    const lastMonth = (before ? quarter - 1 : quarter) * 3;
    const year = fullYear(m[3] ?? m[4]);
    const date = resolve(
      year,
      (y) => (lastMonth === 0 ? endOfMonth(y - 1, 12) : endOfMonth(y, lastMonth)),
      anchor,
    );
    if (date) found.push(date);
  }
  return found.length === 0 ? null : (found.sort().at(-1) ?? null);
}

// The meeting date opens the account of the meeting: "Ngày 27/9/2022, …", "Sáng ngày 05 tháng
// 5 năm 2023, …", "(Portal) - Ngày 13/5/2020, …". A comma follows it.
const MEETING_DATE = new RegExp(
  String.raw`(?:^|[.:;]\s+|[-–—]\s+|\n\s*)(?:vao\s+)?(?:(?:sang|chieu|toi|trua)\s+)?(?:ngay\s+)?(?:${DAY_MONTH}|${LONG_DATE})\s*,`,
  'gu',
);

/**
 * The date a meeting was held, from the text before the conclusions. A date without a year
 * ("Chiều 27/9, …") takes `fallbackYear` (the notice's own year).
 */
export function extractMeetingDate(header: string, fallbackYear: number | null): string | null {
  const folded = fold(header);
  for (const m of folded.matchAll(MEETING_DATE)) {
    const long = m[1] === undefined;
    const day = Number(long ? m[5] : m[1]);
    const month = Number(long ? m[6] : m[3]);
    const year = fullYear(long ? m[7] : m[4]) ?? fallbackYear;
    if (year === null) continue;
    const date = isoDate(year, month, day);
    if (date) return date;
  }
  return null;
}

// "Hải Dương, ngày 29 tháng 9 năm 2022" (the day is often left blank until signing).
const PLACE_AND_DATE =
  /(?<![\p{L}\p{N}/-])(\p{Lu}\p{Ll}*(?:[ ]+(?:-[ ]+)?\p{Lu}\p{Ll}*){0,4})[ ]*,[ ]*ngày[ ]+(?:(\d{1,2})[ ]+)?tháng[ ]+(\d{1,2})[ ]+năm[ ]+(\d{4})/u;

/** The place-and-date line of an official notice, if the text has one. */
export function extractPlaceAndDate(
  text: string,
): { place: string; date: string | null; year: number } | null {
  const m = PLACE_AND_DATE.exec(text);
  if (!m?.[1] || !m[3] || !m[4]) return null;
  const year = Number(m[4]);
  const date = m[2] ? isoDate(year, Number(m[3]), Number(m[2])) : null;
  return { place: m[1].trim(), date, year };
}
