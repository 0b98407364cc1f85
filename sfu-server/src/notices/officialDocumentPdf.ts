/**
 * Renders plain Vietnamese administrative text (a report, a proposal, a conclusion notice) as an
 * A4 PDF laid out after Nghị định 30/2020/NĐ-CP: letterhead, centred title, justified paragraphs
 * with a first-line indent, "Nơi nhận" beside the signature, and "Trang n/N" in the footer.
 *
 * pdf-lib does no shaping, so text is NFC-normalised first: every Vietnamese letter then maps to
 * one precomposed glyph of Noto Serif, and stacked marks (ẫ ậ ặ ỗ ộ ợ ự) render correctly.
 */
import fs from 'node:fs/promises';
import * as fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, PageSizes, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { resourcePath } from '../seed/resources';

/** The header block of an official document (Nghị định 30, Phụ lục I). */
export interface Letterhead {
  /** Superior body, upper case, e.g. "UBND TỈNH HẢI DƯƠNG". */
  parent?: string;
  /** Issuing body, upper case, e.g. "VĂN PHÒNG"; `\n` breaks a long name where officials do. */
  issuer: string;
  /** Number and symbol, e.g. "Số: 123/TB-VP". */
  number?: string;
  /** Place and date, e.g. "Hải Dương, ngày 03 tháng 10 năm 2022". */
  placeAndDate?: string;
}

/** The signature block, drawn in the right half after the body. */
export interface Signature {
  /** Authority line, e.g. "TL. CHỦ TỊCH" or "KT. GIÁM ĐỐC". */
  authority?: string;
  /** Position of the signer, e.g. "CHÁNH VĂN PHÒNG". */
  position: string;
  /** Full name of the signer. */
  name: string;
}

export interface TextPdfInput {
  /** Document kind or main title, e.g. "THÔNG BÁO"; also the PDF's metadata title. */
  title: string;
  /** Summary line under the title, e.g. "Kết luận của đồng chí Phó Chủ tịch UBND tỉnh …". */
  subtitle?: string;
  /**
   * One paragraph per non-empty line. A line starting with `## ` is a bold section heading;
   * `**bold**` and `*italic*` mark inline emphasis, as in the shipped notices.
   */
  body: string;
  letterhead?: Letterhead;
  /** "Nơi nhận" entries, drawn left of the signature. */
  recipients?: string[];
  signature?: Signature;
  /** Small note on the left of every footer, e.g. marking demo material. */
  footerNote?: string;
  /** Stamp "DỰ THẢO" in a box at the top right of the first page. */
  draft?: boolean;
  /** Author metadata. */
  author?: string;
  /** Creation date metadata. Omitted: no date, so equal input gives byte-identical output. */
  date?: Date;
}

type Style = 'regular' | 'bold' | 'italic';
type Align = 'left' | 'center' | 'justify';

type FontKey = 'regular' | 'bold' | 'italic' | 'sans';

/** An embedded font with the process-wide cache of its text widths. */
interface Face {
  pdf: PDFFont;
  /** Width at size 1 by text: measuring runs the shaper, and syllables repeat endlessly. */
  widths: Map<string, number>;
}

export type Fonts = Record<FontKey, Face>;

interface Run {
  text: string;
  style: Style;
}

/** A stretch of one font inside a word (a word can change style mid-way: `**05/10/2022**.`). */
interface Piece {
  text: string;
  face: Face;
  width: number;
}

interface Word {
  pieces: Piece[];
  width: number;
}

export interface Line {
  words: Word[];
  /** Width with single spaces between words. */
  width: number;
}

export interface TextStyle {
  size: number;
  leading: number;
  align: Align;
  firstIndent: number;
}

const MM = 72 / 25.4;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
// Nghị định 30 margins: left 30–35 mm (binding side), right 15–20 mm, top and bottom 20–25 mm.
export const MARGIN = { left: 30 * MM, right: 20 * MM, top: 20 * MM, bottom: 22 * MM };
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

const BODY: TextStyle = { size: 13, leading: 17.5, align: 'justify', firstIndent: 10 * MM };
const HEADING: TextStyle = { ...BODY, align: 'left' };
const PARAGRAPH_GAP = 5;
/** Extra space under a ruled entry (issuer, motto, title). */
const RULE_GAP = 4;

