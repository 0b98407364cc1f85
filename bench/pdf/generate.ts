/**
 * Generates a long agenda document for the PDF viewer's tests and benchmark: A4 pages of
 * Vietnamese administrative prose (the demo reports under resources/demo/documents, cycled),
 * a heading per page, a picture on every other page, "Trang n/N" in the footer. Fonts are
 * embedded subsets of Noto Serif / Noto Sans, as in the server's seeded documents
 * (sfu-server/src/notices/officialDocumentPdf.ts), so text extraction and search see real Vietnamese.
 *
 * Deterministic: equal options give byte-identical output.
 *
 * CLI: `tsx bench/pdf/generate.ts --pages 500 --out .cache/bench/agenda-500.pdf`
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import * as fontkitModule from '@pdf-lib/fontkit';
import {
  PDFDocument,
  PageSizes,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFFont,
  type PDFPage,
  type PDFPageDrawTextOptions,
  type PDFRef,
} from 'pdf-lib';

export interface AgendaPdfOptions {
  /** Number of pages. */
  pages: number;
  /** Distinct pictures, drawn in turn on every other page (0: text only). Default 12. */
  images?: number;
  /** Title in the running header and the metadata. */
  title?: string;
}

const root = path.resolve(import.meta.dirname, '..', '..');
const MM = 72 / 25.4;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = { left: 30 * MM, right: 20 * MM, top: 20 * MM, bottom: 22 * MM };
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const BODY_SIZE = 12;
const LEADING = 16;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
// UMD for Node, ESM default for bundlers (see officialDocumentPdf.ts).
const fontkit: Fontkit =
  (fontkitModule as unknown as { default?: Fontkit }).default ??
  (fontkitModule as unknown as Fontkit);

interface Corpus {
  headings: string[];
  paragraphs: string[];
}

/** Paragraphs and section headings of the demo reports, markup removed, NFC (one glyph each). */
function loadCorpus(): Corpus {
  const dir = path.join(root, 'resources', 'demo', 'documents');
  const headings: string[] = [];
  const paragraphs: string[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.txt')) continue;
    for (const raw of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const line = raw.replace(/\*\*?/g, '').replace(/^-\s+/, '– ').trim().normalize('NFC');
      if (!line) continue;
      if (line.startsWith('## ')) headings.push(line.slice(3));
      else paragraphs.push(line);
    }
  }
  return { headings, paragraphs };
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Picture {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * A photo-like picture: sky gradient, sun, two rows of hills and sensor noise (noise keeps the
 * compressed size realistic; a flat gradient would deflate to nothing). Returned as raw RGB.
 */
function picture(index: number, width: number, height: number): Uint8Array {
  const next = random(index + 1);
  const hue = next();
  const sky = [90 + 80 * hue, 140 + 60 * next(), 200 + 40 * next()];
  const hill = [40 + 60 * next(), 110 + 80 * next(), 50 + 40 * hue];
  const sun = { x: width * (0.2 + 0.6 * next()), y: height * (0.15 + 0.2 * next()), r: 28 };
  const phase = next() * Math.PI * 2;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ridge1 = height * (0.55 + 0.08 * Math.sin(x / 53 + phase));
      const ridge2 = height * (0.72 + 0.06 * Math.sin(x / 31 + phase * 2));
      let c: number[];
      if (y > ridge2) c = hill.map((v) => v * 0.7);
      else if (y > ridge1) c = hill;
      else if (Math.hypot(x - sun.x, y - sun.y) < sun.r) c = [250, 220, 120];
      else c = sky.map((v) => v * (0.75 + (0.25 * y) / height));
      const noise = (next() - 0.5) * 24;
      const o = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = Math.max(0, Math.min(255, c[k]! + noise));
    }
  }
  return out;
}

/**
 * Embeds raw RGB as a Flate-compressed image XObject. Not through embedPng: pdf-lib would decode
 * the PNG and deflate the pixels again in JavaScript, several seconds for a dozen pictures.
 */
