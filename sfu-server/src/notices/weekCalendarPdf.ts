/**
 * The week's meeting calendar (lịch họp tuần) as the Office publishes it: the letterhead of Nghị
 * định 30/2020/NĐ-CP, "LỊCH HỌP TUẦN (Từ ngày … đến ngày …)", then a table on A4 landscape with
 * the columns Thứ/ngày, Giờ, Nội dung, Chủ trì, Thành phần, Địa điểm. Rows are grouped by day
 * (Monday to Friday always shown, the weekend when it has meetings), each day's meetings in
 * order with "Sáng"/"Chiều"/"Tối" over the first of each part of the day; postponed and cancelled
 * meetings stay listed, marked "(Hoãn)"/"(Hủy)". Text wraps inside its cell; a row that does not
 * fit moves to the next page (or, taller than a page, continues there), and every page repeats
 * the header row and the day it is in.
 */
import { PageSizes, PDFDocument, type PDFPage } from 'pdf-lib';
import type { CalendarEntry, MeetingStatus } from '../../../common/domain/meetingPlan';
import { shortDate, vietnamDay, weekdayName, writtenDate, type VietnamTime } from './noticeWording';
import {
  drawColumn,
  drawFooters,
  drawLetterhead,
  drawLine,
  drawTitle,
  embedFonts,
  layoutEntry,
  MARGIN,
  nfc,
  PageFlow,
  setMetadata,
  type ColumnEntry,
  type Fonts,
  type Line,
  type TextStyle,
} from './officialDocumentPdf';

export interface WeekCalendarPdfInput {
  /**
   * The province as its people's committee is named: "UBND thành phố Hải Phòng", or with its
   * level only ("thành phố Hải Phòng", "tỉnh Quảng Ninh"); a bare name is taken as a tỉnh.
   */
  provinceName: string;
  /** The week's first day (Monday), any moment of it; days are counted in Vietnam time. */
  weekStart: Date;
  /** The moment the week ends, exclusive: the next Monday 00:00 in Vietnam. */
  weekEnd: Date;
  entries: CalendarEntry[];
  /** The unit the calendar was filtered for, shown under the title. */
  unitName?: string;
  issuedAt: Date;
}

const DAY_MS = 86_400_000;
const CELL_SIZE = 11;
const CELL_PAD = { x: 4, y: 3 };
const RULE = 0.6;

/** A4 landscape. */
const PAGE_SIZE: [number, number] = [PageSizes.A4[1], PageSizes.A4[0]];

/** Column headers and widths (points); "Nội dung" takes what the others leave. */
export const CALENDAR_COLUMNS = [
  { header: 'Thứ/ngày', width: 62 },
  { header: 'Giờ', width: 50 },
  { header: 'Nội dung', width: 0 },
  { header: 'Chủ trì', width: 100 },
  { header: 'Thành phần', width: 150 },
  { header: 'Địa điểm', width: 120 },
] as const;

/** Left edge of each column on the page, then the table's right edge (points from the left). */
export function calendarColumnEdges(): number[] {
  const contentWidth = PAGE_SIZE[0] - MARGIN.left - MARGIN.right;
  const fixed = CALENDAR_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = CALENDAR_COLUMNS.map((c) => c.width || contentWidth - fixed);
  return widths.reduce((edges, w) => [...edges, edges.at(-1)! + w], [MARGIN.left]);
}

const STATUS_MARK: Record<MeetingStatus, string | null> = {
  draft: null,
  published: null,
  postponed: '(Hoãn)',
  cancelled: '(Hủy)',
};

/** A row of the table: one meeting, or a day without any. Cells other than the day column. */
interface Row {
  /** "Sáng", "Chiều" or "Tối", shown over the time when the row opens that part of the day or a page. */
  part: { label: string; opens: boolean } | null;
  cells: ColumnEntry[][];
}

interface Day {
  /** "Thứ Hai" and "07/12", one per line. */
  label: ColumnEntry[];
  rows: Row[];
}

/** A cell laid out: its lines, each with the style it is drawn in. */
type CellLines = { line: Line; style: TextStyle }[];

/** "UBND thành phố Hải Phòng" → level "thành phố", place "Hải Phòng". */
function provinceParts(name: string): { level: string; place: string } {
  const bare = nfc(name)
    .trim()
    .replace(/^(?:UBND|Ủy ban nhân dân)\s+/iu, '');
  const match = /^(tỉnh|thành phố)\s+(.+)$/iu.exec(bare);
  return match
    ? { level: match[1]!.toLocaleLowerCase('vi'), place: match[2]! }
    : { level: 'tỉnh', place: bare };
}

/** YYYY-MM-DD of the Vietnam day, the key days are grouped and sorted by. */
const dayKey = (t: VietnamTime) => shortDate(t).split('/').reverse().join('-');

