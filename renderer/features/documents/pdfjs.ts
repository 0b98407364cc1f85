/**
 * The one entry to pdf.js for the renderer: the display API, the viewer components and the
 * worker set-up.
 *
 * Worker: the worker file is emitted by Vite as an asset next to the bundle (`?url`, copied as is,
 * not re-bundled) and addressed relative to the bundle, so it works from http(s) (browser host)
 * and from file:// (Electron). One PDFWorker serves every document of the session: a worker start
 * (parsing 1 MB of script) is paid once, not at every document opened.
 * - Browser host: same origin as the page, so pdf.js starts a module worker from the URL itself;
 *   the CSP's `worker-src 'self'` allows it.
 * - Electron (file://): the page's origin is opaque, so pdf.js starts the worker from a blob: URL
 *   wrapping `import(<file URL>)`, allowed by `worker-src blob:`. Should a platform refuse that
 *   import, pdf.js falls back by itself to running the worker code on the main thread (slower
 *   first pages, same result).
 */
// NOTE: pdf.mjs must run before pdf_viewer.mjs, which reads globalThis.pdfjsLib at load time; the
// side-effect import keeps that order however the named imports below are rearranged.
import 'pdfjs-dist';
import { GlobalWorkerOptions, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export {
  AnnotationMode,
  getDocument,
  RenderingCancelledException,
  VerbosityLevel,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
  type PDFPageProxy,
  type RenderTask,
} from 'pdfjs-dist';
export {
  EventBus,
  FindState,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
  RenderingStates,
} from 'pdfjs-dist/web/pdf_viewer.mjs';

let sharedWorker: PDFWorker | undefined;

/** The session's pdf.js worker, started at the first document. */
export function pdfWorker(): PDFWorker {
  if (!sharedWorker || sharedWorker.destroyed) {
    GlobalWorkerOptions.workerSrc = workerUrl;
    sharedWorker = new PDFWorker();
  }
  return sharedWorker;
}
