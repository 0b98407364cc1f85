/**
 * The PDF inspection worker (a `worker_threads` Worker started by `PdfInspector`, inspectPdf.ts):
 * reads one PDF at a time with pdf.js and answers with its facts or the refusal. The worker's
 * owner bounds its heap (`resourceLimits`), its time and the process's memory growth, and
 * terminates it when one is exceeded; this side only applies the page cap.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../../common/errors';
import { readPdfFacts } from './readPdf';
import { PDFJS_MODULES, type PdfWorkerReply, type PdfWorkerRequest } from './pdfWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('pdfWorker.ts runs as a worker thread only');

/**
 * On Linux, this thread alone (not the process) gets the lowest CPU priority, so on a busy
 * 2-core server reading a PDF gives way to signaling on the main thread and to the media workers.
 */
function yieldCpuToOthers(): void {
  if (process.platform !== 'linux') return;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>"; setpriority(2) on a tid sets that thread.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) setPriority(tid, 19);
  } catch {
    // No /proc, or not allowed: the worker keeps the normal priority.
  }
}
yieldCpuToOthers();

// Loaded once per worker, before the first file arrives, so no file's time limit pays for it:
// pdf.js, and its document parser, which pdf.js would otherwise import on first use (it runs the
// parser on this thread as a "fake worker" when it finds it loaded). From sources they are
// loaded already (see startWorker in InspectionWorker.ts).
await Promise.all(PDFJS_MODULES.map((m) => import(m)));

port.on('message', (request: PdfWorkerRequest) => {
  readPdfFacts(request.file, request.maxPages).then(
    (facts) => port.postMessage({ id: request.id, facts } satisfies PdfWorkerReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: serializeError(error),
        cause: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      } satisfies PdfWorkerReply),
  );
});
port.postMessage({ ready: true } satisfies PdfWorkerReply);
