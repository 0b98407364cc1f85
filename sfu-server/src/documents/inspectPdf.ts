/**
 * Checks that an uploaded file is a whole, readable PDF and reads what the agenda needs from it:
 * the page count and the text (for search). Three gates, cheapest first: the `%PDF-` header,
 * the `%%EOF` marker near the end (a file cut off while copying has none, and pdf.js would
 * otherwise try to rebuild it), then a full parse with pdf.js.
 *
 * pdf.js runs in this process (in Node its "worker" is a fake one on the same thread); its work
 * is split into many small async steps, so signaling keeps being served meanwhile. Inspections
 * run one at a time (`PdfInspector`) to bound memory and CPU on a small server.
 */
import fs from 'node:fs/promises';
import { InvalidError } from '../../../common/errors';
import type { UploadRefusalReason } from '../../../common/protocol/documentsApi';

export interface PdfFacts {
  pageCount: number;
  /** Page texts separated by blank lines, NFC, at most `MAX_SEARCH_TEXT` characters. */
  text: string;
  /** Each page's text as extracted (page 1 first); pages past `MAX_SEARCH_TEXT` are missing. */
  pages: string[];
}

const MAX_SEARCH_TEXT = 1_000_000;
const HEAD_BYTES = 1024;
const TAIL_BYTES = 1024;

/** Signatures of files people upload by mistake, to say what the file is instead. */
const KNOWN_SIGNATURES: { bytes: number[]; kind: string; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'png', what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'jpeg', what: 'a JPEG image' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    kind: 'zip',
    what: 'a ZIP archive or a Word/Excel (.docx/.xlsx) file',
  },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'ole', what: 'an old Word/Excel (.doc/.xls) file' },
];

/** `details` of a refusal: `reason` for the client to word it (see `uploadRefusalReasonSchema`). */
const refusal = (reason: UploadRefusalReason, more: Record<string, unknown> = {}) => ({
  reason,
  ...more,
});

function notPdf(head: Uint8Array): InvalidError {
  const known = KNOWN_SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  return new InvalidError(
    `The file is not a PDF: ${known ? `it is ${known.what}` : 'it does not start with %PDF-'}`,
    refusal('not_pdf', known ? { kind: known.kind } : {}),
  );
}

async function readEnds(file: string): Promise<{ head: Buffer; tail: Buffer; size: number }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(TAIL_BYTES, size));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return { head, tail, size };
  } finally {
    await handle.close();
  }
}

/** Throws InvalidError with a message a person can act on when `file` is not a usable PDF. */
export async function inspectPdf(file: string): Promise<PdfFacts> {
  const { head, tail, size } = await readEnds(file);
  if (size === 0) throw new InvalidError('The file is empty', refusal('pdf_empty'));
  if (head.subarray(0, 5).toString('latin1') !== '%PDF-') throw notPdf(head);
  if (!tail.toString('latin1').includes('%%EOF'))
    throw new InvalidError(
      'The PDF is incomplete (it has no end-of-file marker); it may have been cut off while copying',
      refusal('pdf_incomplete'),
    );
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await fs.readFile(file));
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
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length < MAX_SEARCH_TEXT; n++) {
      const page = await doc.getPage(n).catch(() => {
        throw new InvalidError(
          `Page ${n} of the PDF is damaged and cannot be read`,
          refusal('pdf_damaged'),
        );
      });
      const content = await page.getTextContent();
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
    };
  } finally {
    await doc.destroy();
  }
}

/** Runs inspections one after another. */
export class PdfInspector {
  #last: Promise<unknown> = Promise.resolve();

  inspect(file: string): Promise<PdfFacts> {
    const run = this.#last.then(
      () => inspectPdf(file),
      () => inspectPdf(file),
    );
    this.#last = run.catch(() => undefined);
    return run;
  }
}
