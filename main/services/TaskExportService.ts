/**
 * Exports the tasks a view shows as a spreadsheet (for the Office's follow-up tables) or an A4
 * landscape PDF (to print or attach to a report), from the local replica, so it works offline.
 * Column titles and status words are Vietnamese only: these are administrative documents, like
 * the conclusion notices themselves, whatever language the screen is in.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument, PageSizes, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { cachingFontkit } from '../../common/pdf/fontkit';
import {
  daysUntilDue,
  taskProgress,
  vietnamDate,
  type Task,
  type TaskProgress,
} from '../../common/domain/task';
import type { IpcRequest, IpcResponse } from '../../common/ipc/contract';

export type TaskExportRequest = IpcRequest<'tasks.export'>;
export type TaskExportFile = IpcResponse<'tasks.export'>;

export interface TaskExportOptions {
  /** Holds NotoSans-Regular.ttf and NotoSans-Bold.ttf (resources/fonts, or the packaged copy). */
  fontsDir: string;
  now?: () => Date;
}

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_MIME_TYPE = 'application/pdf';

/** Status words as Vietnamese follow-up tables write them (the renderer has its own i18n copy). */
export const PROGRESS_LABELS_VI: Record<TaskProgress, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành trễ hạn',
  overdue: 'Quá hạn',
};

const nfc = (text: string) => text.normalize('NFC');