/** The instant the Vietnam day of `t` begins (00:00 at UTC+7). */
const dayStartMs = (t: VietnamTime) => Date.UTC(t.year, t.month - 1, t.day) - 7 * 3600_000;

const cell = (text: string, style: ColumnEntry['style'] = 'regular'): ColumnEntry => ({
  text: nfc(text).replace(/\s+/gu, ' ').trim(),
  style,
  size: CELL_SIZE,
  align: 'left',
});

function partOfDay(hour: number): string {
  if (hour < 12) return 'Sáng';
  return hour < 18 ? 'Chiều' : 'Tối';
}

function placeText(entry: CalendarEntry): string {
  const place = entry.place.trim();
  if (!entry.online) return place;
  return place ? `${place} (kết hợp trực tuyến)` : 'Trực tuyến';
}

function entryRow(entry: CalendarEntry, start: VietnamTime, opensPart: boolean): Row {
  const time = `${start.hour}h${String(start.minute).padStart(2, '0')}`;
  const mark = STATUS_MARK[entry.status];
  const what = [cell(mark ? `${entry.title} **${mark}**` : entry.title)];
  if (entry.preparingUnit) what.push(cell(`Chuẩn bị: ${entry.preparingUnit}`, 'italic'));
  return {
    part: { label: partOfDay(start.hour), opens: opensPart },
    cells: [
      [cell(time)],
      what,
      [cell(entry.chairName)],
      [cell(entry.participants)],
      [cell(placeText(entry))],
    ],
  };
}

/** The week's days in order, each with its meetings; see the module comment for which days. */
function groupByDay(input: WeekCalendarPdfInput): Day[] {
  const byDay = new Map<string, { time: VietnamTime; entries: CalendarEntry[] }>();
  const first = vietnamDay(input.weekStart);
  // At most seven days, whatever span the caller passes: the work stays bounded.
  const end = Math.min(input.weekEnd.getTime(), dayStartMs(first) + 7 * DAY_MS);
  for (let ms = dayStartMs(first); ms < end; ms += DAY_MS) {
    const time = vietnamDay(new Date(ms));
    if (time.weekday >= 1 && time.weekday <= 5) byDay.set(dayKey(time), { time, entries: [] });
  }
  const sorted = [...input.entries].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.title.localeCompare(b.title),
  );
  for (const entry of sorted) {
    const time = vietnamDay(new Date(entry.startsAt));
    const key = dayKey(time);
    const day = byDay.get(key) ?? { time, entries: [] };
    day.entries.push(entry);
    byDay.set(key, day);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { time, entries }]) => {
      let part = '';
      const rows = entries.map((entry) => {
        const start = vietnamDay(new Date(entry.startsAt));
        const showPart = partOfDay(start.hour) !== part;
        part = partOfDay(start.hour);
        return entryRow(entry, start, showPart);
      });
      return {
        label: [cell(weekdayName(time.weekday), 'bold'), cell(shortDate(time, false))],
        rows:
          rows.length > 0
            ? rows
            : [{ part: null, cells: [[], [cell('Không có lịch họp', 'italic')], [], [], []] }],
      };
    });
}

/** Draws the table row by row on `flow`, breaking pages between (or, if need be, inside) rows. */
class CalendarTable {
  readonly #flow: PageFlow;
  readonly #fonts: Fonts;
  /** Left edge of each column, then the table's right edge. */
  readonly #edges: number[];
  readonly #leading: number;

  constructor(flow: PageFlow, fonts: Fonts) {
    this.#flow = flow;
    this.#fonts = fonts;
    this.#edges = calendarColumnEdges();
    this.#leading = layoutEntry(cell('A'), fonts, 100).style.leading;
  }