// ---------------------------------------------------------------------------------------------
// Fonts

// pdf-lib does not export the type it expects from a fontkit.
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// The package is UMD for Node (namespace.default is fontkit) and ESM with a default export for
// bundlers; its typings declare neither, hence the cast.
const fontkit: Fontkit =
  (fontkitModule as unknown as { default?: Fontkit }).default ??
  (fontkitModule as unknown as Fontkit);

// pdf-lib parses the font file anew for every document, and its first layout then decodes the
// GSUB/GPOS tables: about 0.3 s per font per document. A parsed font is only read afterwards
// (each embedder makes its own subset), so one parse per font file serves every document.
const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();
const cachingFontkit: Fontkit = {
  create(bytes, postscriptName) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

const FONT_FILES = {
  regular: 'NotoSerif-Regular.ttf',
  bold: 'NotoSerif-Bold.ttf',
  italic: 'NotoSerif-Italic.ttf',
  sans: 'NotoSans-Regular.ttf',
} as const;

// Fixed subset names instead of pdf-lib's random suffix: equal input then gives equal bytes, so
// content-addressed storage (sha256 file names) deduplicates re-generated documents.
const SUBSET_NAMES: Record<FontKey, string> = {
  regular: 'PHAAAA+NotoSerif-Regular',
  bold: 'PHAAAB+NotoSerif-Bold',
  italic: 'PHAAAC+NotoSerif-Italic',
  sans: 'PHAAAD+NotoSans-Regular',
};

type FontBytes = Record<FontKey, Uint8Array>;
let fontBytes: Promise<FontBytes> | undefined;

/** Reads the font files once per process (about 2.3 MB); a failed read is retried next time. */
function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= (async () => {
    const read = (key: FontKey) => fs.readFile(resourcePath('fonts', FONT_FILES[key]));
    const [regular, bold, italic, sans] = await Promise.all([
      read('regular'),
      read('bold'),
      read('italic'),
      read('sans'),
    ]);
    return { regular, bold, italic, sans };
  })().catch((error: unknown) => {
    fontBytes = undefined;
    throw error;
  });
  return fontBytes;
}

// Widths depend only on the font file, so the caches outlive documents; cleared when large so
// that a long-running server rendering many documents stays bounded.
const WIDTH_CACHE_LIMIT = 50_000;
const widthCaches: Record<FontKey, Map<string, number>> = {
  regular: new Map(),
  bold: new Map(),
  italic: new Map(),
  sans: new Map(),
};

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(cachingFontkit);
  const embed = async (key: FontKey): Promise<Face> => {
    const pdf = await doc.embedFont(bytes[key], { subset: true, customName: SUBSET_NAMES[key] });
    if (widthCaches[key].size > WIDTH_CACHE_LIMIT) widthCaches[key].clear();
    return { pdf, widths: widthCaches[key] };
  };
  const [regular, bold, italic, sans] = await Promise.all([
    embed('regular'),
    embed('bold'),
    embed('italic'),
    embed('sans'),
  ]);
  return { regular, bold, italic, sans };
}

/** pdf-lib's width is linear in the size, so one cached width at size 1 serves every size. */
function widthOf(face: Face, text: string, size: number): number {
  let unit = face.widths.get(text);
  if (unit === undefined) {
    unit = face.pdf.widthOfTextAtSize(text, 1);
    face.widths.set(text, unit);
  }
  return unit * size;
}

// ---------------------------------------------------------------------------------------------
// Text to lines

export const nfc = (text: string) => text.normalize('NFC');

/** Splits `**bold**` and `*italic*` marks into runs; unmatched asterisks stay literal. */
function parseInline(text: string, base: Style = 'regular'): Run[] {
  const runs: Run[] = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), style: base });
    runs.push(
      match[1] !== undefined
        ? { text: match[1], style: 'bold' }
        : { text: match[2] ?? '', style: 'italic' },
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), style: base });
  return runs;
}

