/**
 * Anchoring annotations to the text of a page, so that they follow that text into a new version
 * of the document (issue #4): an annotation keeps the text near it and where that text stood
 * (`AnnotationAnchor`); in another version the same text is looked for, first on the same page
 * and then on pages further away, and the annotation moves by as much as its text moved. When the
 * text is gone the annotation is flagged, never put in a wrong place silently.
 *
 * Pure functions over page texts as pdf.js reads them (`TextBox` per text item, in PDF user
 * space), so they are unit-tested under Node and shared by the viewer and the export.
 *
 * Matching ignores whitespace (pdf.js splits and joins text items differently from one file to
 * the next: "Chuyển đổi số" may come as one item or three) and compares NFC text exactly, with
 * diacritics: in Vietnamese "hạn" and "hàn" are different words.
 */
import {
  MAX_ANCHOR_TEXT,
  translateShape,
  unionOfRects,
  type Annotation,
  type AnnotationAnchor,
  type PdfRect,
} from '../domain/annotation';

/** One run of text on a page and its box in PDF user space. */
export interface TextBox {
  text: string;
  box: PdfRect;
}

/** A page's text runs, in reading order. */
export interface PageText {
  page: number;
  items: readonly TextBox[];
}

/** Where an annotation goes in another version: its page, and how far it moves on it. */
export interface Placement {
  page: number;
  dx: number;
  dy: number;
  /** false when only part of the anchor text was found (an edit inside it). */
  exact: boolean;
}

/** Shortest anchor worth matching: fewer letters repeat everywhere on a page. */
const MIN_ANCHOR_CHARS = 24;
/** Half an anchor is still tried when the whole one is not found, if it is this long. */
const MIN_PARTIAL_CHARS = 12;

/** The text as it is compared: NFC, without whitespace. */
export function compactText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '');
}

/** The text as it is kept: NFC, runs of whitespace as one space, trimmed. */
export function tidyText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * A pdf.js text item (`getTextContent().items`) as a box in PDF user space. The transform's
 * translation is where the baseline starts; the box reaches a quarter of the font size below it
 * (descenders) and three quarters above. Rotated text keeps its unrotated box, which is enough to
 * measure how far a run of text moved.
 */
export function textBoxOfItem(item: {
  str: string;
  transform: readonly number[];
  width: number;
  height: number;
}): TextBox {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  const fontSize = item.height || Math.hypot(c, d) || Math.hypot(a, b);
  return {
    text: item.str,
    box: { x: e, y: f - fontSize * 0.25, width: Math.abs(item.width), height: fontSize },
  };
}

/** A page's text compacted, with the item and the position in it of every character. */
interface IndexedPage {
  compact: string;
  /** For each character of `compact`: [item index, character index within that item's compact text]. */
  origin: [number, number][];
  /** Each item's compact length. */
  lengths: number[];
  items: readonly TextBox[];
}

function indexPage(items: readonly TextBox[]): IndexedPage {
  let compact = '';
  const origin: [number, number][] = [];
  const lengths: number[] = [];
  items.forEach((item, i) => {
    const text = compactText(item.text);
    lengths.push(text.length);
    for (let k = 0; k < text.length; k++) origin.push([i, k]);
    compact += text;
  });
  return { compact, origin, lengths, items };
}

/**
 * The box of characters [start, end) of the compacted page: per item, the part of its box those
 * characters cover (characters taken as equally wide, which is close enough within a run).
 */
function boxOfRange(page: IndexedPage, start: number, end: number): PdfRect {
  const parts = new Map<number, [number, number]>();
  for (let i = start; i < end; i++) {
    const [item, k] = page.origin[i]!;
    const range = parts.get(item);
    if (range) range[1] = k + 1;
    else parts.set(item, [k, k + 1]);
  }
  const rects: PdfRect[] = [];
  for (const [item, [from, to]] of parts) {
    const { box } = page.items[item]!;
    const length = page.lengths[item]! || 1;
    rects.push({
      x: box.x + (box.width * from) / length,
      y: box.y,
      width: (box.width * (to - from)) / length,
      height: box.height,
    });
  }
  return unionOfRects(rects);
}

function allIndexesOf(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1))
    found.push(at);
  return found;
}

function distance(a: PdfRect, b: PdfRect): number {
  return Math.hypot(a.x - b.x, a.y + a.height - (b.y + b.height));
}