  #width(column: number): number {
    return this.#edges[column + 1]! - this.#edges[column]! - 2 * CELL_PAD.x;
  }

  #layout(entries: ColumnEntry[], column: number): CellLines {
    return entries.flatMap((entry) => {
      const { style, lines } = layoutEntry(entry, this.#fonts, this.#width(column));
      return lines.map((line) => ({ line, style }));
    });
  }

  /** Lines that fit between the cursor and the bottom margin. */
  #room(): number {
    return Math.floor((this.#flow.y - MARGIN.bottom - 2 * CELL_PAD.y) / this.#leading);
  }

  #rule(page: PDFPage, x1: number, x2: number, y: number): void {
    page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness: RULE });
  }

  /** Draws one band of cells from the cursor down; `dayTop`: the day column opens here. */
  #band(cells: CellLines[], lines: number, dayTop: boolean): void {
    const { page } = this.#flow;
    const top = this.#flow.y;
    const bottom = top - lines * this.#leading - 2 * CELL_PAD.y;
    const right = this.#edges.at(-1)!;
    cells.forEach((cellLines, column) => {
      let y = top - CELL_PAD.y;
      for (const { line, style } of cellLines) {
        const x = this.#edges[column]! + CELL_PAD.x;
        drawLine(page, line, x, y - style.size, this.#width(column), style, true, this.#fonts);
        y -= this.#leading;
      }
    });
    this.#rule(page, dayTop ? this.#edges[0]! : this.#edges[1]!, right, top);
    this.#rule(page, this.#edges[1]!, right, bottom);
    for (const x of this.#edges)
      page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: RULE });
    this.#flow.y = bottom;
  }

  header(): void {
    const cells = CALENDAR_COLUMNS.map((c, i) =>
      this.#layout([{ ...cell(c.header, 'bold'), align: 'center' }], i),
    );
    this.#band(cells, Math.max(...cells.map((c) => c.length)), true);
    this.#closeDay();
  }

  /** Closes the day column at the cursor (a day's end, or the page's). */
  #closeDay(): void {
    this.#rule(this.#flow.page, this.#edges[0]!, this.#edges[1]!, this.#flow.y);
  }

  #newPage(): void {
    this.#closeDay();
    this.#flow.newPage();
    this.header();
  }

  day(day: Day): void {
    const label = this.#layout(day.label, 0);
    const freshRoom = this.#freshRoom();
    day.rows.forEach((row, index) => {
      const layoutRow = (showPart: boolean) =>
        row.cells.map((entries, i) =>
          this.#layout(
            i === 0 && showPart && row.part ? [cell(row.part.label, 'bold'), ...entries] : entries,
            i + 1,
          ),
        );
      let rest = layoutRow(row.part?.opens ?? false);
      let dayTop = index === 0;
      for (;;) {
        const cells = [dayTop ? label : [], ...rest];
        const need = Math.max(...cells.map((c) => c.length));
        const room = this.#room();
        if (need <= room) {
          this.#band(cells, need, dayTop);
          break;
        }
        const split = need > freshRoom && room >= Math.max(label.length, 2);
        if (split) {
          // Taller than a whole page: fill this one and continue on the next.
          this.#band(
            cells.map((c) => c.slice(0, room)),
            room,
            dayTop,
          );
          rest = rest.map((c) => c.slice(room));
        }
        this.#newPage();
        dayTop = true;
        // A row opening a page names its part of the day again, as it names its day.
        if (!split) rest = layoutRow(true);
      }
    });
    this.#closeDay();
  }

  /** Lines a row may have on a page holding only the header row. */
  #freshRoom(): number {
    const headerHeight = this.#leading + 2 * CELL_PAD.y;
    const pageTop = this.#flow.page.getHeight() - MARGIN.top;
    return Math.floor((pageTop - headerHeight - MARGIN.bottom - 2 * CELL_PAD.y) / this.#leading);
  }
}

/** "(Từ ngày 07/12 đến ngày 13/12/2026)"; both years when the week spans two. */
function weekSpan(weekStart: Date, weekEnd: Date): string {
  const from = vietnamDay(weekStart);
  const to = vietnamDay(new Date(weekEnd.getTime() - 1));
  return `(Từ ngày ${shortDate(from, from.year !== to.year)} đến ngày ${shortDate(to)})`;
}

/** Renders the week's calendar as an A4 landscape PDF; see the module comment. */
export async function renderWeekCalendarPdf(input: WeekCalendarPdfInput): Promise<Uint8Array> {
  const { level, place } = provinceParts(input.provinceName);
  const committee = `UBND ${level} ${place}`;
  const title = 'LỊCH HỌP TUẦN';
  const span = weekSpan(input.weekStart, input.weekEnd);
  // updateMetadata: false keeps pdf-lib from stamping the current time (equal input, equal bytes).
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  setMetadata(doc, {
    title,
    subtitle: span,
    body: '',
    author: `Văn phòng ${committee}`,
    date: input.issuedAt,
  });
  const flow = new PageFlow(doc, PAGE_SIZE);
  drawLetterhead(flow, fonts, {
    parent: committee.toLocaleUpperCase('vi'),
    issuer: 'VĂN PHÒNG',
    placeAndDate: `${place}, ${writtenDate(vietnamDay(input.issuedAt))}`,
  });
  drawTitle(flow, fonts, title, span);
  if (input.unitName) {
    const line: ColumnEntry = {
      text: `Đơn vị: ${nfc(input.unitName)} (cuộc họp đơn vị chuẩn bị, chủ trì hoặc được mời dự)`,
      style: 'italic',
      size: 12,
    };
    flow.y = drawColumn(flow.page, fonts, [line], MARGIN.left, flow.contentWidth, flow.y + 4) - 8;
  }
  const table = new CalendarTable(flow, fonts);
  table.header();
  for (const day of groupByDay(input)) table.day(day);
  drawFooters(doc, fonts, undefined);
  return doc.save();
}