function toWords(runs: Run[], fonts: Fonts, size: number): Word[] {
  const words: Word[] = [];
  let pieces: Piece[] = [];
  const flush = () => {
    if (pieces.length > 0) words.push({ pieces, width: pieces.reduce((w, p) => w + p.width, 0) });
    pieces = [];
  };
  for (const run of runs) {
    const face = fonts[run.style];
    // Only ASCII whitespace breaks: U+00A0 in the notices ("Nơi nhận", dates) must stay unbroken.
    for (const part of run.text.split(/([ \t\r\n]+)/)) {
      if (part === '') continue;
      if (/^[ \t\r\n]/.test(part)) flush();
      else pieces.push({ text: part, face, width: widthOf(face, part, size) });
    }
  }
  flush();
  return words;
}

/** Cuts a word wider than a line (a URL) into line-sized chunks, by code point. */
function splitLongWord(word: Word, maxWidth: number, size: number): Word[] {
  if (word.width <= maxWidth) return [word];
  const chunks: Word[] = [];
  let current: Word = { pieces: [], width: 0 };
  for (const piece of word.pieces) {
    for (const char of Array.from(piece.text)) {
      const w = widthOf(piece.face, char, size);
      if (current.width + w > maxWidth && current.width > 0) {
        chunks.push(current);
        current = { pieces: [], width: 0 };
      }
      const tail = current.pieces.at(-1);
      if (tail && tail.face === piece.face) {
        tail.text += char;
        tail.width += w;
      } else {
        current.pieces.push({ text: char, face: piece.face, width: w });
      }
      current.width += w;
    }
  }
  if (current.pieces.length > 0) chunks.push(current);
  return chunks;
}

/** Greedy line breaking by measured width; the first line may be shorter (indent). */
function wrap(
  words: Word[],
  firstWidth: number,
  restWidth: number,
  space: number,
  size: number,
): Line[] {
  const lines: Line[] = [];
  let current: Word[] = [];
  let width = 0;
  for (const word of words.flatMap((w) =>
    splitLongWord(w, Math.min(firstWidth, restWidth), size),
  )) {
    const limit = lines.length === 0 ? firstWidth : restWidth;
    const widened = current.length === 0 ? word.width : width + space + word.width;
    if (current.length > 0 && widened > limit) {
      lines.push({ words: current, width });
      current = [word];
      width = word.width;
    } else {
      current.push(word);
      width = widened;
    }
  }
  if (current.length > 0) lines.push({ words: current, width });
  return lines;
}

function layoutText(runs: Run[], fonts: Fonts, style: TextStyle, width: number): Line[] {
  const space = widthOf(fonts.regular, ' ', style.size);
  return wrap(
    toWords(runs, fonts, style.size),
    width - style.firstIndent,
    width,
    space,
    style.size,
  );
}

export function drawLine(
  page: PDFPage,
  line: Line,
  x: number,
  baseline: number,
  width: number,
  style: TextStyle,
  last: boolean,
  fonts: Fonts,
): void {
  const space = widthOf(fonts.regular, ' ', style.size);
  let gap = space;
  let cx = x;
  if (style.align === 'center') cx += (width - line.width) / 2;
  if (style.align === 'justify' && !last && line.words.length > 1) {
    const stretch = (width - line.width) / (line.words.length - 1);
    // A line cut short before a very long word would be stretched into gaps; leave it ragged.
    if (stretch < space * 3) gap += stretch;
  }
  for (const word of line.words) {
    for (const piece of word.pieces) {
      page.drawText(piece.text, {
        x: cx,
        y: baseline,
        size: style.size,
        font: piece.face.pdf,
        color: BLACK,
      });
      cx += piece.width;
    }
    cx += gap;
  }
}

// ---------------------------------------------------------------------------------------------
// Page flow

/** Keeps the current page and the vertical cursor (top of the next line), adding pages as text flows. */
export class PageFlow {
  readonly #doc: PDFDocument;
  /** Width and height of every page; A4 portrait unless a table asks for landscape. */
  readonly #size: [number, number];
  #page: PDFPage;
  #y: number;

  constructor(doc: PDFDocument, size: [number, number] = PageSizes.A4) {
    this.#doc = doc;
    this.#size = size;
    this.#page = doc.addPage(size);
    this.#y = size[1] - MARGIN.top;
  }

  get page(): PDFPage {
    return this.#page;
  }

  /** Width between the side margins. */
  get contentWidth(): number {
    return this.#size[0] - MARGIN.left - MARGIN.right;
  }

  get y(): number {
    return this.#y;
  }

