/**
 * Wording shared by the documents the server issues (conclusion notice, giấy mời, weekly
 * calendar): dates and times in Vietnam time as Nghị định 30/2020/NĐ-CP writes them, weekdays,
 * and sentence case for names quoted inside a sentence.
 */

/** A moment as read on a clock in Vietnam. */
export interface VietnamTime {
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** Date, time and weekday in Vietnam time (UTC+7, no daylight saving), whatever the server's zone. */
export function vietnamDay(at: Date): VietnamTime {
  const local = new Date(at.getTime() + 7 * 3600_000);
  return {
    day: local.getUTCDate(),
    month: local.getUTCMonth() + 1,
    year: local.getUTCFullYear(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** NĐ 30: a day below 10 and the months 1 and 2 are written with a leading 0 ("tháng 02", "tháng 3"). */
export function writtenDate({
  day,
  month,
  year,
}: {
  day: number;
  month: number;
  year: number;
}): string {
  const mm = month <= 2 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${mm} năm ${year}`;
}

/** "07/12/2026"; without the year "07/12". */
export function shortDate(
  t: { day: number; month: number; year: number },
  withYear = true,
): string {
  return withYear ? `${pad2(t.day)}/${pad2(t.month)}/${t.year}` : `${pad2(t.day)}/${pad2(t.month)}`;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Hai" … "Chủ nhật"; inside a sentence (`inSentence`) "thứ Hai", still "Chủ nhật". */
export function weekdayName(weekday: number, inSentence = false): string {
  const name = WEEKDAYS[weekday] ?? '';
  return inSentence && weekday !== 0 ? lowerFirst(name) : name;
}

/** "14 giờ 00", as invitations write the hour. */
export function clockWords({ hour, minute }: { hour: number; minute: number }): string {
  return `${pad2(hour)} giờ ${pad2(minute)}`;
}

/** "Phiên họp …" → "phiên họp …", leaving acronyms ("UBND …") as written. */
export function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0]!.toLocaleLowerCase('vi') + text.slice(1) : text;
}
