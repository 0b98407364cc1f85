/**
 * One PDF inspection worker thread (pdfWorker.ts) and its limits. The worker reads one file at a
 * time and is reused between files; it is terminated — and a fresh one started for the next
 * file — when a file goes over a limit:
 * - time: `timeoutMs` from the moment the file is handed to it;
 * - JavaScript heap: `resourceLimits.maxOldGenerationSizeMb` (V8 stops the worker itself);
 * - memory outside the heap (pdf.js decodes streams into typed arrays, which V8's heap limit does
 *   not count — a decompression bomb grows without bound there): the process's resident memory
 *   may grow by at most `maxMemoryMb` plus the file's size while the file is read, sampled every
 *   `MEMORY_SAMPLE_MS` from this (the main) thread.
 * The resident-memory bound is exact only because one file is read at a time in the process
 * (see `PdfInspector`): nothing else grows by hundreds of MB meanwhile.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AppError, deserializeError, InvalidError } from '../../../common/errors';
import type { PdfLimits } from './pdfLimits';
import { PDFJS_MODULES, type PdfWorkerReply, type PdfWorkerRequest } from './pdfWorkerProtocol';
import { refusal, type PdfFacts } from './readPdf';

/** How often the process's resident memory is sampled while a file is read. */
const MEMORY_SAMPLE_MS = 25;
/** A worker that has not loaded pdf.js by then is given up (the server is overloaded or broken). */
const START_TIMEOUT_MS = 60_000;

const MB = 1024 * 1024;

export function inspectionTimedOut(timeoutMs: number): InvalidError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return new InvalidError(
    `Checking the PDF took longer than ${seconds} s; it is too complex (or damaged). Save it again as a plain PDF and upload that`,
    refusal('pdf_timeout', { timeoutS: seconds }),
  );
}

export function inspectionOutOfMemory(maxMemoryMb: number): InvalidError {
  return new InvalidError(
    `Checking the PDF needs more than ${maxMemoryMb} MB of memory; it is too complex (or a decompression bomb). Save it again as a plain PDF and upload that`,
    refusal('pdf_too_complex', { maxMemoryMb }),
  );
}

const unavailable = (why: string) =>
  new AppError('unavailable', `PDF files cannot be checked right now (${why}); try again later`);

/**
 * Starts pdfWorker next to this file. From sources (tsx in development and production, vitest in
 * tests) the entry is TypeScript, and Node 20 does not run a worker's entry file through tsx's
 * loader even when the worker inherits tsx's `--import` (the entry fails with "Unknown file
 * extension .ts"); so the worker registers tsx itself, then imports the entry. pdf.js (3 MB of
 * JavaScript) is imported before tsx is registered and without tsx inherited (`execArgv: []`):
 * through tsx's loader it takes ten times as long (3 s instead of 0.3 s on a busy 2-core server).
 * Compiled, the entry is the .js file beside this one.
 */
function startWorker(resourceLimits: ResourceLimits): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./pdfWorker.js', here), { resourceLimits });
  // Resolved here: the worker's eval'd code would resolve from the working directory.
  const preload = PDFJS_MODULES.map((m) => import.meta.resolve(m));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pdfWorker.ts', here).href;
  const boot = [
    `Promise.all(${JSON.stringify(preload)}.map((m) => import(m)))`,
    `.then(() => import(${JSON.stringify(tsx)}))`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
  ].join('');
  return new Worker(boot, { eval: true, execArgv: [], resourceLimits });
}

interface Running {
  id: number;
  resolve: (facts: PdfFacts) => void;
  reject: (error: Error) => void;
  /** Ends the time limit and the memory sampling. */
  stop: () => void;
}

export class InspectionWorker {
  readonly #limits: PdfLimits;
  readonly #logger: Logger | undefined;
  #worker: Worker | undefined;
  #ready: Promise<Worker> | undefined;
  /** Rejects `#ready` while the worker is still starting. */
  #startFailed: ((error: Error) => void) | undefined;
  #running: Running | undefined;
  #nextId = 1;
  #closed = false;

  constructor(limits: PdfLimits, logger?: Logger) {
    this.#limits = limits;
    this.#logger = logger;
  }

