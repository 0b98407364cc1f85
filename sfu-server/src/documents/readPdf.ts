/**
 * The full parse of an uploaded PDF with pdf.js: the page count and each page's text. It runs
 * inside the inspection worker (pdfWorker.ts, started by `PdfInspector` in inspectPdf.ts), never
 * on the server's main thread: pdf.js reads untrusted input with no bound of its own on time or
 * memory. The page cap is checked here, before any page is read; time and memory are bounded by
 * the worker's owner, which terminates the worker.
 */
import fs from 'node:fs/promises';
import { foldSearchable, searchablePageText } from '../../../common/documents/searchText';
import { InvalidError } from '../../../common/errors';
import type { UploadRefusalReason } from '../../../common/protocol/documentsApi';

export interface PdfFacts {
  pageCount: number;
  /** Page texts separated by blank lines, NFC, at most `MAX_SEARCH_TEXT` characters. */
  text: string;
  /** Each page's text as extracted (page 1 first); pages past `MAX_SEARCH_TEXT` are missing. */
  pages: string[];
  /**
   * `pages` as kept for search (`document_pages`), prepared here so the server's main thread
   * does not fold a megabyte of text (about 200 ms on a small server).
   */
  searchablePages: SearchablePage[];
}

/** A page's text as kept for search (`searchablePageText`) and its folded copy. */
export interface SearchablePage {
  text: string;
  folded: string;
}

export function searchablePage(raw: string): SearchablePage {
  const text = searchablePageText(raw);
  return { text, folded: foldSearchable(text) };
}

const MAX_SEARCH_TEXT = 1_000_000;

/** `details` of a refusal: `reason` for the client to word it (see `uploadRefusalReasonSchema`). */
export const refusal = (reason: UploadRefusalReason, more: Record<string, unknown> = {}) => ({
  reason,
  ...more,
});

export function tooManyPages(pageCount: number, maxPages: number): InvalidError {
  return new InvalidError(
    `The PDF has ${pageCount} pages; at most ${maxPages} are accepted`,
    refusal('pdf_too_many_pages', { pageCount, maxPages }),
  );
}

export function tooComplex(why: string): InvalidError {
  return new InvalidError(
    `The PDF is too complex to check (${why}); save it again as a plain PDF and upload that`,
    refusal('pdf_too_complex'),
  );
}

/**
 * Deep nesting in the file (arrays, dictionaries, page trees) overflows pdf.js's recursion; pdf.js
 * hands the RangeError on as an `UnknownErrorException` with the same message.
 */
const isStackOverflow = (error: unknown) =>
  /maximum call stack/i.test(String((error as { message?: unknown } | null)?.message));

/**
 * Parses `file` (already checked for `%PDF-` and `%%EOF`) and reads every page's text; refuses
 * more than `maxPages` pages before reading any. Throws InvalidError with a refusal reason.
 */
export async function readPdfFacts(file: string, maxPages: number): Promise<PdfFacts> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const bytes = await fs.readFile(file);
  // A view, not a copy (pdf.js refuses a Buffer): the file is in memory once.
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data,
      // Untrusted input: no code generated from the file (CVE-2024-4367), no fonts loaded.
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
  } catch (error) {
    if (isStackOverflow(error)) throw tooComplex('its objects are nested too deeply');
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException')
      throw new InvalidError(
        'The PDF is password-protected; upload it without a password',
        refusal('pdf_encrypted'),
      );
    throw new InvalidError(
      'The PDF is damaged and cannot be read',
      refusal('pdf_damaged', { cause: name }),
    );
  }
  try {
    if (doc.numPages < 1) throw new InvalidError('The PDF has no pages', refusal('pdf_empty'));
    if (doc.numPages > maxPages) throw tooManyPages(doc.numPages, maxPages);
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length < MAX_SEARCH_TEXT; n++) {
      const damaged = (error: unknown) => {
        if (isStackOverflow(error)) throw tooComplex(`page ${n} is nested too deeply`);
        throw new InvalidError(
          `Page ${n} of the PDF is damaged and cannot be read`,
          refusal('pdf_damaged'),
        );
      };
      const page = await doc.getPage(n).catch(damaged);
      const content = await page.getTextContent().catch(damaged);
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      pages.push(text.trim());
      length += text.length;
    }
    return {
      pageCount: doc.numPages,
      text: pages.join('\n\n').normalize('NFC').slice(0, MAX_SEARCH_TEXT),
      pages,
      searchablePages: pages.map(searchablePage),
    };
  } finally {
    await doc.destroy();
  }
}
