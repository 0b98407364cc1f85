/**
 * A PDF's text as poppler's `pdftotext -layout` reads it: what a reader copying from the document
 * gets, arranged as on the page, so a table's row reads along one line. A wrapped table cell is
 * read whole by cropping to its column (`area`). pdftotext ends every page with a form feed.
 */
import { execFileSync } from 'node:child_process';

/** A region of every page, in PDF points from the top-left corner. */
export interface PdfArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The whole text, pages separated by form feeds; not normalised, so tests can check NFC. */
export function pdfText(bytes: Uint8Array, area?: PdfArea): string {
  // At pdftotext's default 72 dpi a pixel is a point; the crop takes whole pixels.
  const crop = area
    ? [
        ['-x', Math.floor(area.x)],
        ['-y', Math.floor(area.y)],
        ['-W', Math.ceil(area.width)],
        ['-H', Math.ceil(area.height)],
      ].flatMap(([flag, value]) => [String(flag), String(value)])
    : [];
  return execFileSync('pdftotext', ['-layout', ...crop, '-enc', 'UTF-8', '-', '-'], {
    input: bytes,
    encoding: 'utf8',
  });
}

/** The text of each page, in order. */
export function pdfPages(bytes: Uint8Array, area?: PdfArea): string[] {
  const pages = pdfText(bytes, area).split('\f');
  // The form feed after the last page leaves an empty tail.
  return pages.at(-1) === '' ? pages.slice(0, -1) : pages;
}

/** The text with its runs of white space folded to one space: a sentence wrapped over lines reads as one. */
export const foldSpaces = (text: string) => text.replace(/\s+/gu, ' ');