  /**
   * Reads `file` (`sizeBytes` long) in the worker; rejects with a refusal (InvalidError) when the
   * file is refused or goes over a limit, `unavailable` when no worker can run. One at a time.
   */
  async read(file: string, sizeBytes: number): Promise<PdfFacts> {
    if (this.#running) throw new Error('InspectionWorker reads one file at a time');
    if (this.#closed) throw unavailable('the server is shutting down');
    const worker = await this.#start();
    const id = this.#nextId++;
    return new Promise<PdfFacts>((resolve, reject) => {
      const startRss = process.memoryUsage.rss();
      const budget = this.#limits.maxMemoryMb * MB + sizeBytes;
      const timer = setTimeout(
        () => this.#fail(inspectionTimedOut(this.#limits.timeoutMs)),
        this.#limits.timeoutMs,
      );
      const sampler = setInterval(() => {
        if (process.memoryUsage.rss() - startRss > budget)
          this.#fail(inspectionOutOfMemory(this.#limits.maxMemoryMb));
      }, MEMORY_SAMPLE_MS);
      this.#running = {
        id,
        resolve,
        reject,
        stop: () => {
          clearTimeout(timer);
          clearInterval(sampler);
        },
      };
      worker.postMessage({ id, file, maxPages: this.#limits.maxPages } satisfies PdfWorkerRequest);
    });
  }

  /** Terminates the worker (idle, or reading: that read rejects `unavailable`). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#terminate(unavailable('the server is shutting down'));
  }

  /** Ends the worker when idle, to give its memory back; the next read starts a new one. */
  async stopIdle(): Promise<void> {
    if (!this.#running) await this.#terminate(undefined);
  }

  #start(): Promise<Worker> {
    this.#ready ??= new Promise<Worker>((resolve, reject) => {
      const startedAt = performance.now();
      const worker = startWorker({ maxOldGenerationSizeMb: this.#limits.maxMemoryMb });
      this.#worker = worker;
      this.#startFailed = reject;
      // An idle worker never keeps the process alive (owners that are never closed).
      worker.unref();
      const startTimer = setTimeout(
        () => void this.#terminate(unavailable('the checking worker did not start')),
        START_TIMEOUT_MS,
      );
      worker.on('message', (reply: PdfWorkerReply) => {
        if ('ready' in reply) {
          clearTimeout(startTimer);
          this.#logger?.debug(
            { ms: Math.round(performance.now() - startedAt) },
            'PDF inspection worker started',
          );
          this.#startFailed = undefined;
          resolve(worker);
          return;
        }
        this.#answer(reply);
      });
      worker.on('error', (error: Error & { code?: string }) => {
        if (this.#worker !== worker) return;
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && this.#running) {
          void this.#terminate(inspectionOutOfMemory(this.#limits.maxMemoryMb));
          return;
        }
        this.#logger?.error({ err: error }, 'PDF inspection worker failed');
        void this.#terminate(unavailable('the checking worker failed'));
      });
      worker.on('exit', (code) => {
        clearTimeout(startTimer);
        // Terminated by this object (#terminate has let go of it), or an exit nobody asked for.
        if (this.#worker !== worker) return;
        this.#logger?.error({ code }, 'PDF inspection worker exited');
        void this.#terminate(unavailable(`the checking worker exited with code ${code}`));
      });
    });
    return this.#ready;
  }

  #answer(reply: Exclude<PdfWorkerReply, { ready: true }>): void {
    if (this.#running?.id !== reply.id) return;
    if ('facts' in reply) {
      const facts = reply.facts;
      this.#settle((r) => r.resolve(facts));
      return;
    }
    const error = deserializeError(reply.error);
    if (error.code === 'internal')
      this.#logger?.error({ cause: reply.cause }, 'PDF inspection failed unexpectedly');
    this.#settle((r) => r.reject(error));
  }

  /** Ends the read in progress with `error` and the worker with it (it may be stuck or bloated). */
  #fail(error: Error): void {
    if (this.#running) void this.#terminate(error);
  }

  /** Lets go of the worker, rejects what waits on it with `error`, then terminates it. */
  async #terminate(error: Error | undefined): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    this.#startFailed?.(error ?? unavailable('the checking worker was stopped'));
    this.#startFailed = undefined;
    if (error) this.#settle((r) => r.reject(error));
    if (worker) await worker.terminate();
  }

  #settle(with_: (running: Running) => void): void {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    running.stop();
    with_(running);
  }
}