  set y(value: number) {
    this.#y = value;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  reserve(height: number): void {
    if (this.#y - height < MARGIN.bottom) this.newPage();
  }

  newPage(): void {
    this.#page = this.#doc.addPage(this.#size);
    this.#y = this.#size[1] - MARGIN.top;
  }

  /** Draws lines in the column [x, x + width], breaking pages between lines. */
  drawLines(
    lines: Line[],
    style: TextStyle,
    fonts: Fonts,
    x = MARGIN.left,
    width = this.contentWidth,
  ): void {
    lines.forEach((line, i) => {
      this.reserve(style.leading);
      const indent = i === 0 ? style.firstIndent : 0;
      drawLine(
        this.#page,
        line,
        x + indent,
        this.#y - style.size,
        width - indent,
        style,
        i === lines.length - 1,
        fonts,
      );
      this.#y -= style.leading;
    });
  }

  skip(points: number): void {
    this.#y -= points;
  }
}

/** One centred (or left-aligned) entry of a column block: letterhead, signature, recipients. */
export interface ColumnEntry {
  /** `\n` forces a line break, e.g. to split an agency name where officials split it. */
  text: string;
  style: Style;
  size: number;
  align?: Align;
  /** Draw a rule under the entry: 'short' a third of the column, 'text' as wide as the last line. */
  rule?: 'short' | 'text';
  gapBefore?: number;
}

export function layoutEntry(
  entry: ColumnEntry,
  fonts: Fonts,
  width: number,
): { style: TextStyle; lines: Line[] } {
  const style: TextStyle = {
    size: entry.size,
    leading: entry.size * 1.3,
    align: entry.align ?? 'center',
    firstIndent: 0,
  };
  const lines = entry.text
    .split('\n')
    .flatMap((part) => layoutText(parseInline(part, entry.style), fonts, style, width));
  return { style, lines };
}

/** Draws a stack of entries in one column from `top` on the current page; returns the new bottom. */
export function drawColumn(
  page: PDFPage,
  fonts: Fonts,
  entries: ColumnEntry[],
  x: number,
  width: number,
  top: number,
): number {
  let y = top;
  for (const entry of entries) {
    y -= entry.gapBefore ?? 0;
    const { style, lines } = layoutEntry(entry, fonts, width);
    lines.forEach((line, i) => {
      drawLine(page, line, x, y - style.size, width, style, i === lines.length - 1, fonts);
      y -= style.leading;
    });
    const lastLine = lines.at(-1);
    if (entry.rule && lastLine) {
      const ruleWidth = entry.rule === 'short' ? width / 3 : lastLine.width;
      // Below the descenders of the last line (baseline + leading − size is that baseline).
      const ruleY = y + style.leading - style.size - entry.size * 0.42;
      page.drawLine({
        start: { x: x + (width - ruleWidth) / 2, y: ruleY },
        end: { x: x + (width + ruleWidth) / 2, y: ruleY },
        thickness: 0.6,
      });
      y -= RULE_GAP;
    }
  }
  return y;
}

/** Height `drawColumn` would use, for keeping a block on one page. */
function columnHeight(fonts: Fonts, entries: ColumnEntry[], width: number): number {
  return entries.reduce((h, entry) => {
    const { style, lines } = layoutEntry(entry, fonts, width);
    return h + (entry.gapBefore ?? 0) + lines.length * style.leading + (entry.rule ? RULE_GAP : 0);
  }, 0);
}

// ---------------------------------------------------------------------------------------------
// Document parts

export function drawLetterhead(flow: PageFlow, fonts: Fonts, head: Letterhead): void {
  const leftWidth = flow.contentWidth * 0.42;
  const rightX = MARGIN.left + leftWidth;
  const rightWidth = flow.contentWidth - leftWidth;
  const left: ColumnEntry[] = [
    // 12 pt (NĐ 30 allows 12–13): "UBND THÀNH PHỐ HẢI PHÒNG" in Noto Serif then clears the motto.
    ...(head.parent ? [{ text: head.parent, style: 'regular' as const, size: 12 }] : []),
    { text: head.issuer, style: 'bold', size: 12.5, rule: 'short' },
  ];
  const right: ColumnEntry[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: 'bold', size: 12 },
    { text: 'Độc lập - Tự do - Hạnh phúc', style: 'bold', size: 13, rule: 'text' },
  ];
  const top = flow.y;
  const bottom = Math.min(
    drawColumn(flow.page, fonts, left, MARGIN.left, leftWidth, top),
    drawColumn(flow.page, fonts, right, rightX, rightWidth, top),
  );
  // Number and symbol (left) and place and date (right) share one row under the two headers.
  const row = bottom - 6;
  const afterRow = Math.min(
    head.number
      ? drawColumn(
          flow.page,
          fonts,
          [{ text: head.number, style: 'regular', size: 13 }],
          MARGIN.left,
          leftWidth,
          row,
        )
      : row,
    head.placeAndDate
      ? drawColumn(
          flow.page,
          fonts,
          [{ text: head.placeAndDate, style: 'italic', size: 13 }],
          rightX,
          rightWidth,
          row,
        )
      : row,
  );
  flow.y = afterRow - 14;
}