function embedPicture(doc: PDFDocument, index: number): Picture {
  const width = 480;
  const height = 300;
  const stream = doc.context.stream(deflateSync(picture(index, width, height)), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  return { ref: doc.context.register(stream), width, height };
}

function drawPicture(page: PDFPage, image: Picture, x: number, y: number, width: number): number {
  const height = (width * image.height) / image.width;
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, x, y - height),
    drawObject(name),
    popGraphicsState(),
  );
  return height;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  sans: PDFFont;
}

async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const read = (file: string) => fs.readFileSync(path.join(root, 'resources', 'fonts', file));
  // Fixed subset names: pdf-lib's default is a random tag, which would break determinism.
  const embed = async (file: string, customName: string) =>
    memoizeEncoding(await doc.embedFont(read(file), { subset: true, customName }));
  const [regular, bold, italic, sans] = await Promise.all([
    embed('NotoSerif-Regular.ttf', 'PHBENA+NotoSerif-Regular'),
    embed('NotoSerif-Bold.ttf', 'PHBENB+NotoSerif-Bold'),
    embed('NotoSerif-Italic.ttf', 'PHBENC+NotoSerif-Italic'),
    embed('NotoSans-Regular.ttf', 'PHBEND+NotoSans-Regular'),
  ]);
  return { regular, bold, italic, sans };
}

/**
 * pdf-lib shapes every drawn string anew (fontkit layout, about 2 ms a line), which made 500 pages
 * take 40 s. Lines repeat (the corpus is cycled), and a subset font has recorded a line's glyphs
 * the first time it was encoded, so the encoded string can be reused as is.
 */
function memoizeEncoding(font: PDFFont): PDFFont {
  const encode = font.encodeText.bind(font);
  const cache = new Map<string, ReturnType<PDFFont['encodeText']>>();
  font.encodeText = (text: string) => {
    let encoded = cache.get(text);
    if (!encoded) cache.set(text, (encoded = encode(text)));
    return encoded;
  };
  return font;
}

/** Greedy line breaking with a width cache per word (the same words recur on every page). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const cache = widthCache(font);
  const measure = (s: string) => {
    let w = cache.get(s);
    if (w === undefined) cache.set(s, (w = font.widthOfTextAtSize(s, 1)));
    return w * size;
  };
  const space = measure(' ');
  const lines: string[] = [];
  let line: string[] = [];
  let lineWidth = 0;
  for (const word of text.split(/\s+/)) {
    const w = measure(word);
    if (line.length > 0 && lineWidth + space + w > width) {
      lines.push(line.join(' '));
      line = [];
      lineWidth = 0;
    }
    lineWidth += (line.length > 0 ? space : 0) + w;
    line.push(word);
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines;
}

const widthCaches = new WeakMap<PDFFont, Map<string, number>>();
function widthCache(font: PDFFont): Map<string, number> {
  let cache = widthCaches.get(font);
  if (!cache) widthCaches.set(font, (cache = new Map()));
  return cache;
}

/**
 * page.drawText with a font, without pdf-lib's habit of adding a new font resource key on every
 * call that names a font (50 keys a page made every page dictionary ten times the size a word
 * processor writes, and pdf.js reads all 500 of them when it opens the document).
 */
function textDrawer(page: PDFPage) {
  let current: PDFFont | undefined;
  return (text: string, font: PDFFont, options: Omit<PDFPageDrawTextOptions, 'font'>) => {
    if (font !== current) page.setFont((current = font));
    page.drawText(text, options);
  };
}

