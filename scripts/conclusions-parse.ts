/**
 * Prints the tasks of a conclusion notice as JSON, for checking the parser by hand:
 *
 *   npm run --silent conclusions:parse -- FILE [--reference-date YYYY-MM-DD]
 *
 * FILE is UTF-8 text (.txt, .md) or a PDF with a text layer. Only the JSON goes to stdout;
 * errors go to stderr with exit code 1 (2 for bad usage). `--reference-date` anchors dates
 * written without a year when the text has no meeting date (conclusions typed live).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { parseConclusion, parsedConclusionSchema } from '../common/notices/parseConclusion';

const USAGE = 'usage: conclusions-parse FILE [--reference-date YYYY-MM-DD]';

interface Args {
  readonly file: string;
  readonly referenceDate?: string;
}

function parseArgs(argv: readonly string[]): Args | null {
  let file: string | undefined;
  let referenceDate: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--reference-date') {
      referenceDate = argv[++i];
      if (!referenceDate || !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) return null;
    } else if (arg !== undefined && !arg.startsWith('--') && file === undefined) {
      file = arg;
    } else {
      return null;
    }
  }
  if (file === undefined) return null;
  return referenceDate === undefined ? { file } : { file, referenceDate };
}

/** One line of a PDF page: its text and where it starts. */
interface PdfLine {
  text: string;
  x: number;
  y: number;
  height: number;
}

type PdfTextItem = Pick<TextItem, 'str' | 'transform' | 'width' | 'height' | 'hasEOL'>;

// getTextContent() mixes text items with marked-content markers, which carry no text.
function isTextItem(item: TextItem | { type: string }): item is TextItem {
  return 'str' in item;
}

/**
 * The text layer of a PDF, one line per visual line, with a blank line where the vertical gap
 * or a first-line indent shows a new paragraph: the parser joins lines inside a paragraph, so
 * it needs to know where paragraphs end.
 */
async function pdfText(data: Uint8Array): Promise<string> {
  // pdf.js reports font and structure warnings with console.log; stdout is for the JSON only.
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
      isEvalSupported: false,
    }).promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(paragraphs(linesOf(content.items.filter(isTextItem))));
      page.cleanup();
    }
    await doc.destroy();
    return pages.join('\n\n');
  } finally {
    console.log = log;
  }
}

function linesOf(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | null = null;
  let lastEnd = 0;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const height = item.height || Math.abs(item.transform[3] ?? 0) || 10;
    if (current && Math.abs(current.y - y) > height * 0.5) {
      lines.push(current);
      current = null;
    }
    if (!current) {
      current = { text: item.str, x, y, height };
    } else {
      // Items of one line may come without the space between words.
      const needsSpace =
        x - lastEnd > height * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(item.str);
      current.text += (needsSpace ? ' ' : '') + item.str;
    }
    lastEnd = x + item.width;
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((l) => l.text.trim() !== '');
}

function paragraphs(lines: readonly PdfLine[]): string {
  const gaps = lines
    .slice(1)
    .map((l, i) => (lines[i]?.y ?? 0) - l.y)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const usualGap = gaps[Math.floor(gaps.length / 2)] ?? 0;
  const left = Math.min(...lines.map((l) => l.x));
  let out = '';
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev) {
      const gap = prev.y - line.y;
      const indented = line.x - left > line.height && /[.:;]$/.test(prev.text.trim());
      out += gap > usualGap * 1.4 || gap < 0 || indented ? '\n\n' : '\n';
    }
    out += line.text.trim();
  });
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const bytes = await readFile(args.file);
  const text =
    extname(args.file).toLowerCase() === '.pdf'
      ? await pdfText(new Uint8Array(bytes))
      : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const result = parsedConclusionSchema.parse(
    parseConclusion(
      text,
      args.referenceDate === undefined ? {} : { referenceDate: args.referenceDate },
    ),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`conclusions-parse: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