/** "2022-10-05" → "05/10/2022". */
function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** Date and time in Vietnam (UTC+7), as documents print them: "20/10/2022 14:05". */
export function vietnamDateTimeText(at: Date): string {
  const shifted = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `${dayText(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}

/** The facts of one task as every export format shows them. */
interface TaskRow {
  index: number;
  ref: string;
  content: string;
  lead: string;
  cooperating: string;
  /** The due day (YYYY-MM-DD), or null when the task waits for an event or has no date. */
  dueDate: string | null;
  /** What the due column shows: the date, or the event ("Sau khi …"), or empty. */
  dueText: string;
  status: string;
  /** The latest reported percent (100 for a done task without reports), or null. */
  percent: number | null;
  latestReport: string;
  completedDate: string | null;
  reportTo: string;
  extensions: string;
  difficulties: string;
  proposals: string;
  id: string;
}

function toRow(task: Task, index: number, today: string): TaskRow {
  const progress = taskProgress(task, today);
  const overdueDays = progress === 'overdue' ? -(daysUntilDue(task, today) ?? 0) : 0;
  const latest = [...task.reports].sort(
    (a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt),
  )[0];
  return {
    index,
    ref: task.conclusionRef ?? '',
    content: nfc(task.content),
    lead: nfc(task.lead.name),
    cooperating: nfc(task.cooperating.map((c) => c.name).join('; ')),
    dueDate: task.dueDate,
    dueText: task.dueDate ? dayText(task.dueDate) : nfc(task.dueEvent ?? ''),
    status:
      overdueDays > 0
        ? `${PROGRESS_LABELS_VI.overdue} ${overdueDays} ngày`
        : PROGRESS_LABELS_VI[progress],
    percent: latest?.percent ?? (task.status === 'done' ? 100 : null),
    latestReport: latest
      ? nfc(`${dayText(vietnamDate(new Date(latest.reportedAt)))}: ${latest.text}`)
      : '',
    completedDate: task.completedAt ? vietnamDate(new Date(task.completedAt)) : null,
    reportTo: nfc(task.reportTo ?? ''),
    extensions: nfc(
      task.extensions
        .map(
          (e) =>
            `Gia hạn đến ${dayText(e.newDue)}${e.previousDue ? ` (từ ${dayText(e.previousDue)})` : ''}: ${e.reason}`,
        )
        .join('\n'),
    ),
    difficulties: nfc(task.difficulties ?? ''),
    proposals: nfc(task.proposals ?? ''),
    id: task.id,
  };
}

/** File names stay ASCII: "Danh sách nhiệm vụ quá hạn" → "danh-sach-nhiem-vu-qua-han-20221020". */
export function exportFileName(title: string, at: Date, extension: 'xlsx' | 'pdf'): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'nhiem-vu'}-${vietnamDate(at).replaceAll('-', '')}.${extension}`;
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet

interface SheetColumn {
  title: string;
  width: number;
  value: (row: TaskRow) => ExcelJS.CellValue;
  /** Excel number format, for dates and numbers. */
  numFmt?: string;
  center?: boolean;
}

/** A day as an Excel date (a serial number shown as dd/mm/yyyy, sortable and filterable). */
const excelDate = (day: string | null): Date | null =>
  day ? new Date(`${day}T00:00:00.000Z`) : null;

const SHEET_COLUMNS: SheetColumn[] = [
  { title: 'STT', width: 6, value: (r) => r.index, center: true },
  { title: 'Mục', width: 7, value: (r) => r.ref, center: true },
  { title: 'Nội dung nhiệm vụ', width: 60, value: (r) => r.content },
  { title: 'Đơn vị chủ trì', width: 28, value: (r) => r.lead },
  { title: 'Đơn vị phối hợp', width: 30, value: (r) => r.cooperating },
  {
    title: 'Thời hạn',
    width: 14,
    // A date when there is one; otherwise the event the task waits for, as text.
    value: (r) => excelDate(r.dueDate) ?? (r.dueText || null),
    numFmt: 'dd/mm/yyyy',
    center: true,
  },
  { title: 'Tình trạng', width: 22, value: (r) => r.status },
  { title: 'Tiến độ (%)', width: 11, value: (r) => r.percent, center: true },
  { title: 'Báo cáo gần nhất', width: 50, value: (r) => r.latestReport },
  {
    title: 'Ngày hoàn thành',
    width: 15,
    value: (r) => excelDate(r.completedDate),
    numFmt: 'dd/mm/yyyy',
    center: true,
  },
  { title: 'Báo cáo về', width: 20, value: (r) => r.reportTo },
  { title: 'Gia hạn', width: 36, value: (r) => r.extensions },
  { title: 'Khó khăn, vướng mắc', width: 36, value: (r) => r.difficulties },
  { title: 'Đề xuất, kiến nghị', width: 36, value: (r) => r.proposals },
  { title: 'Mã nhiệm vụ', width: 28, value: (r) => r.id },
];

/** Row of the column titles; the title and print date sit above it. */
export const SHEET_HEADER_ROW = 4;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9E9E9E' } };
const allBorders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export async function tasksToXlsx(
  tasks: readonly Task[],
  { title, now }: { title: string; now: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const today = vietnamDate(now);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phòng Họp';
  workbook.created = now;
  workbook.title = nfc(title);
  const sheet = workbook.addWorksheet('Nhiệm vụ', {
    views: [{ state: 'frozen', ySplit: SHEET_HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${SHEET_HEADER_ROW}:${SHEET_HEADER_ROW}`,
    },
  });
  sheet.columns = SHEET_COLUMNS.map((c) => ({ width: c.width }));
  const lastColumn = SHEET_COLUMNS.length;

  sheet.mergeCells(1, 1, 1, lastColumn);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = nfc(title);
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, lastColumn);
  const dateCell = sheet.getCell(2, 1);
  dateCell.value = `Ngày xuất: ${vietnamDateTimeText(now)} — ${tasks.length} nhiệm vụ`;
  dateCell.font = { italic: true };
  dateCell.alignment = { horizontal: 'center' };

  const header = sheet.getRow(SHEET_HEADER_ROW);
  SHEET_COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.title;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3ECF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = allBorders;
  });
  header.height = 32;

  tasks.forEach((task, i) => {
    const data = toRow(task, i + 1, today);
    const row = sheet.getRow(SHEET_HEADER_ROW + 1 + i);
    SHEET_COLUMNS.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      cell.value = column.value(data);
      if (column.numFmt && cell.value instanceof Date) cell.numFmt = column.numFmt;
      cell.alignment = {
        vertical: 'top',
        wrapText: true,
        ...(column.center ? { horizontal: 'center' } : {}),
      };
      cell.border = allBorders;
    });
  });
  sheet.autoFilter = {
    from: { row: SHEET_HEADER_ROW, column: 1 },
    to: { row: SHEET_HEADER_ROW + Math.max(tasks.length, 1), column: lastColumn },
  };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// PDF

const MM = 72 / 25.4;
const [A4_SHORT, A4_LONG] = PageSizes.A4;
const PAGE = { width: A4_LONG, height: A4_SHORT };
// Nghị định 30 margins, landscape: the binding side (left) wider.
const MARGIN = { left: 20 * MM, right: 12 * MM, top: 15 * MM, bottom: 16 * MM };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT_SIZE = 9.5;
const LEADING = 12.5;
const PADDING = 4;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.55, 0.55, 0.55);
const HEADER_FILL = rgb(0.89, 0.925, 0.97);

interface PdfColumn {
  title: string;
  /** Points, or a share of what the fixed columns leave. */
  width: number | { share: number };
  value: (row: TaskRow) => string;
  align?: 'left' | 'center';
}

const PDF_COLUMNS: PdfColumn[] = [
  { title: 'STT', width: 26, value: (r) => String(r.index), align: 'center' },
  { title: 'Nội dung nhiệm vụ', width: { share: 0.38 }, value: (r) => r.content },
  { title: 'Đơn vị chủ trì', width: { share: 0.14 }, value: (r) => r.lead },
  { title: 'Đơn vị phối hợp', width: { share: 0.16 }, value: (r) => r.cooperating },
  { title: 'Thời hạn', width: 62, value: (r) => r.dueText, align: 'center' },
  { title: 'Tình trạng', width: 74, value: (r) => r.status, align: 'center' },
  {
    title: 'Tiến độ',
    width: 40,
    value: (r) => (r.percent === null ? '' : `${r.percent}%`),
    align: 'center',
  },
  { title: 'Báo cáo gần nhất', width: { share: 0.32 }, value: (r) => r.latestReport },
];

function columnWidths(): number[] {
  const fixed = PDF_COLUMNS.reduce(
    (sum, c) => sum + (typeof c.width === 'number' ? c.width : 0),
    0,
  );
  const free = CONTENT_WIDTH - fixed;
  return PDF_COLUMNS.map((c) => (typeof c.width === 'number' ? c.width : free * c.width.share));
}

interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const fontBytesByDir = new Map<string, Promise<{ regular: Uint8Array; bold: Uint8Array }>>();

/** Reads the two fonts once per directory and process; a failed read is retried next time. */
export function loadFontBytes(fontsDir: string) {
  let bytes = fontBytesByDir.get(fontsDir);
  if (!bytes) {
    bytes = Promise.all([
      fsp.readFile(path.join(fontsDir, 'NotoSans-Regular.ttf')),
      fsp.readFile(path.join(fontsDir, 'NotoSans-Bold.ttf')),
    ]).then(([regular, bold]) => ({ regular, bold }));
    bytes.catch(() => fontBytesByDir.delete(fontsDir));
    fontBytesByDir.set(fontsDir, bytes);
  }
  return bytes;
}

/**
 * Greedy line breaking by measured width; words wider than the line are cut by code point. Line
 * widths are sums of word widths (`measure` is called per word, so callers can cache it).
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.replace(/\t/g, ' ').split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const wordWidth = measure(word);
      const widened = line ? lineWidth + space + wordWidth : wordWidth;
      if (widened <= width) {
        line = line ? `${line} ${word}` : word;
        lineWidth = widened;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      lineWidth = 0;
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      for (const char of Array.from(word)) {
        const charWidth = measure(char);
        if (line && lineWidth + charWidth > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += char;
        lineWidth += charWidth;
      }
    }
    lines.push(line);
  }
  // Trailing empty paragraphs would only add blank lines to the cell.
  while (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

class TablePdf {
  readonly #doc: PDFDocument;
  readonly #fonts: PdfFonts;
  readonly #widths = columnWidths();
  readonly #measureCache = new Map<string, number>();
  #page!: PDFPage;
  #y = 0;
  #headerHeight = 0;

  constructor(doc: PDFDocument, fonts: PdfFonts) {
    this.#doc = doc;
    this.#fonts = fonts;
  }

  #measure(font: PDFFont, text: string): number {
    const key = `${font === this.#fonts.bold ? 'b' : 'r'}${text}`;
    let width = this.#measureCache.get(key);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, FONT_SIZE);
      this.#measureCache.set(key, width);
    }
    return width;
  }

  #cellLines(texts: string[], font: PDFFont): string[][] {
    return texts.map((text, i) =>
      wrapText(nfc(text), this.#widths[i]! - 2 * PADDING, (s) => this.#measure(font, s)),
    );
  }

  newPage(): void {
    this.#page = this.#doc.addPage([PAGE.width, PAGE.height]);
    this.#y = PAGE.height - MARGIN.top;
  }

  get y(): number {
    return this.#y;
  }

  title(title: string, subtitle: string): void {
    const bold = this.#fonts.bold;
    const size = 14;
    for (const line of wrapText(nfc(title), CONTENT_WIDTH, (s) =>
      bold.widthOfTextAtSize(s, size),
    )) {
      const width = bold.widthOfTextAtSize(line, size);
      this.#y -= size * 1.3;
      this.#page.drawText(line, {
        x: MARGIN.left + (CONTENT_WIDTH - width) / 2,
        y: this.#y + 3,
        size,
        font: bold,
        color: BLACK,
      });
    }
    const width = this.#fonts.regular.widthOfTextAtSize(subtitle, 10);
    this.#y -= 16;
    this.#page.drawText(subtitle, {
      x: MARGIN.left + (CONTENT_WIDTH - width) / 2,
      y: this.#y + 3,
      size: 10,
      font: this.#fonts.regular,
      color: GREY,
    });
    this.#y -= 10;
  }

  header(): void {
    const lines = this.#cellLines(
      PDF_COLUMNS.map((c) => c.title),
      this.#fonts.bold,
    );
    const height = Math.max(...lines.map((l) => l.length)) * LEADING + 2 * PADDING;
    this.#headerHeight = height;
    this.#page.drawRectangle({
      x: MARGIN.left,
      y: this.#y - height,
      width: CONTENT_WIDTH,
      height,
      color: HEADER_FILL,
    });
    this.#drawCells(lines, 0, Math.max(...lines.map((l) => l.length)), height, this.#fonts.bold, [
      ...PDF_COLUMNS.map(() => 'center' as const),
    ]);
  }

  /** Draws one task's row, continuing it on the next page when it does not fit. */
  row(texts: string[]): void {
    const lines = this.#cellLines(texts, this.#fonts.regular);
    const total = Math.max(1, ...lines.map((l) => l.length));
    // Room for lines on a page holding only the header and this row.
    const fullPage = PAGE.height - MARGIN.top - MARGIN.bottom - this.#headerHeight - 2 * PADDING;
    let start = 0;
    while (start < total) {
      const remaining = total - start;
      const fits = Math.floor((this.#y - MARGIN.bottom - 2 * PADDING) / LEADING);
      // Move a row that would fit on a page of its own rather than split it; split only rows
      // longer than a page, and never leave a lone line at a page's foot.
      if (fits < Math.min(remaining, 2) || (remaining > fits && remaining * LEADING <= fullPage)) {
        this.newPage();
        this.header();
        continue;
      }
      const count = Math.min(remaining, fits);
      this.#drawCells(
        lines,
        start,
        count,
        count * LEADING + 2 * PADDING,
        this.#fonts.regular,
        PDF_COLUMNS.map((c) => c.align ?? 'left'),
      );
      start += count;
    }
  }

  #drawCells(
    lines: string[][],
    start: number,
    count: number,
    height: number,
    font: PDFFont,
    aligns: ('left' | 'center')[],
  ): void {
    let x = MARGIN.left;
    const top = this.#y;
    lines.forEach((cell, i) => {
      const width = this.#widths[i]!;
      cell.slice(start, start + count).forEach((line, n) => {
        const textWidth = this.#measure(font, line);
        this.#page.drawText(line, {
          x: aligns[i] === 'center' ? x + (width - textWidth) / 2 : x + PADDING,
          y: top - PADDING - (n + 1) * LEADING + 3,
          size: FONT_SIZE,
          font,
          color: BLACK,
        });
      });
      this.#page.drawRectangle({
        x,
        y: top - height,
        width,
        height,
        borderColor: RULE,
        borderWidth: 0.5,
      });
      x += width;
    });
    this.#y -= height;
  }

  footers(note: string): void {
    const pages = this.#doc.getPages();
    pages.forEach((page, i) => {
      const label = `Trang ${i + 1}/${pages.length}`;
      const width = this.#fonts.regular.widthOfTextAtSize(label, 8.5);
      const y = 8 * MM;
      page.drawText(label, {
        x: PAGE.width - MARGIN.right - width,
        y,
        size: 8.5,
        font: this.#fonts.regular,
        color: GREY,
      });
      page.drawText(note, { x: MARGIN.left, y, size: 8.5, font: this.#fonts.regular, color: GREY });
    });
  }
}

export async function tasksToPdf(
  tasks: readonly Task[],
  { title, now, fontsDir }: { title: string; now: Date; fontsDir: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const today = vietnamDate(now);
  const bytes = await loadFontBytes(fontsDir);
  // updateMetadata: false keeps pdf-lib's own timestamps out; we set the export time ourselves.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  doc.setTitle(nfc(title), { showInWindowTitleBar: true });
  doc.setLanguage('vi-VN');
  doc.setCreator('Phòng Họp');
  doc.setProducer('Phòng Họp (pdf-lib)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);

  const table = new TablePdf(doc, { regular, bold });
  table.newPage();
  table.title(title, `Ngày in: ${vietnamDateTimeText(now)} — ${tasks.length} nhiệm vụ`);
  table.header();
  tasks.forEach((task, i) => {
    const row = toRow(task, i + 1, today);
    table.row(PDF_COLUMNS.map((c) => c.value(row)));
  });
  table.footers(`Phòng Họp — ${nfc(title)}`);
  // A copy on a plain ArrayBuffer, the type the IPC contract's bytes have.
  return new Uint8Array(await doc.save());
}

// ---------------------------------------------------------------------------------------------

/** The first directory that holds the export's fonts (packaged copy first, then the checkout). */
export function findFontsDir(candidates: readonly (string | undefined)[]): string | undefined {
  return candidates.find(
    (dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'NotoSans-Regular.ttf')),
  );
}

export class TaskExportService {
  readonly #tasks: () => readonly Task[];
  readonly #fontsDir: string;
  readonly #now: () => Date;

  /** `tasks` reads the signed-in user's replica (throws when signed out). */
  constructor(tasks: () => readonly Task[], options: TaskExportOptions) {
    this.#tasks = tasks;
    this.#fontsDir = options.fontsDir;
    this.#now = options.now ?? (() => new Date());
  }

  /** The tasks named, in the order named; ids no longer in the replica are left out. */
  async export(request: TaskExportRequest): Promise<TaskExportFile> {
    const byId = new Map(this.#tasks().map((t) => [t.id, t]));
    const tasks = request.taskIds.flatMap((id) => byId.get(id) ?? []);
    const now = this.#now();
    if (request.format === 'xlsx') {
      return {
        fileName: exportFileName(request.title, now, 'xlsx'),
        mimeType: XLSX_MIME_TYPE,
        bytes: await tasksToXlsx(tasks, { title: request.title, now }),
      };
    }
    return {
      fileName: exportFileName(request.title, now, 'pdf'),
      mimeType: PDF_MIME_TYPE,
      bytes: await tasksToPdf(tasks, { title: request.title, now, fontsDir: this.#fontsDir }),
    };
  }
}
