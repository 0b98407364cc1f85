/**
 * The annotation layers over the pages of one open document: per page an SVG overlay in the page
 * element (`.page[data-page-number] > svg[data-annotation-layer]`), drawn from annotations in PDF
 * user space, and the pointer input of the tools (free-hand ink, sticky note; highlight reads the
 * text selection). No React: DocumentAnnotations hosts it, gives it what to draw (`setItems`) and
 * the tool in use (`setTool`), and is called back with what the user drew.
 *
 * The overlay's viewBox is the page at scale 1, stretched to the page's box, so it follows every
 * zoom without being redrawn. pdf.js empties a page element when it redraws it (zoom, or scrolled
 * far away and back), so the overlay is put back on every `pageRendered`.
 *
 * Rendered annotations carry `data-annotation-id`, `data-annotation-kind`, `data-author-id`,
 * `data-shared` and `data-pending`, which the tests (and the list panel's "go to") read.
 */
import {
  NOTE_ICON_SIZE,
  type Annotation,
  type AnnotationShape,
  type PdfPoint,
  type PdfRect,
} from '../../../../common/domain/annotation';
import { assertUnreachable } from '../../../../common/errors';
import type { PageGeometry, PdfViewerController } from '../PdfViewerController';
import {
  clientToPdf,
  farEnough,
  pdfRectToView,
  selectionRectsToPdf,
  strokePath,
} from './annotationGeometry';

const SVG = 'http://www.w3.org/2000/svg';

/** An annotation as it is drawn in the open version: on this page, with this shape. */
export interface DisplayedAnnotation {
  annotation: Annotation;
  page: number;
  shape: AnnotationShape;
  /** Pending: recorded here and not yet acknowledged by the server. */
  pending: boolean;
  /** Accessible name of the mark (kind, author, text). */
  label: string;
}

export type AnnotationTool = 'ink' | 'highlight' | 'note' | null;

export interface AnnotationLayerCallbacks {
  /** A stroke was drawn with the ink tool on `page` (PDF user space). */
  onInk(page: number, stroke: PdfPoint[]): void;
  /** The note tool was used at `at` (the icon's top-left corner) on `page`. */
  onNote(page: number, at: PdfPoint): void;
  /** Text was selected while the highlight tool is on: one entry per page it covers. */
  onHighlight(selection: { page: number; rects: PdfRect[]; text: string }[]): void;
  /** An annotation's mark was clicked or activated with the keyboard. */
  onSelect(id: string): void;
}

export class AnnotationLayer {
  readonly #controller: PdfViewerController;
  readonly #callbacks: AnnotationLayerCallbacks;
  readonly #abort = new AbortController();
  readonly #geometry = new Map<number, Promise<PageGeometry | null>>();
  readonly #resolved = new Map<number, PageGeometry>();
  readonly #offRendered: () => void;
  #items: readonly DisplayedAnnotation[] = [];
  #tool: AnnotationTool = null;
  #color = '#d62828';
  #inkWidth = 2;
  #closed = false;

