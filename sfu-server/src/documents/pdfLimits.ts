/**
 * Bounds on reading one uploaded PDF (ServerConfig: PHONGHOP_PDF_MAX_PAGES, PHONGHOP_PDF_TIMEOUT_S,
 * PHONGHOP_PDF_MAX_MEMORY_MB). The defaults let a 500-page agenda with pictures and embedded
 * Vietnamese fonts through with room to spare (about 2–5 s and 250 MB on a 2-core server).
 */
export interface PdfLimits {
  /** Pages a PDF may have; more is refused before any page is read (`pdf_too_many_pages`). */
  maxPages: number;
  /** Time reading one PDF may take, ms (`pdf_timeout`). */
  timeoutMs: number;
  /**
   * Memory reading one PDF may use, MB (`pdf_too_complex`): the worker's JavaScript heap, and
   * apart from it the server's resident memory may grow by this much plus the file's size.
   */
  maxMemoryMb: number;
}

export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = {
  maxPages: 2000,
  timeoutMs: 60_000,
  maxMemoryMb: 512,
};