function drawPage(
  page: PDFPage,
  pageNumber: number,
  total: number,
  fonts: Fonts,
  corpus: Corpus,
  title: string,
  image: Picture | undefined,
  cursor: { paragraph: number },
): void {
  const drawText = textDrawer(page);
  drawText(title, fonts.sans, {
    x: MARGIN.left,
    y: PAGE_HEIGHT - MARGIN.top + 16,
    size: 9,
    color: GREY,
  });
  const footer = `Trang ${pageNumber}/${total}`;
  drawText(footer, fonts.sans, {
    x: PAGE_WIDTH - MARGIN.right - fonts.sans.widthOfTextAtSize(footer, 10),
    y: MARGIN.bottom - 24,
    size: 10,
    color: GREY,
  });

  let y = PAGE_HEIGHT - MARGIN.top - 14;
  const heading = `Phần ${pageNumber} – ${corpus.headings[(pageNumber - 1) % corpus.headings.length]}`;
  for (const line of wrap(heading, fonts.bold, 14, CONTENT_WIDTH)) {
    drawText(line, fonts.bold, { x: MARGIN.left, y, size: 14, color: BLACK });
    y -= 20;
  }
  y -= 6;

  if (image) {
    const width = CONTENT_WIDTH * 0.7;
    y -= drawPicture(page, image, MARGIN.left + (CONTENT_WIDTH - width) / 2, y, width);
    y -= 16;
    const caption = `Hình ${pageNumber}. Hiện trạng hạ tầng tại điểm cầu xã, ảnh chụp tháng 9/2022`;
    drawText(caption, fonts.italic, {
      x: MARGIN.left + (CONTENT_WIDTH - fonts.italic.widthOfTextAtSize(caption, 11)) / 2,
      y,
      size: 11,
      color: GREY,
    });
    y -= 24;
  }

  // Paragraphs until the page is full; a paragraph cut by the page end continues on the next one
  // the way a long report would (here: it simply starts over, which is all a benchmark needs).
  while (y > MARGIN.bottom + LEADING) {
    const text = corpus.paragraphs[cursor.paragraph++ % corpus.paragraphs.length]!;
    const lines = wrap(text, fonts.regular, BODY_SIZE, CONTENT_WIDTH - 10 * MM);
    for (const [i, line] of lines.entries()) {
      if (y <= MARGIN.bottom) break;
      drawText(line, fonts.regular, {
        x: MARGIN.left + (i === 0 ? 10 * MM : 0),
        y,
        size: BODY_SIZE,
        color: BLACK,
      });
      y -= LEADING;
    }
    y -= 5;
  }
}

/** The document as PDF bytes; see the module comment. */
export async function generateAgendaPdf(options: AgendaPdfOptions): Promise<Uint8Array> {
  const total = Math.max(1, Math.floor(options.pages));
  const imageCount = options.images ?? 12;
  const title = (
    options.title ?? 'UBND TỈNH HẢI DƯƠNG – Tài liệu phiên họp Ban Chỉ đạo Chuyển đổi số tỉnh'
  ).normalize('NFC');
  const corpus = loadCorpus();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setLanguage('vi-VN');
  doc.setCreator('Phòng Họp (bench/pdf/generate.ts)');
  const fonts = await embedFonts(doc);
  const images: Picture[] = [];
  for (let i = 0; i < imageCount; i++) images.push(embedPicture(doc, i));

  const cursor = { paragraph: 0 };
  for (let n = 1; n <= total; n++) {
    const page = doc.addPage(PageSizes.A4);
    const image = images.length > 0 && n % 2 === 0 ? images[(n / 2) % images.length] : undefined;
    drawPage(page, n, total, fonts, corpus, title, image, cursor);
  }
  return doc.save();
}

/** Where the benchmark and the e2e test keep generated documents (git-ignored). */
export function generatedPdfPath(pages: number): string {
  return path.join(root, '.cache', 'bench', `agenda-${pages}.pdf`);
}

/**
 * The generated document of `pages` pages, made once and reused from .cache/bench (the output is
 * deterministic, so a file from an earlier run is the same document unless this file changed).
 */
export async function cachedAgendaPdf(pages: number): Promise<Uint8Array> {
  const file = generatedPdfPath(pages);
  const generator = fs.statSync(import.meta.filename).mtimeMs;
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs > generator) return fs.readFileSync(file);
  const bytes = await generateAgendaPdf({ pages });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return bytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '500' },
      images: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const pages = Number(values.pages);
  const started = performance.now();
  const bytes = await generateAgendaPdf({
    pages,
    ...(values.images !== undefined ? { images: Number(values.images) } : {}),
  });
  const out = values.out ?? generatedPdfPath(pages);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, bytes);
  process.stderr.write(
    `${out}: ${pages} pages, ${(bytes.length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms\n`,
  );
}
