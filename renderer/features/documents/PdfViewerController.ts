/**
 * One PDF document shown in one scroll container: pdf.js's EventBus, PDFViewer, PDFLinkService and
 * PDFFindController, created once per document (as pdf.js's examples/components/simpleviewer
 * does) and torn down by close(). No React: the component hosts it, reads its state with
 * useSyncExternalStore and calls its methods; presenter sync drives the same methods.
 *
 * pdf.js renders lazily: page boxes for every page are laid out at once (sized from the first
 * page), and only the visible pages (plus the next one) get a canvas, so a 500-page document
 * opens at its first page as fast as a 1-page one.
 *
 * State shape (an immutable snapshot, replaced on every change):
 * - status: loading → ready, or failed (with `error`) when the bytes cannot be opened
 * - pagesCount: 0 until ready; pageNumber: the page at the top of the view (1-based)
 * - scale: the zoom (1 = the PDF's own size, 100 %); scalePreset: 'page-width' etc. while a
 *   preset is in force (the numeric scale then follows the container's width)
 * - pageSize: size of page 1 in PDF points (thumbnail placeholders use it)
 * - search: the query, pdf.js's find state and the current / total hit counts
 *
 * Opening a document leaves marks in the Performance timeline (phonghop:pdf:open, :loaded,
 * :pagesinit, :firstpage), so a slow first page can be taken apart in DevTools or by bench:pdf.
 *
 * Changes of page and scale are also events (`on('pageChanged')`, `on('scaleChanged')`) carrying
 * an origin: 'user' for the reader's own actions, 'remote' for calls made with
 * `{ origin: 'remote' }` (a follower applying the presenter's page), so sync never echoes.
 */
import {
  AnnotationMode,
  EventBus,
  FindState,
  getDocument,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
  RenderingCancelledException,
  RenderingStates,
  pdfWorker,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
} from './pdfjs';
import { textBoxOfItem, type TextBox } from '../../../common/annotations/anchoring';
import {
  clampPage,
  clampScale,
  isScalePreset,
  searchMatchesDiacritics,
  zoomStep,
  type ScalePreset,
} from './viewerMath';
import { labelPages, viewerL10n } from './viewerL10n';

/** Where the PDF comes from: bytes (the local document cache) or a URL the CSP allows. */
export type PdfSource = { data: Uint8Array } | { url: string };

/** Who caused a change of page or scale. */
export type ChangeOrigin = 'user' | 'remote';

/** Why a document could not be opened. */
export type PdfLoadError = 'invalid' | 'password' | 'unavailable' | 'unknown';

export type SearchStatus = 'idle' | 'pending' | 'found' | 'wrapped' | 'notFound';

export interface PdfSearchState {
  query: string;
  status: SearchStatus;
  /** 1-based index of the selected hit among all hits; 0 when none is selected. */
  current: number;
  /** Hits found so far (grows while pdf.js reads the text of later pages). */
  total: number;
}

export interface PdfViewerState {
  status: 'loading' | 'ready' | 'failed';
  error?: PdfLoadError;
  pagesCount: number;
  pageNumber: number;
  scale: number;
  scalePreset: ScalePreset | null;
  /** Page 1's size in PDF points (1/72 inch); null until ready. */
  pageSize: { width: number; height: number } | null;
  search: PdfSearchState;
}

export interface PdfViewerEvents {
  pageChanged: { pageNumber: number; previous: number; origin: ChangeOrigin };
  scaleChanged: { scale: number; preset: ScalePreset | null; origin: ChangeOrigin };
  /** A page's canvas has been drawn (at the current scale). */
  pageRendered: { pageNumber: number };
  /** The document failed to open; the state says why. */
  failed: { error: PdfLoadError };
}

export interface PdfViewerControllerOptions {
  /** The scroll container; pdf.js requires it to be absolutely positioned. */
  container: HTMLDivElement;
  /** The element inside `container` holding the pages (gets pdf.js's class `pdfViewer`). */
  viewer: HTMLDivElement;
  source: PdfSource;
  /** Zoom once the document is open; default 'page-width'. */
  initialScale?: number | ScalePreset;
  /** Page to open at; default 1. */
  initialPage?: number;
  /** The page landmark's accessible name, in the reader's language; default "Page N". */
  pageLabel?: (pageNumber: number) => string;
  /** The reader's language (BCP 47), for pdf.js; default the document's `lang`. */
  language?: string;
}