export function drawTitle(
  flow: PageFlow,
  fonts: Fonts,
  title: string,
  subtitle: string | undefined,
): void {
  const entries: ColumnEntry[] = [
    { text: title, style: 'bold', size: 14, rule: subtitle ? undefined : 'short' },
  ];
  if (subtitle)
    entries.push({ text: subtitle, style: 'bold', size: 13.5, rule: 'short', gapBefore: 2 });
  const width = flow.contentWidth - 40;
  flow.reserve(columnHeight(fonts, entries, width));
  flow.y = drawColumn(flow.page, fonts, entries, MARGIN.left + 20, width, flow.y) - 12;
}

/** `closingHeight`: the block after the body, kept on one page with the body's last paragraph. */
function drawBody(flow: PageFlow, fonts: Fonts, body: string, closingHeight: number): void {
  const paragraphs = body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  for (const [index, paragraph] of paragraphs.entries()) {
    const heading = paragraph.startsWith('## ');
    const style = heading ? HEADING : BODY;
    const runs = parseInline(
      heading ? paragraph.slice(3) : paragraph,
      heading ? 'bold' : 'regular',
    );
    const lines = layoutText(runs, fonts, style, CONTENT_WIDTH);
    // Keep a heading with the first two lines of what follows it; avoid a lone first line.
    flow.reserve(style.leading * (heading ? 3 : Math.min(lines.length, 2)));
    // NĐ 30 practice: the signature never stands on a page without text of the body.
    const withClosing = lines.length * style.leading + PARAGRAPH_GAP + closingHeight;
    if (index === paragraphs.length - 1 && withClosing < PAGE_HEIGHT - MARGIN.top - MARGIN.bottom)
      flow.reserve(withClosing);
    flow.drawLines(lines, style, fonts);
    flow.skip(PARAGRAPH_GAP);
  }
}

/** "Nơi nhận" (left) and the signature (right), side by side under the body. */
interface Closing {
  left: ColumnEntry[];
  right: ColumnEntry[];
  leftWidth: number;
  /** Including the space above it. */
  height: number;
}

const CLOSING_GAP = 8;

function layoutClosing(
  fonts: Fonts,
  recipients: string[] | undefined,
  signature: Signature | undefined,
): Closing | null {
  if (!recipients?.length && !signature) return null;
  const leftWidth = CONTENT_WIDTH * 0.45;
  const rightWidth = CONTENT_WIDTH - leftWidth;
  const left: ColumnEntry[] = recipients?.length
    ? [
        { text: 'Nơi nhận:', style: 'bold', size: 12, align: 'left' },
        ...recipients.map((r): ColumnEntry => ({
          text: r,
          style: 'regular',
          size: 11,
          align: 'left',
        })),
      ]
    : [];
  const right: ColumnEntry[] = signature
    ? [
        ...(signature.authority
          ? [{ text: signature.authority, style: 'bold' as const, size: 13 }]
          : []),
        { text: signature.position, style: 'bold', size: 13 },
        // Room for the handwritten signature and the seal.
        { text: signature.name, style: 'bold', size: 13, gapBefore: 62 },
      ]
    : [];
  const height = Math.max(
    columnHeight(fonts, left, leftWidth),
    columnHeight(fonts, right, rightWidth),
  );
  return { left, right, leftWidth, height: CLOSING_GAP + height };
}