  constructor(controller: PdfViewerController, callbacks: AnnotationLayerCallbacks) {
    this.#controller = controller;
    this.#callbacks = callbacks;
    this.#offRendered = controller.on('pageRendered', ({ pageNumber }) => {
      void this.#attach(pageNumber);
    });
    // Pages drawn before this layer existed.
    for (const page of this.#renderedPages()) void this.#attach(page);
    document.addEventListener('pointerup', () => this.#selectionEnded(), {
      signal: this.#abort.signal,
    });
  }

  /** What to draw; replaces what was drawn. */
  setItems(items: readonly DisplayedAnnotation[]): void {
    this.#items = items;
    for (const page of this.#renderedPages()) void this.#attach(page);
  }

  setTool(tool: AnnotationTool, options: { color: string; inkWidth?: number }): void {
    this.#tool = tool;
    this.#color = options.color;
    this.#inkWidth = options.inkWidth ?? 2;
    for (const svg of this.#overlays()) this.#applyTool(svg);
  }

  /**
   * Makes a highlight of the current text selection, if it lies in pages of this document
   * (the "Tô sáng" button, for keyboard users). Returns whether there was one.
   */
  highlightSelection(): boolean {
    const found = this.#readSelection();
    if (found.length === 0) return false;
    this.#callbacks.onHighlight(found);
    window.getSelection()?.removeAllRanges();
    return true;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.#offRendered();
    for (const svg of this.#overlays()) svg.remove();
  }

  /** Pages pdf.js has drawn (and so holds in the DOM), by number. */
  #renderedPages(): number[] {
    const container = this.#controller.pageElement(1)?.parentElement;
    if (!container) return [];
    return [...container.querySelectorAll<HTMLElement>('.page[data-loaded="true"]')]
      .map((element) => Number(element.dataset.pageNumber))
      .filter((n) => Number.isInteger(n) && n > 0);
  }

  #overlays(): SVGSVGElement[] {
    const overlays: SVGSVGElement[] = [];
    for (const page of this.#renderedPages()) {
      const svg = this.#controller
        .pageElement(page)
        ?.querySelector<SVGSVGElement>(':scope > svg[data-annotation-layer]');
      if (svg) overlays.push(svg);
    }
    return overlays;
  }

  #pageGeometry(page: number): Promise<PageGeometry | null> {
    let geometry = this.#geometry.get(page);
    if (!geometry) {
      geometry = this.#controller.pageGeometry(page).catch(() => null);
      this.#geometry.set(page, geometry);
    }
    return geometry;
  }

  /** Puts page `page`'s overlay in place (creating it if pdf.js removed it) and draws it. */
  async #attach(page: number): Promise<void> {
    const geometry = await this.#pageGeometry(page);
    if (this.#closed || !geometry) return;
    this.#resolved.set(page, geometry);
    const element = this.#controller.pageElement(page);
    if (!element) return;
    let svg = element.querySelector<SVGSVGElement>(':scope > svg[data-annotation-layer]');
    if (!svg) {
      svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('data-annotation-layer', '');
      svg.setAttribute('data-page', String(page));
      svg.setAttribute('viewBox', `0 0 ${geometry.width} ${geometry.height}`);
      svg.setAttribute('preserveAspectRatio', 'none');
      Object.assign(svg.style, {
        position: 'absolute',
        inset: '0',
        width: '100%',
        height: '100%',
        zIndex: '3',
        overflow: 'visible',
      });
      this.#listen(svg, page, geometry);
      element.append(svg);
    }
    this.#applyTool(svg);
    this.#draw(svg, page, geometry);
  }

  #applyTool(svg: SVGSVGElement): void {
    const drawing = this.#tool === 'ink' || this.#tool === 'note';
    svg.style.pointerEvents = drawing ? 'auto' : 'none';
    svg.style.cursor = this.#tool === 'ink' ? 'crosshair' : this.#tool === 'note' ? 'copy' : '';
    // Pen and touch draw instead of scrolling the page while the ink tool is on.
    svg.style.touchAction = drawing ? 'none' : '';
    svg.dataset.tool = this.#tool ?? '';
  }

  #draw(svg: SVGSVGElement, page: number, geometry: PageGeometry): void {
    for (const child of [...svg.children]) if (!(child as SVGElement).dataset.live) child.remove();
    for (const item of this.#items) {
      if (item.page !== page) continue;
      svg.append(this.#mark(item, geometry));
    }
  }

  #mark(item: DisplayedAnnotation, geometry: PageGeometry): SVGGElement {
    const { annotation, shape } = item;
    const g = document.createElementNS(SVG, 'g');
    g.dataset.annotationId = annotation.id;
    g.dataset.annotationKind = shape.kind;
    g.dataset.authorId = annotation.author.id;
    g.dataset.shared = String(annotation.shared);
    g.dataset.pending = String(item.pending);
    g.setAttribute('aria-label', item.label);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = item.label;
    g.append(title);
    switch (shape.kind) {
      case 'ink':
        for (const stroke of shape.strokes) {
          const path = document.createElementNS(SVG, 'path');
          path.setAttribute('d', strokePath(stroke, geometry));
          path.setAttribute('fill', 'none');
          path.setAttribute('stroke', annotation.color);
          path.setAttribute('stroke-width', String(shape.width));
          path.setAttribute('stroke-linecap', 'round');
          path.setAttribute('stroke-linejoin', 'round');
          g.append(path);
        }
        break;
      case 'highlight':
        g.style.mixBlendMode = 'multiply';
        for (const rect of shape.rects) {
          const box = pdfRectToView(rect, geometry);
          const r = document.createElementNS(SVG, 'rect');
          r.setAttribute('x', String(box.x));
          r.setAttribute('y', String(box.y));
          r.setAttribute('width', String(box.width));
          r.setAttribute('height', String(box.height));
          r.setAttribute('fill', annotation.color);
          r.setAttribute('fill-opacity', '0.35');
          g.append(r);
        }
        break;
      case 'note': {
        const [x, y] = geometry.toView(shape.at[0], shape.at[1]);
        const icon = document.createElementNS(SVG, 'rect');
        icon.setAttribute('x', String(x));
        icon.setAttribute('y', String(y));
        icon.setAttribute('width', String(NOTE_ICON_SIZE));
        icon.setAttribute('height', String(NOTE_ICON_SIZE));
        icon.setAttribute('rx', '2');
        icon.setAttribute('fill', annotation.color);
        icon.setAttribute('stroke', '#333');
        icon.setAttribute('stroke-width', '0.75');
        g.append(icon);
        for (let i = 1; i <= 3; i++) {
          const line = document.createElementNS(SVG, 'line');
          const ly = y + (NOTE_ICON_SIZE * i) / 4;
          line.setAttribute('x1', String(x + 4));
          line.setAttribute('x2', String(x + NOTE_ICON_SIZE - 4));
          line.setAttribute('y1', String(ly));
          line.setAttribute('y2', String(ly));
          line.setAttribute('stroke', '#222');
          line.setAttribute('stroke-width', '1');
          g.append(line);
        }
        // Notes open from the page too: by pointer, and by keyboard (Tab, then Enter).
        g.style.pointerEvents = 'auto';
        g.style.cursor = 'pointer';
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.addEventListener('click', (event) => {
          event.stopPropagation();
          this.#callbacks.onSelect(annotation.id);
        });
        g.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          this.#callbacks.onSelect(annotation.id);
        });
        break;
      }
      default:
        assertUnreachable(shape);
    }
    if (item.pending) g.style.opacity = '0.8';
    return g;
  }

  /** Pointer input of the ink and note tools on one page's overlay. */
  #listen(svg: SVGSVGElement, page: number, geometry: PageGeometry): void {
    const { signal } = this.#abort;
    let stroke: PdfPoint[] | null = null;
    let live: SVGPathElement | null = null;
    const pointAt = (event: PointerEvent) =>
      clientToPdf(event.clientX, event.clientY, svg.getBoundingClientRect(), geometry);
    svg.addEventListener(
      'pointerdown',
      (event) => {
        if (event.button !== 0) return;
        // On a note's icon: that opens the note (its click handler), it does not draw.
        if ((event.target as Element).closest('g[data-annotation-kind="note"]')) return;
        if (this.#tool === 'note') {
          event.preventDefault();
          this.#callbacks.onNote(page, pointAt(event));
          return;
        }
        if (this.#tool !== 'ink') return;
        event.preventDefault();
        svg.setPointerCapture(event.pointerId);
        stroke = [pointAt(event)];
        live = document.createElementNS(SVG, 'path');
        live.dataset.live = 'true';
        live.setAttribute('fill', 'none');
        live.setAttribute('stroke', this.#color);
        live.setAttribute('stroke-width', String(this.#inkWidth));
        live.setAttribute('stroke-linecap', 'round');
        live.setAttribute('stroke-linejoin', 'round');
        live.setAttribute('d', strokePath(stroke, geometry));
        svg.append(live);
      },
      { signal },
    );
    svg.addEventListener(
      'pointermove',
      (event) => {
        if (!stroke || !live) return;
        // Coalesced events: a fast pen gives several positions per frame.
        for (const e of event.getCoalescedEvents?.() ?? [event]) {
          const point = pointAt(e);
          if (farEnough(stroke.at(-1), point)) stroke.push(point);
        }
        live.setAttribute('d', strokePath(stroke, geometry));
      },
      { signal },
    );
    const finish = (event: PointerEvent, keep: boolean) => {
      if (!stroke) return;
      const done = stroke;
      stroke = null;
      live?.remove();
      live = null;
      if (svg.hasPointerCapture(event.pointerId)) svg.releasePointerCapture(event.pointerId);
      if (keep) this.#callbacks.onInk(page, done);
    };
    svg.addEventListener('pointerup', (event) => finish(event, true), { signal });
    svg.addEventListener('pointercancel', (event) => finish(event, false), { signal });
  }

  #selectionEnded(): void {
    if (this.#tool !== 'highlight') return;
    // After the browser has updated the selection for this pointerup.
    setTimeout(() => {
      if (!this.#closed && this.#tool === 'highlight') this.highlightSelection();
    }, 0);
  }

  /** The current text selection, per page of this document it touches, in PDF user space. */
  #readSelection(): { page: number; rects: PdfRect[]; text: string }[] {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return [];
    const text = selection.toString();
    if (text.trim() === '') return [];
    const rects = [...selection.getRangeAt(0).getClientRects()];
    const found: { page: number; rects: PdfRect[]; text: string }[] = [];
    for (const page of this.#renderedPages()) {
      const svg = this.#controller
        .pageElement(page)
        ?.querySelector<SVGSVGElement>(':scope > svg[data-annotation-layer]');
      const geometry = svg && this.#geometryNow(page);
      if (!svg || !geometry) continue;
      const box = svg.getBoundingClientRect();
      const onPage = rects.filter((r) => {
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        return cx >= box.left && cx <= box.right && cy >= box.top && cy <= box.bottom;
      });
      const pdfRects = selectionRectsToPdf(onPage, box, geometry);
      if (pdfRects.length > 0) found.push({ page, rects: pdfRects, text });
    }
    return found;
  }

  /** Geometry already known for a drawn page (every drawn page has its overlay, hence one). */
  #geometryNow(page: number): PageGeometry | undefined {
    return this.#resolved.get(page);
  }
}