export interface ChangeOptions {
  origin?: ChangeOrigin;
}

/**
 * A page's geometry at scale 1, as annotation layers need it: its size in PDF units as shown
 * (after /Rotate), and the conversions between PDF user space and that view (origin top-left).
 */
export interface PageGeometry {
  width: number;
  height: number;
  toView(x: number, y: number): [number, number];
  toPdf(x: number, y: number): [number, number];
}

const idleSearch: PdfSearchState = { query: '', status: 'idle', current: 0, total: 0 };

/** pdf.js's numeric find states, as named here. */
function searchStatusOf(state: number): SearchStatus {
  switch (state) {
    case FindState.FOUND:
      return 'found';
    case FindState.WRAPPED:
      return 'wrapped';
    case FindState.PENDING:
      return 'pending';
    case FindState.NOT_FOUND:
    default:
      return 'notFound';
  }
}

function loadErrorOf(error: unknown): PdfLoadError {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'PasswordException':
      return 'password';
    case 'InvalidPDFException':
      return 'invalid';
    case 'ResponseException':
    case 'MissingPDFException':
    case 'UnexpectedResponseException':
      return 'unavailable';
    default:
      return 'unknown';
  }
}

type Listener<T> = (data: T) => void;

export class PdfViewerController {
  readonly #eventBus: EventBus;
  readonly #viewer: PDFViewer;
  readonly #linkService: PDFLinkService;
  readonly #findController: PDFFindController;
  readonly #viewerElement: HTMLDivElement;
  readonly #loadingTask: PDFDocumentLoadingTask;
  /** Aborted by close(): removes every listener this controller and its PDFViewer added. */
  readonly #abort = new AbortController();
  readonly #stateListeners = new Set<() => void>();
  /** Set while a page turn is under way: the state listeners hear of it once pdf.js has begun. */
  #holdNotifications = false;
  #heldNotification = false;
  readonly #eventListeners = new Map<keyof PdfViewerEvents, Set<Listener<never>>>();
  readonly #firstPageRendered: Promise<void>;
  readonly #resolveFirstPage: () => void;
  #state: PdfViewerState;
  #document: PDFDocumentProxy | undefined;
  /** Origin of the change being made right now (pdf.js dispatches its events synchronously). */
  #origin: ChangeOrigin = 'user';
  /** Commands given before the document was ready, applied at pagesinit. */
  #pendingPage: { pageNumber: number; origin: ChangeOrigin };
  #pendingScale: { scale: number | ScalePreset; origin: ChangeOrigin };
  /** getPage() requests not answered yet (see close()). */
  readonly #pageRequests = new Set<Promise<unknown>>();
  /** whenIdle() calls waiting for the next page drawn. */
  readonly #drawnWaiters = new Set<() => void>();
  /** When the reader last turned a page or zoomed (see whenIdle). */
  #lastActivity = 0;
  #firstPageDrawn = false;
  #closed = false;

  private constructor(options: PdfViewerControllerOptions) {
    this.#pendingPage = { pageNumber: options.initialPage ?? 1, origin: 'user' };
    this.#pendingScale = { scale: options.initialScale ?? 'page-width', origin: 'user' };
    this.#state = {
      status: 'loading',
      pagesCount: 0,
      pageNumber: 1,
      scale: 1,
      scalePreset: null,
      pageSize: null,
      search: idleSearch,
    };
    const { signal } = this.#abort;
    this.#viewerElement = options.viewer;
    options.viewer.classList.add('pdfViewer');

