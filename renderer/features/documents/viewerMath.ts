/**
 * Pure rules of the PDF viewer (pages, zoom, thumbnails, search options), kept apart from pdf.js
 * and the DOM so that they are unit-tested under Node.
 */

/** Zoom limits: below a quarter the page is unreadable, above 5× the canvas gets huge. */
export const MIN_SCALE = 0.25;
export const MAX_SCALE = 5;

/** The zoom levels the −/+ buttons step through (1 = 100 %, the PDF's own size). */
export const ZOOM_STEPS = [
  0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5,
] as const;

/** pdf.js scale presets, recomputed when the viewer's size changes. */
export const SCALE_PRESETS = ['page-width', 'page-fit', 'auto'] as const;
export type ScalePreset = (typeof SCALE_PRESETS)[number];

export function isScalePreset(value: unknown): value is ScalePreset {
  return typeof value === 'string' && (SCALE_PRESETS as readonly string[]).includes(value);
}

/** A page number inside 1…pagesCount (1 when the document has no pages yet or `page` is NaN). */
export function clampPage(page: number, pagesCount: number): number {
  if (!Number.isFinite(page) || pagesCount < 1) return 1;
  return Math.min(pagesCount, Math.max(1, Math.round(page)));
}

/** A scale inside MIN_SCALE…MAX_SCALE (1 for NaN or infinities). */
export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/**
 * The next zoom level from `scale` in `direction`: the nearest step strictly beyond it, so that a
 * scale between steps (after "fit width") goes to the neighbouring step rather than jumping two.
 */
export function zoomStep(scale: number, direction: 'in' | 'out'): number {
  const current = clampScale(scale);
  // A hair of tolerance: 1.0999999 from floating point arithmetic is the 1.1 step.
  const epsilon = 1e-3;
  if (direction === 'in') return ZOOM_STEPS.find((s) => s > current + epsilon) ?? MAX_SCALE;
  return [...ZOOM_STEPS].reverse().find((s) => s < current - epsilon) ?? MIN_SCALE;
}

/**
 * What the user typed in the page box: a whole number, clamped into the document; null for
 * anything else (the box then shows the current page again).
 */
export function parsePageInput(text: string, pagesCount: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  return clampPage(Number(trimmed), pagesCount);
}

/** Scale as the toolbar shows it: "125 %" (Vietnamese and English both put a space before %). */
export function formatScale(scale: number): string {
  return `${Math.round(scale * 100)} %`;
}

/**
 * Which thumbnails to render next: the visible ones not rendered yet, nearest to the page being
 * read first (ties: the earlier page), so the neighbourhood of the current page fills in first.
 */
export function thumbnailRenderOrder(
  visible: Iterable<number>,
  rendered: ReadonlySet<number>,
  currentPage: number,
): number[] {
  return [...new Set(visible)]
    .filter((n) => !rendered.has(n))
    .sort((a, b) => Math.abs(a - currentPage) - Math.abs(b - currentPage) || a - b);
}

/**
 * Rendered thumbnails to clear so that at most `max` keep a bitmap: those farthest from the page
 * being read, never a visible one (a 500-page document would otherwise hold 500 bitmaps).
 */
export function thumbnailsToEvict(
  rendered: Iterable<number>,
  visible: ReadonlySet<number>,
  currentPage: number,
  max: number,
): number[] {
  const candidates = [...rendered].filter((n) => !visible.has(n));
  const excess = candidates.length + visible.size - max;
  if (excess <= 0) return [];
  return candidates
    .sort((a, b) => Math.abs(b - currentPage) - Math.abs(a - currentPage) || b - a)
    .slice(0, excess);
}

/** CSS size of a thumbnail `width` pixels wide for a page of `pageWidth` × `pageHeight`. */
export function thumbnailSize(
  pageWidth: number,
  pageHeight: number,
  width: number,
): { width: number; height: number } {
  if (!(pageWidth > 0) || !(pageHeight > 0)) return { width, height: Math.round(width * 1.414) };
  return { width, height: Math.round((width * pageHeight) / pageWidth) };
}

/**
 * Whether a search should match diacritics exactly. Vietnamese marks change the word ("mà",
 * "má", "mả", "mã", "mạ" are all different), so a query typed with marks (or with đ) matches
 * exactly; a query typed without any (a keyboard without Telex) matches every accented form.
 */
export function searchMatchesDiacritics(query: string): boolean {
  return /[\u0300-\u036f]/.test(query.normalize('NFD')) || /[đĐ]/.test(query);
}
