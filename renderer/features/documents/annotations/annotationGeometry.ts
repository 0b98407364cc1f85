/**
 * Between the screen and PDF user space, for the annotation layer: pure functions over a page's
 * geometry at scale 1 (`PageGeometry`) and the on-screen box of its overlay, so they are
 * unit-tested without a browser. Whatever the zoom, the overlay shows the page at scale 1
 * stretched to its box, so a point's fraction of the box is its fraction of the page.
 */
import { roundCoordinate, type PdfPoint, type PdfRect } from '../../../../common/domain/annotation';
import type { PageGeometry } from '../PdfViewerController';

/** What annotation geometry needs of a DOMRect. */
export interface BoxLike {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A point on the screen (client coordinates) as a point of the page in PDF user space. */
export function clientToPdf(
  clientX: number,
  clientY: number,
  box: BoxLike,
  page: PageGeometry,
): PdfPoint {
  const vx = ((clientX - box.left) / box.width) * page.width;
  const vy = ((clientY - box.top) / box.height) * page.height;
  const [x, y] = page.toPdf(vx, vy);
  return [roundCoordinate(x), roundCoordinate(y)];
}

/** A box in PDF user space as a box of the page's view at scale 1 (top-left origin). */
export function pdfRectToView(
  rect: PdfRect,
  page: PageGeometry,
): { x: number; y: number; width: number; height: number } {
  const [ax, ay] = page.toView(rect.x, rect.y);
  const [bx, by] = page.toView(rect.x + rect.width, rect.y + rect.height);
  return {
    x: Math.min(ax, bx),
    y: Math.min(ay, by),
    width: Math.abs(bx - ax),
    height: Math.abs(by - ay),
  };
}

/** An SVG path (in view units at scale 1) through a stroke's points. */
export function strokePath(points: readonly PdfPoint[], page: PageGeometry): string {
  const parts: string[] = [];
  points.forEach(([x, y], i) => {
    const [vx, vy] = page.toView(x, y);
    parts.push(`${i === 0 ? 'M' : 'L'}${vx.toFixed(2)} ${vy.toFixed(2)}`);
  });
  // A lone point: a zero-length segment, which a round cap draws as a dot.
  if (points.length === 1) parts.push(parts[0]!.replace('M', 'L'));
  return parts.join(' ');
}

/**
 * Screen rectangles of a text selection on one page (`Range.getClientRects()`) as highlight
 * rectangles in PDF user space: empty ones dropped, those on the same line (overlapping
 * vertically by more than half) merged into one, so a selected line is one rectangle.
 */
export function selectionRectsToPdf(
  rects: readonly BoxLike[],
  box: BoxLike,
  page: PageGeometry,
): PdfRect[] {
  const lines: { left: number; top: number; right: number; bottom: number }[] = [];
  for (const r of rects) {
    if (r.width < 1 || r.height < 1) continue;
    const right = r.left + r.width;
    const bottom = r.top + r.height;
    const line = lines.find((l) => {
      const overlap = Math.min(l.bottom, bottom) - Math.max(l.top, r.top);
      return overlap > 0.5 * Math.min(l.bottom - l.top, r.height);
    });
    if (line) {
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, right);
      line.top = Math.min(line.top, r.top);
      line.bottom = Math.max(line.bottom, bottom);
    } else lines.push({ left: r.left, top: r.top, right, bottom });
  }
  return lines.map((l) => {
    const [x1, y1] = clientToPdf(l.left, l.top, box, page);
    const [x2, y2] = clientToPdf(l.right, l.bottom, box, page);
    return {
      x: Math.min(x1, x2),
      y: Math.min(y1, y2),
      width: roundCoordinate(Math.abs(x2 - x1)),
      height: roundCoordinate(Math.abs(y2 - y1)),
    };
  });
}

/**
 * Whether a new pointer position is far enough from the last point kept (in PDF units) to be
 * kept too: a stroke of a few hundred points draws as smoothly as one of thousands.
 */
export function farEnough(last: PdfPoint | undefined, next: PdfPoint, minDistance = 0.75): boolean {
  return !last || Math.hypot(next[0] - last[0], next[1] - last[1]) >= minDistance;
}