function drawClosing(flow: PageFlow, fonts: Fonts, closing: Closing | null): void {
  if (!closing) return;
  const { left, right, leftWidth } = closing;
  flow.skip(CLOSING_GAP);
  flow.reserve(closing.height - CLOSING_GAP);
  const top = flow.y;
  flow.y = Math.min(
    drawColumn(flow.page, fonts, left, MARGIN.left, leftWidth, top),
    drawColumn(flow.page, fonts, right, MARGIN.left + leftWidth, CONTENT_WIDTH - leftWidth, top),
  );
}

/** The draft box sits in the top margin, clear of the letterhead. */
function drawDraftMark(page: PDFPage, fonts: Fonts): void {
  const size = 11;
  const label = 'DỰ THẢO';
  const width = widthOf(fonts.bold, label, size);
  const x = PAGE_WIDTH - MARGIN.right - width - 6;
  const y = PAGE_HEIGHT - MARGIN.top + 10;
  page.drawRectangle({
    x,
    y: y - 4,
    width: width + 12,
    height: size + 8,
    borderWidth: 0.8,
    borderColor: BLACK,
  });
  page.drawText(label, { x: x + 6, y, size, font: fonts.bold.pdf, color: BLACK });
}

/** "Trang n/N" on every page, once N is known, plus the optional note. */
export function drawFooters(doc: PDFDocument, fonts: Fonts, note: string | undefined): void {
  const pages = doc.getPages();
  const size = 9;
  const y = 10 * MM;
  pages.forEach((page, i) => {
    const label = `Trang ${i + 1}/${pages.length}`;
    const width = widthOf(fonts.sans, label, size);
    page.drawText(label, {
      x: page.getWidth() - MARGIN.right - width,
      y,
      size,
      font: fonts.sans.pdf,
      color: GREY,
    });
    if (note)
      page.drawText(note, { x: MARGIN.left, y, size: 8, font: fonts.sans.pdf, color: GREY });
  });
}

function normalizeInput(input: TextPdfInput): TextPdfInput {
  return {
    ...input,
    title: nfc(input.title),
    subtitle: input.subtitle && nfc(input.subtitle),
    body: nfc(input.body),
    letterhead: input.letterhead && {
      issuer: nfc(input.letterhead.issuer),
      parent: input.letterhead.parent && nfc(input.letterhead.parent),
      number: input.letterhead.number && nfc(input.letterhead.number),
      placeAndDate: input.letterhead.placeAndDate && nfc(input.letterhead.placeAndDate),
    },
    recipients: input.recipients?.map(nfc),
    signature: input.signature && {
      position: nfc(input.signature.position),
      name: nfc(input.signature.name),
      authority: input.signature.authority && nfc(input.signature.authority),
    },
    footerNote: input.footerNote && nfc(input.footerNote),
    author: input.author && nfc(input.author),
  };
}

export function setMetadata(doc: PDFDocument, input: TextPdfInput): void {
  doc.setTitle(input.subtitle ? `${input.title} – ${input.subtitle}` : input.title, {
    showInWindowTitleBar: true,
  });
  doc.setLanguage('vi-VN');
  doc.setCreator('Phòng Họp');
  doc.setProducer('Phòng Họp (pdf-lib)');
  if (input.author) doc.setAuthor(input.author);
  if (input.date) {
    doc.setCreationDate(input.date);
    doc.setModificationDate(input.date);
  }
}

/** Renders the text as an A4 PDF with embedded (subset) Noto fonts; see the module comment. */
export async function renderTextPdf(raw: TextPdfInput): Promise<Uint8Array> {
  const input = normalizeInput(raw);
  // updateMetadata: false keeps pdf-lib from stamping the current time (see TextPdfInput.date).
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  setMetadata(doc, input);
  const flow = new PageFlow(doc);
  if (input.draft) drawDraftMark(flow.page, fonts);
  if (input.letterhead) drawLetterhead(flow, fonts, input.letterhead);
  drawTitle(flow, fonts, input.title, input.subtitle);
  const closing = layoutClosing(fonts, input.recipients, input.signature);
  drawBody(flow, fonts, input.body, closing?.height ?? 0);
  drawClosing(flow, fonts, closing);
  drawFooters(doc, fonts, input.footerNote);
  return doc.save();
}