    this.#eventBus = new EventBus();
    this.#linkService = new PDFLinkService({ eventBus: this.#eventBus });
    this.#findController = new PDFFindController({
      eventBus: this.#eventBus,
      linkService: this.#linkService,
    });
    // abortSignal is a PDFViewer option its typings leave out: it removes the viewer's scroll and
    // resize listeners when this controller closes.
    const viewerOptions: ConstructorParameters<typeof PDFViewer>[0] & { abortSignal: AbortSignal } =
      {
        container: options.container,
        viewer: options.viewer,
        eventBus: this.#eventBus,
        linkService: this.#linkService,
        findController: this.#findController,
        // Agenda documents are read, not filled in: no form widgets, no scripting.
        annotationMode: AnnotationMode.ENABLE,
        l10n: viewerL10n(options.language ?? document.documentElement.lang),
        abortSignal: signal,
      };
    this.#viewer = new PDFViewer(viewerOptions);
    this.#linkService.setViewer(this.#viewer);

    let resolveFirstPage!: () => void;
    this.#firstPageRendered = new Promise<void>((resolve) => (resolveFirstPage = resolve));
    this.#resolveFirstPage = resolveFirstPage;
    this.#listenToViewer(signal, resolveFirstPage, options.pageLabel ?? ((n) => `Page ${n}`));
    performance.mark('phonghop:pdf:open');

    this.#loadingTask = getDocument({
      ...('data' in options.source
        ? // pdf.js transfers the buffer to its worker, detaching it: give it a copy so the
          // caller's bytes (the document cache's) stay usable.
          { data: options.source.data.slice() }
        : { url: options.source.url }),
      worker: pdfWorker(),
      // No background getPage() of every page after the first one is drawn: the bytes are
      // already local (the viewer fetches each page when it comes into view), 500 page requests
      // would compete with the reader's first page turns, and a document closed during that
      // sweep would make pdf.js log an error per remaining page.
      disableAutoFetch: true,
      // The CSP has no 'unsafe-eval'; without this pdf.js would try new Function() and log a
      // violation before falling back to the interpreter it uses here anyway.
      isEvalSupported: false,
    });
    this.#loadingTask.promise.then(
      (document) => {
        if (this.#closed) return;
        performance.mark('phonghop:pdf:loaded');
        this.#trackPageRequests(document);
        this.#warmUp(document, this.#pendingPage.pageNumber);
        void this.#resolvePagesWhenIdle(document);
        this.#document = document;
        this.#viewer.setDocument(document);
        this.#linkService.setDocument(document);
      },
      (error: unknown) => {
        if (this.#closed) return;
        const code = loadErrorOf(error);
        this.#set({ status: 'failed', error: code });
        this.#emit('failed', { error: code });
      },
    );
  }

  /** Starts loading `source` into `container`; watch `status` in the state for the outcome. */
  static open(options: PdfViewerControllerOptions): PdfViewerController {
    return new PdfViewerController(options);
  }

  // ---------------------------------------------------------------------------------------------
  // External store (useSyncExternalStore) and events

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  };

  readonly getSnapshot = (): PdfViewerState => this.#state;

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Resolves when the first page has been drawn, or on close (not before, if the document fails
   * to open).
   */
  get firstPageRendered(): Promise<void> {
    return this.#firstPageRendered;
  }

  on<K extends keyof PdfViewerEvents>(name: K, listener: Listener<PdfViewerEvents[K]>): () => void {
    let set = this.#eventListeners.get(name);
    if (!set) this.#eventListeners.set(name, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  // ---------------------------------------------------------------------------------------------
  // Navigation and zoom

  /** Shows page `pageNumber` (clamped into the document) at the top of the view. */
  goToPage(pageNumber: number, options: ChangeOptions = {}): void {
    if (this.#closed) return;
    if (this.#state.status !== 'ready') {
      this.#pendingPage = { pageNumber, origin: options.origin ?? 'user' };
      return;
    }
    const target = clampPage(pageNumber, this.#viewer.pagesCount);
    // React renders the new page number synchronously (useSyncExternalStore): hold that back
    // until pdf.js has asked its worker for the page, so the two run side by side.
    this.#holdNotifications = true;
    try {
      this.#with(options.origin, () => {
        // Setting the same page again would not scroll back to its top; scrollPageIntoView does.
        if (target === this.#viewer.currentPageNumber)
          this.#viewer.scrollPageIntoView({ pageNumber: target });
        else this.#viewer.currentPageNumber = target;
        // Draw now: pdf.js would start on its scroll listener's next animation frame, a frame or
        // two later.
        this.#viewer.update();
      });
    } finally {
      this.#holdNotifications = false;
      if (this.#heldNotification) this.#notify();
    }
  }

  nextPage(options: ChangeOptions = {}): void {
    this.goToPage(this.#state.pageNumber + 1, options);
  }

  previousPage(options: ChangeOptions = {}): void {
    this.goToPage(this.#state.pageNumber - 1, options);
  }

  /** A numeric zoom (clamped, 1 = 100 %) or a preset that follows the view's size. */
  setScale(scale: number | ScalePreset, options: ChangeOptions = {}): void {
    if (this.#closed) return;
    if (this.#state.status !== 'ready') {
      this.#pendingScale = { scale, origin: options.origin ?? 'user' };
      return;
    }
    this.#with(options.origin, () => {
      if (isScalePreset(scale)) this.#viewer.currentScaleValue = scale;
      else this.#viewer.currentScale = clampScale(scale);
    });
  }

  zoomIn(options: ChangeOptions = {}): void {
    this.setScale(zoomStep(this.#state.scale, 'in'), options);
  }

  zoomOut(options: ChangeOptions = {}): void {
    this.setScale(zoomStep(this.#state.scale, 'out'), options);
  }

  // ---------------------------------------------------------------------------------------------
  // Search (pdf.js's find controller; hits are highlighted in the text layer)

  /**
   * Searches for `query` and highlights every hit, selecting the first after the current page.
   * pdf.js waits 250 ms before starting, so calling this on every keystroke is fine.
   */
  search(query: string): void {
    if (this.#closed) return;
    if (query.trim() === '') return this.clearSearch();
    this.#set({ search: { ...this.#state.search, query } });
    this.#dispatchFind('', query, false);
  }

  /** Selects the next (or previous) hit of the current query, wrapping around the document. */
  findAgain(previous = false): void {
    if (this.#closed) return;
    const { query } = this.#state.search;
    if (query.trim() === '') return;
    this.#dispatchFind('again', query, previous);
  }

  /** Removes the highlights and forgets the query. */
  clearSearch(): void {
    if (this.#closed) return;
    this.#eventBus.dispatch('findbarclose', { source: this });
    this.#set({ search: idleSearch });
  }

  #dispatchFind(type: '' | 'again', query: string, findPrevious: boolean): void {
    this.#eventBus.dispatch('find', {
      source: this,
      type,
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious,
      matchDiacritics: searchMatchesDiacritics(query),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Thumbnails

  /**
   * Draws page `pageNumber` into `canvas`, `width` CSS pixels wide (sharp on HiDPI screens).
   * Resolves when drawn, or quietly when `signal` aborts first (the thumbnail scrolled away).
   */
  async renderThumbnail(
    pageNumber: number,
    canvas: HTMLCanvasElement,
    width: number,
    signal: AbortSignal,
  ): Promise<void> {
    const document = this.#document;
    if (!document || this.#closed || signal.aborted) return;
    const page = await document.getPage(pageNumber);
    if (this.#closed || signal.aborted) return;
    const outputScale = window.devicePixelRatio || 1;
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (width / unscaled.width) * outputScale });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    const task = page.render({ canvas, viewport, annotationMode: AnnotationMode.ENABLE });
    const cancel = () => task.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      await task.promise;
    } catch (error) {
      if (!(error instanceof RenderingCancelledException)) throw error;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  /**
   * Resolves once the main view has drawn what it needs and the reader has not turned a page or
   * zoomed for `quietMs`: low-priority work (thumbnails) waits for this so that it never delays
   * the page being read. Resolves at once after close (callers then find nothing to do).
   */
  async whenIdle(quietMs = 200): Promise<void> {
    await this.#firstPageRendered;
    for (;;) {
      if (this.#closed) return;
      const quietFor = performance.now() - this.#lastActivity;
      if (quietFor < quietMs) {
        await new Promise((resolve) => setTimeout(resolve, quietMs - quietFor));
        continue;
      }
      // NOTE: checked only once the reader is quiet, and then once per drawn page: reading which
      // pages are in view forces a layout, which must not land in the middle of a page turn.
      if (this.#visiblePagesDrawn()) return;
      await new Promise<void>((resolve) => {
        // A cancelled draw reports nothing, hence the timeout.
        const timer = setTimeout(done, 250);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#drawnWaiters.add(done);
      });
    }
  }

  /** Whether every page in view has its canvas (pdf.js draws them in priority order). */
  #visiblePagesDrawn(): boolean {
    const visible = this.#viewer._getVisiblePages() as { views: { view: unknown }[] };
    return visible.views.every(
      ({ view }) =>
        (view as { renderingState: number }).renderingState === RenderingStates.FINISHED,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Pages for annotation layers

  /**
   * The element of page `pageNumber` (`.page[data-page-number]`). pdf.js empties it of foreign
   * children whenever it redraws the page (zoom, or scrolled far away and back), so a layer put
   * there is put back on `pageRendered`.
   */
  pageElement(pageNumber: number): HTMLElement | null {
    return this.#viewerElement.querySelector<HTMLElement>(
      `.page[data-page-number="${pageNumber}"]`,
    );
  }

  /** Page `pageNumber`'s geometry at scale 1; null once closed or before the document opened. */
  async pageGeometry(pageNumber: number): Promise<PageGeometry | null> {
    const document = this.#document;
    if (!document || this.#closed) return null;
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale: 1 });
    return {
      width: viewport.width,
      height: viewport.height,
      toView: (x, y) => viewport.convertToViewportPoint(x, y) as [number, number],
      toPdf: (x, y) => viewport.convertToPdfPoint(x, y) as [number, number],
    };
  }

  /** The text runs of page `pageNumber` in PDF user space (to anchor annotations to text). */
  async pageText(pageNumber: number): Promise<TextBox[]> {
    const document = this.#document;
    if (!document || this.#closed) return [];
    const page = await document.getPage(pageNumber);
    const content = await page.getTextContent();
    const boxes: TextBox[] = [];
    for (const item of content.items)
      if ('str' in item && item.str) boxes.push(textBoxOfItem(item));
    return boxes;
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /** Idempotent: stops rendering, removes every listener and releases the document. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // NOTE: listeners go first so that the teardown below emits nothing into a closed component;
    // the viewer lets go of the document before it is destroyed, or its in-flight renders would
    // reject against a dead transport.
    this.#abort.abort();
    this.#resolveFirstPage();
    this.#stateListeners.clear();
    this.#eventListeners.clear();
    this.#viewer.setDocument(null as unknown as PDFDocumentProxy);
    this.#linkService.setDocument(null);
    this.#document = undefined;
    // NOTE: the viewer may be waiting for a page it is about to draw (or a thumbnail for one);
    // destroying the document under that request makes pdf.js log "Transport destroyed" and
    // "pdfPage is not loaded". So the document goes once those requests have settled; a draw they
    // start meanwhile is cancelled by the destroy, which pdf.js handles silently.
    void Promise.allSettled(this.#pageRequests).then(() => this.#loadingTask.destroy());
  }

  /**
   * Asks the worker for every page's object, a batch at a time while the reader is idle. pdf.js
   * keeps them, so a jump to a far page starts drawing within the same task instead of after a
   * round trip to the worker and the frame that comes first. Only the objects: no page box is
   * touched (pdf.js's own sweep, which disableAutoFetch turns off, resets every box it reaches).
   */
  async #resolvePagesWhenIdle(document: PDFDocumentProxy): Promise<void> {
    const BATCH = 50;
    for (let first = 1; first <= document.numPages; first += BATCH) {
      await this.whenIdle(300);
      if (this.#closed) return;
      const batch: Promise<unknown>[] = [];
      for (let n = first; n < first + BATCH && n <= document.numPages; n++)
        batch.push(document.getPage(n));
      // A page that cannot be read reports it when it is drawn.
      await Promise.allSettled(batch);
    }
  }

  /** Counts the document's page requests in flight (see close()). */
  #trackPageRequests(document: PDFDocumentProxy): void {
    const getPage = document.getPage.bind(document);
    document.getPage = (pageNumber: number) => {
      const request = getPage(pageNumber);
      this.#pageRequests.add(request);
      const settled = () => this.#pageRequests.delete(request);
      request.then(settled, settled);
      return request;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // pdf.js events → state and events

  #listenToViewer(
    signal: AbortSignal,
    resolveFirstPage: () => void,
    pageLabel: (pageNumber: number) => string,
  ): void {
    const bus = this.#eventBus;
    bus.on(
      'pagesinit',
      () => {
        const document = this.#document;
        if (!document) return;
        performance.mark('phonghop:pdf:pagesinit');
        labelPages(this.#viewerElement, pageLabel);
        const first = this.#viewer.getPageView(0) as
          { viewport?: { rawDims?: { pageWidth: number; pageHeight: number } } } | undefined;
        const dims = first?.viewport?.rawDims;
        this.#set({
          status: 'ready',
          pagesCount: this.#viewer.pagesCount,
          pageSize: dims ? { width: dims.pageWidth, height: dims.pageHeight } : null,
        });
        // Initial zoom and page, or what a presenter asked for while the document was loading.
        const { scale, origin: scaleOrigin } = this.#pendingScale;
        this.#with(scaleOrigin, () => {
          if (isScalePreset(scale)) this.#viewer.currentScaleValue = scale;
          else this.#viewer.currentScale = clampScale(scale);
        });
        const { pageNumber, origin: pageOrigin } = this.#pendingPage;
        const page = clampPage(pageNumber, this.#viewer.pagesCount);
        if (page !== 1) this.#with(pageOrigin, () => (this.#viewer.currentPageNumber = page));
      },
      { signal },
    );
    bus.on(
      'pagechanging',
      ({ pageNumber, previous }: { pageNumber: number; previous: number }) => {
        this.#lastActivity = performance.now();
        this.#set({ pageNumber });
        this.#emit('pageChanged', { pageNumber, previous, origin: this.#origin });
      },
      { signal },
    );
    bus.on(
      'scalechanging',
      ({ scale, presetValue }: { scale: number; presetValue?: string }) => {
        this.#lastActivity = performance.now();
        const preset = isScalePreset(presetValue) ? presetValue : null;
        if (scale === this.#state.scale && preset === this.#state.scalePreset) return;
        this.#set({ scale, scalePreset: preset });
        this.#emit('scaleChanged', { scale, preset, origin: this.#origin });
      },
      { signal },
    );
    bus.on(
      'pagerendered',
      ({ pageNumber, cssTransform, isDetailView }: PageRenderedEvent) => {
        // A CSS-scaled placeholder during zoom, or the detail layer at high zoom: not a page
        // drawn at the current scale.
        if (cssTransform || isDetailView) return;
        if (!this.#firstPageDrawn) performance.mark('phonghop:pdf:firstpage');
        this.#firstPageDrawn = true;
        resolveFirstPage();
        for (const wake of this.#drawnWaiters) wake();
        this.#drawnWaiters.clear();
        this.#emit('pageRendered', { pageNumber });
      },
      { signal },
    );
    bus.on(
      'updatefindcontrolstate',
      ({ state, matchesCount, rawQuery }: FindControlStateEvent) => {
        if (rawQuery === null || rawQuery !== this.#state.search.query) return;
        this.#set({
          search: {
            query: rawQuery,
            status: searchStatusOf(state),
            current: matchesCount.current,
            total: matchesCount.total,
          },
        });
      },
      { signal },
    );
    bus.on(
      'updatefindmatchescount',
      ({ matchesCount }: { matchesCount: { current: number; total: number } }) => {
        if (this.#state.search.status === 'idle') return;
        this.#set({
          search: { ...this.#state.search, ...matchesCount },
        });
      },
      { signal },
    );
  }

  /**
   * Has the worker read the page about to be shown (its fonts and pictures, the bulk of a first
   * page's time) while the main thread lays out the page boxes, rather than after. The drawing
   * that follows asks again with its own intent, but finds fonts and images translated and the
   * fonts already loaded in the page.
   */
  #warmUp(document: PDFDocumentProxy, pageNumber: number): void {
    const page = clampPage(pageNumber, document.numPages);
    document
      .getPage(page)
      .then((pdfPage) =>
        this.#closed
          ? undefined
          : pdfPage.getOperatorList({ annotationMode: AnnotationMode.ENABLE }),
      )
      .catch(() => undefined); // The drawing reports what is wrong with the page.
  }

  #with(origin: ChangeOrigin | undefined, change: () => void): void {
    const previous = this.#origin;
    this.#origin = origin ?? 'user';
    try {
      change();
    } finally {
      this.#origin = previous;
    }
  }

  #set(patch: Partial<PdfViewerState>): void {
    if (this.#closed) return;
    this.#state = { ...this.#state, ...patch };
    if (this.#holdNotifications) this.#heldNotification = true;
    else this.#notify();
  }

  #notify(): void {
    this.#heldNotification = false;
    for (const listener of this.#stateListeners) listener();
  }

  /** Every listener runs even if one throws; the error is reported, not swallowed. */
  #emit<K extends keyof PdfViewerEvents>(name: K, data: PdfViewerEvents[K]): void {
    if (this.#closed) return;
    for (const listener of this.#eventListeners.get(name) ?? []) {
      try {
        (listener as Listener<PdfViewerEvents[K]>)(data);
      } catch (error) {
        reportError(error);
      }
    }
  }
}

interface PageRenderedEvent {
  pageNumber: number;
  cssTransform: boolean;
  isDetailView?: boolean;
}

interface FindControlStateEvent {
  state: number;
  matchesCount: { current: number; total: number };
  rawQuery: string | null;
}
