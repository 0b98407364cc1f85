/**
 * Checks that an uploaded file is a whole, readable PDF and reads what the agenda needs from it:
 * the page count and the text (for search). Three gates, cheapest first: the `%PDF-` header,
 * the `%%EOF` marker near the end (a file cut off while copying has none, and pdf.js would
 * otherwise try to rebuild it), both here, then a full parse with pdf.js (readPdf.ts) in a
 * worker thread with a page cap, a time limit and a memory limit (InspectionWorker.ts).
 *
 * Untrusted PDFs are never parsed on the main thread: one crafted file (a decompression bomb,
 * 100,000 pages, a deep object graph) would otherwise stall signaling for every meeting.
 *
 * One file is read at a time in the process (one reusable worker): the memory bound needs it
 * (it watches the process's resident memory, which two concurrent reads would share), and on a
 * 2-core server a second parse would take CPU from the media workers. Fairness: each meeting's
 * uploads wait in a queue of their own and the worker serves the queues in turn, so an upload
 * waits behind at most the one file being read from each other meeting with files waiting,
 * each bounded by the time limit.
 */
import fs from 'node:fs/promises';
import type { Logger } from 'pino';
import { AppError, InvalidError } from '../../../common/errors';
import { InspectionWorker } from './InspectionWorker';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './pdfLimits';
import { refusal, type PdfFacts } from './readPdf';

export type { PdfFacts } from './readPdf';

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

/** The cheap gates (header, end-of-file marker); returns the file's size. */
async function checkEnds(file: string): Promise<number> {
  const { head, tail, size } = await readEnds(file);
  if (size === 0) throw new InvalidError('The file is empty', refusal('pdf_empty'));
  if (head.subarray(0, 5).toString('latin1') !== '%PDF-') throw notPdf(head);
  if (!tail.toString('latin1').includes('%%EOF'))
    throw new InvalidError(
      'The PDF is incomplete (it has no end-of-file marker); it may have been cut off while copying',
      refusal('pdf_incomplete'),
    );
  return size;
}

export interface InspectOptions {
  /**
   * The queue the file waits in, e.g. its meeting's id: queues are served in turn, so files of
   * one queue never make another queue's wait behind more than the one being read. Default
   * `'default'`.
   */
  queue?: string;
}

interface Job {
  file: string;
  sizeBytes: number;
  resolve: (facts: PdfFacts) => void;
  reject: (error: unknown) => void;
}

/** A worker left idle this long is ended (it holds a few hundred MB); the next file starts one. */
const IDLE_MS = 30_000;

/**
 * Reads PDFs one at a time in a worker thread, within `limits`, serving per-meeting queues in
 * turn. `close()` ends the worker; an inspector that is never closed holds nothing once idle.
 */
export class PdfInspector {
  readonly limits: Readonly<PdfLimits>;
  readonly #worker: InspectionWorker;
  readonly #idleMs: number;
  /** Waiting files per queue; a queue goes to the back when one of its files is taken. */
  readonly #queues = new Map<string, Job[]>();
  /** The queue of the file being read (or last read): others go first. */
  #lastQueue: string | undefined;
  #busy = false;
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(limits: Partial<PdfLimits> = {}, options: { logger?: Logger; idleMs?: number } = {}) {
    this.limits = { ...DEFAULT_PDF_LIMITS, ...limits };
    this.#worker = new InspectionWorker(this.limits, options.logger);
    this.#idleMs = options.idleMs ?? IDLE_MS;
  }

  /**
   * The page count and texts of `file`; throws InvalidError with a message a person can act on
   * (and `details.reason`) when it is not a usable PDF or goes over a limit.
   */
  async inspect(file: string, options: InspectOptions = {}): Promise<PdfFacts> {
    const sizeBytes = await checkEnds(file);
    if (this.#closed) throw shuttingDown();
    const queue = options.queue ?? 'default';
    return new Promise<PdfFacts>((resolve, reject) => {
      const jobs = this.#queues.get(queue);
      const job = { file, sizeBytes, resolve, reject };
      if (jobs) jobs.push(job);
      else this.#queues.set(queue, [job]);
      this.#next();
    });
  }

  /** Ends the worker; files waiting or being read are refused with `unavailable`. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    for (const jobs of this.#queues.values()) for (const job of jobs) job.reject(shuttingDown());
    this.#queues.clear();
    await this.#worker.close();
  }

  #next(): void {
    if (this.#busy || this.#closed) return;
    const job = this.#take();
    if (!job) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => void this.#worker.stopIdle(), this.#idleMs);
      this.#idleTimer.unref();
      return;
    }
    clearTimeout(this.#idleTimer);
    this.#busy = true;
    this.#worker
      .read(job.file, job.sizeBytes)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.#busy = false;
        this.#next();
      });
  }

  /** The next file: from the first queue other than the last one served, else from that one. */
  #take(): Job | undefined {
    let queue: string | undefined;
    for (const key of this.#queues.keys()) {
      queue ??= key;
      if (key !== this.#lastQueue) {
        queue = key;
        break;
      }
    }
    if (queue === undefined) return undefined;
    const jobs = this.#queues.get(queue)!;
    const job = jobs.shift();
    this.#queues.delete(queue);
    if (jobs.length > 0) this.#queues.set(queue, jobs);
    this.#lastQueue = queue;
    return job;
  }
}

const shuttingDown = () =>
  new AppError('unavailable', 'The server is shutting down; upload the file again later');