/** Distance from a point to a box (0 inside it). */
function pointToRect(x: number, y: number, r: PdfRect): number {
  const dx = Math.max(r.x - x, 0, x - (r.x + r.width));
  const dy = Math.max(r.y - y, 0, y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

/**
 * The occurrence of `text` on the page nearest to `near`, and its box; null when absent.
 * Used to anchor a highlight to exactly the text it covers.
 */
export function locateText(
  items: readonly TextBox[],
  text: string,
  near: PdfRect,
): { box: PdfRect } | null {
  const page = indexPage(items);
  const needle = compactText(text);
  let best: { box: PdfRect; d: number } | null = null;
  for (const at of allIndexesOf(page.compact, needle)) {
    const box = boxOfRange(page, at, at + needle.length);
    const d = distance(box, near);
    if (!best || d < best.d) best = { box, d };
  }
  return best && { box: best.box };
}

/**
 * Text near an annotation whose marks fill `bounds`, to find its place again later: the text
 * run nearest to the marks' centre, widened with its neighbours in reading order until it is
 * long enough to be distinctive (`MIN_ANCHOR_CHARS`). Null on a page without text (a scan).
 *
 * A highlight passes the text it covers as `preferred`: that text itself is the anchor, at the
 * place it has on this page (found near `bounds`), when it is long enough to be worth matching.
 */
export function anchorFor(
  items: readonly TextBox[],
  bounds: PdfRect,
  preferred?: string,
): AnnotationAnchor | null {
  if (preferred !== undefined) {
    const text = tidyText(preferred).slice(0, MAX_ANCHOR_TEXT);
    if (compactText(text).length >= MIN_PARTIAL_CHARS) {
      const located = locateText(items, text, bounds);
      if (located) return { text, box: located.box };
    }
  }
  const candidates = items
    .map((item, index) => ({ index, length: compactText(item.text).length }))
    .filter((c) => c.length > 0);
  if (candidates.length === 0) return null;
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  let nearest = candidates[0]!;
  let nearestDistance = Infinity;
  for (const c of candidates) {
    const d = pointToRect(cx, cy, items[c.index]!.box);
    if (d < nearestDistance) {
      nearest = c;
      nearestDistance = d;
    }
  }
  // Grow [first, last] around the nearest run, alternately forwards and backwards.
  let first = nearest.index;
  let last = nearest.index;
  const textOf = (from: number, to: number) =>
    tidyText(
      items
        .slice(from, to + 1)
        .map((i) => i.text)
        .join(' '),
    );
  let text = textOf(first, last);
  let forward = true;
  while (compactText(text).length < MIN_ANCHOR_CHARS && (first > 0 || last < items.length - 1)) {
    const canForward = last < items.length - 1;
    const canBackward = first > 0;
    const next =
      (forward && canForward) || !canBackward ? textOf(first, last + 1) : textOf(first - 1, last);
    if (next.length > MAX_ANCHOR_TEXT) break;
    if ((forward && canForward) || !canBackward) last += 1;
    else first -= 1;
    text = next;
    forward = !forward;
  }
  text = text.slice(0, MAX_ANCHOR_TEXT).trim();
  if (text.length === 0) return null;
  const page = indexPage(items.slice(first, last + 1));
  const needle = compactText(text);
  return { text, box: boxOfRange(page, 0, Math.min(needle.length, page.compact.length)) };
}

/**
 * Where an annotation anchored on page `fromPage` of another version goes among `pages`: the
 * occurrence of its anchor text on the nearest page (then nearest to where it stood), and the
 * move that brings the anchor's top-left corner there. When the whole text is not found, its
 * first or its second half is tried (a word changed inside it). Null when none is found: the
 * annotation is flagged ("Không tìm thấy vị trí trong phiên bản mới").
 */
export function reanchor(
  anchor: AnnotationAnchor,
  fromPage: number,
  pages: readonly PageText[],
): Placement | null {
  const indexed = pages.map((p) => ({ page: p.page, index: indexPage(p.items) }));
  const needle = compactText(anchor.text);
  const exact = bestMatch(indexed, needle, fromPage, anchor.box, 0);
  if (exact) return { ...exact, exact: true };
  if (needle.length < 2 * MIN_PARTIAL_CHARS) return null;
  const half = Math.floor(needle.length / 2);
  // The second half starts about half-way along the anchor's box (on one line).
  const secondOffset = (anchor.box.width * half) / needle.length;
  const partial =
    bestMatch(indexed, needle.slice(0, half), fromPage, anchor.box, 0) ??
    bestMatch(indexed, needle.slice(half), fromPage, anchor.box, secondOffset);
  return partial && { ...partial, exact: false };
}

function bestMatch(
  pages: { page: number; index: IndexedPage }[],
  needle: string,
  fromPage: number,
  oldBox: PdfRect,
  offsetX: number,
): { page: number; dx: number; dy: number } | null {
  const expected = { ...oldBox, x: oldBox.x + offsetX };
  let best: { page: number; box: PdfRect; pageDistance: number; d: number } | null = null;
  for (const { page, index } of pages) {
    const pageDistance = Math.abs(page - fromPage);
    if (best && pageDistance > best.pageDistance) continue;
    for (const at of allIndexesOf(index.compact, needle)) {
      const box = boxOfRange(index, at, at + needle.length);
      const d = distance(box, expected);
      if (!best || pageDistance < best.pageDistance || d < best.d)
        best = { page, box, pageDistance, d };
    }
  }
  if (!best) return null;
  return {
    page: best.page,
    dx: best.box.x - expected.x,
    dy: best.box.y + best.box.height - (expected.y + expected.height),
  };
}

/** The annotation moved to `placement` (its page and shape as they are drawn in another version). */
export function placeAnnotation<A extends Annotation>(annotation: A, placement: Placement): A {
  return {
    ...annotation,
    page: placement.page,
    shape: translateShape(annotation.shape, placement.dx, placement.dy),
  };
}
