/**
 * Draws the thumbnails of the sidebar lazily: only those scrolled into view (an
 * IntersectionObserver on the sidebar), one at a time, nearest to the page being read first, and
 * only while the main view is idle, so thumbnails never slow down the page the reader turns to.
 * Thumbnails far from the reader are cleared again to bound memory. No React.
 *
 * pdf.js's own PDFThumbnailViewer is not part of its public package; this draws each thumbnail
 * with page.render() at a small scale through the controller.
 */
import type { PdfViewerController } from './PdfViewerController';
import { thumbnailRenderOrder, thumbnailsToEvict } from './viewerMath';

export interface ThumbnailRendererOptions {
  /** Thumbnail width in CSS pixels. */
  width: number;
  /** Most thumbnails holding a bitmap at once. */
  maxRendered?: number;
}

export class ThumbnailRenderer {
  readonly #controller: PdfViewerController;
  readonly #options: Required<ThumbnailRendererOptions>;
  readonly #observer: IntersectionObserver;
  readonly #canvases = new Map<number, HTMLCanvasElement>();
  readonly #visible = new Set<number>();
  readonly #rendered = new Set<number>();
  /** The render in progress, aborted when its thumbnail scrolls away, on a page turn, or on close. */
  #inFlight: { pageNumber: number; abort: AbortController } | undefined;
  #currentPage = 1;
  #wake: (() => void) | undefined;
  readonly #offPageChanged: () => void;
  #closed = false;

  constructor(
    controller: PdfViewerController,
    scroller: HTMLElement,
    options: ThumbnailRendererOptions,
  ) {
    this.#controller = controller;
    this.#options = { maxRendered: 60, ...options };
    // Half a screen of margin: thumbnails just below the fold are ready when scrolled to.
    this.#observer = new IntersectionObserver((entries) => this.#onIntersection(entries), {
      root: scroller,
      rootMargin: '50% 0px',
    });
    for (const canvas of scroller.querySelectorAll<HTMLCanvasElement>('canvas[data-page]')) {
      const pageNumber = Number(canvas.dataset.page);
      this.#canvases.set(pageNumber, canvas);
      this.#observer.observe(canvas);
    }
    // A page turn stops the thumbnail being drawn (it is drawn again once the reader is idle):
    // the page the reader turned to must not wait for its slices of the main thread.
    this.#offPageChanged = controller.on('pageChanged', () => this.#inFlight?.abort.abort());
    void this.#loop();
  }

  /**
   * The page being read: its thumbnail is marked (aria-current), its neighbourhood drawn first and
   * kept longest, and the sidebar scrolls to it once the main view has drawn the page (scrolling
   * forces a layout, which the page the reader waits for should not pay).
   */
  setCurrentPage(pageNumber: number): void {
    const previous = this.#currentPage;
    this.#currentPage = pageNumber;
    this.#canvases.get(previous)?.parentElement?.removeAttribute('aria-current');
    const item = this.#canvases.get(pageNumber)?.parentElement;
    item?.setAttribute('aria-current', 'page');
    this.#wake?.();
    void this.#controller.whenIdle(150).then(() => {
      if (!this.#closed && this.#currentPage === pageNumber)
        item?.scrollIntoView({ block: 'nearest' });
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#offPageChanged();
    this.#observer.disconnect();
    this.#inFlight?.abort.abort();
    this.#wake?.();
  }

  #onIntersection(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const pageNumber = Number((entry.target as HTMLElement).dataset.page);
      if (entry.isIntersecting) this.#visible.add(pageNumber);
      else {
        this.#visible.delete(pageNumber);
        if (this.#inFlight?.pageNumber === pageNumber) this.#inFlight.abort.abort();
      }
    }
    this.#wake?.();
  }

  async #loop(): Promise<void> {
    while (!this.#closed) {
      const next = thumbnailRenderOrder(this.#visible, this.#rendered, this.#currentPage)[0];
      if (next === undefined) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
        continue;
      }
      await this.#controller.whenIdle();
      // The view may have moved while waiting: choose again.
      if (this.#closed || !this.#visible.has(next) || this.#rendered.has(next)) continue;
      const canvas = this.#canvases.get(next);
      if (!canvas) {
        this.#rendered.add(next);
        continue;
      }
      const abort = new AbortController();
      this.#inFlight = { pageNumber: next, abort };
      try {
        await this.#controller.renderThumbnail(next, canvas, this.#options.width, abort.signal);
        if (!abort.signal.aborted) {
          this.#rendered.add(next);
          canvas.dataset.rendered = 'true';
          this.#evict();
        }
      } catch {
        // A page that cannot be drawn keeps its blank placeholder; the main view shows the error.
        this.#rendered.add(next);
      } finally {
        this.#inFlight = undefined;
      }
    }
  }

  #evict(): void {
    const evict = thumbnailsToEvict(
      this.#rendered,
      this.#visible,
      this.#currentPage,
      this.#options.maxRendered,
    );
    for (const pageNumber of evict) {
      const canvas = this.#canvases.get(pageNumber);
      if (canvas) {
        // Zero size frees the bitmap; the placeholder keeps its CSS size.
        canvas.width = 0;
        canvas.height = 0;
        delete canvas.dataset.rendered;
      }
      this.#rendered.delete(pageNumber);
    }
  }
}
