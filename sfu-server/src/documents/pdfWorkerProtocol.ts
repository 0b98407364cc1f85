/** Messages between `PdfInspector` (inspectPdf.ts) and its worker (pdfWorker.ts). */
import type { SerializedError } from '../../../common/errors';
import type { PdfFacts } from './readPdf';

/** pdf.js: its API and its document parser, loaded by the worker before it takes files. */
export const PDFJS_MODULES = [
  'pdfjs-dist/legacy/build/pdf.mjs',
  'pdfjs-dist/legacy/build/pdf.worker.mjs',
] as const;

/** One file to read; the worker answers with the same `id`. */
export interface PdfWorkerRequest {
  id: number;
  file: string;
  maxPages: number;
}

export type PdfWorkerReply =
  /** Sent once, when pdf.js is loaded and the worker takes files. */
  | { ready: true }
  | { id: number; facts: PdfFacts }
  /** `cause`: the original error, for the server's log when it is not a refusal. */
  | { id: number; error: SerializedError; cause: string };
