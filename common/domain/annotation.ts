/**
 * Annotations on agenda documents (issue #4): a highlight over text, free-hand ink, or a sticky
 * note, made by one participant on one page of one version of a document. Private to the author
 * unless the meeting's secretary or chair shares them with every participant.
 *
 * Geometry is in **PDF user space** (points, 1/72 inch, origin at the page's bottom-left corner,
 * y upwards, before the page's /Rotate), never in screen pixels, so the same annotation lands on
 * the same words at any zoom, on any screen, and in the exported PDF.
 *
 * Sizes are bounded so that one annotation stays a few tens of kilobytes and a push of many fits
 * the server's 1 MB body limit (see `MAX_ANNOTATION_JSON_CHARS`).
 */
import { z } from 'zod';
import { can } from './policy';
import { assertUnreachable } from '../errors';

/** PDF pages are at most 14,400 units on a side (PDF 1.7, annex C); allow negative origins. */
const COORD_LIMIT = 30_000;
const coordinate = z.number().finite().min(-COORD_LIMIT).max(COORD_LIMIT);

/** A point in PDF user space: [x, y]. */
export const pdfPointSchema = z.tuple([coordinate, coordinate]);
export type PdfPoint = z.infer<typeof pdfPointSchema>;

/** An axis-aligned box in PDF user space: (x, y) is its bottom-left corner. */
export const pdfRectSchema = z.strictObject({
  x: coordinate,
  y: coordinate,
  width: z.number().finite().min(0).max(COORD_LIMIT),
  height: z.number().finite().min(0).max(COORD_LIMIT),
});
export type PdfRect = z.infer<typeof pdfRectSchema>;

export const ANNOTATION_KINDS = ['ink', 'highlight', 'note'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** Strokes of one ink annotation, and their points altogether. */
export const MAX_INK_STROKES = 100;
export const MAX_INK_POINTS = 4_000;
/** Rectangles of one highlight (one per line of selected text). */
export const MAX_HIGHLIGHT_RECTS = 200;
export const MAX_NOTE_TEXT = 4_000;
export const MAX_HIGHLIGHT_TEXT = 4_000;
/** Text kept near an annotation to find its place again in a new version. */
export const MAX_ANCHOR_TEXT = 300;
/** The longest an annotation may be as JSON (the largest ink is about 70,000). */
export const MAX_ANNOTATION_JSON_CHARS = 100_000;

/** `#rrggbb`, lower case. */
export const annotationColorSchema = z.string().regex(/^#[0-9a-f]{6}$/);

/** The colours the tools offer (yellow highlighter, red and blue pens, green). */
export const ANNOTATION_COLORS = ['#f5c400', '#d62828', '#1d4ed8', '#15803d'] as const;

const strokeSchema = z.array(pdfPointSchema).min(1).max(MAX_INK_POINTS);

/**
 * Text on the page near the annotation, and where it stood: when the document gets a new version,
 * the annotation moves to where this text is found there (or is flagged when it is gone).
 */
export const annotationAnchorSchema = z.strictObject({
  /** NFC text as pdf.js reads it from the page, whitespace collapsed. */
  text: z.string().min(1).max(MAX_ANCHOR_TEXT),
  /** Where that text stood on the annotation's page. */
  box: pdfRectSchema,
});
export type AnnotationAnchor = z.infer<typeof annotationAnchorSchema>;

/** Free-hand strokes: each an array of points, drawn as a polyline `width` units wide. */
export const inkShapeSchema = z.strictObject({
  kind: z.literal('ink'),
  strokes: z
    .array(strokeSchema)
    .min(1)
    .max(MAX_INK_STROKES)
    .refine(
      (strokes) => strokes.reduce((n, s) => n + s.length, 0) <= MAX_INK_POINTS,
      `An ink annotation holds at most ${MAX_INK_POINTS} points`,
    ),
  width: z.number().finite().min(0.25).max(24),
});

/** Selected text marked with translucent colour: one rectangle per line, and the text itself. */
export const highlightShapeSchema = z.strictObject({
  kind: z.literal('highlight'),
  rects: z.array(pdfRectSchema).min(1).max(MAX_HIGHLIGHT_RECTS),
  text: z.string().max(MAX_HIGHLIGHT_TEXT),
});

/** A sticky note: an icon at `at` (its top-left corner) opening the text. */
export const noteShapeSchema = z.strictObject({
  kind: z.literal('note'),
  at: pdfPointSchema,
  text: z.string().trim().min(1).max(MAX_NOTE_TEXT),
});

export const annotationShapeSchema = z.discriminatedUnion('kind', [
  inkShapeSchema,
  highlightShapeSchema,
  noteShapeSchema,
]);
export type AnnotationShape = z.infer<typeof annotationShapeSchema>;
export type InkShape = z.infer<typeof inkShapeSchema>;
export type HighlightShape = z.infer<typeof highlightShapeSchema>;
export type NoteShape = z.infer<typeof noteShapeSchema>;

const id = z.string().min(1).max(64);

/** What a client sends to create an annotation; the server adds author, times and clock. */
export const newAnnotationSchema = z.strictObject({
  /** Chosen by the client (a UUID), so a retried push creates it once. */
  id: z.string().min(8).max(64),
  meetingId: id,
  documentId: id,
  /** The document version it was drawn on. */
  version: z.number().int().positive(),
  /** 1-based page number in that version. */
  page: z.number().int().positive().max(100_000),
  color: annotationColorSchema,
  /** Visible to every participant of the meeting (only the secretary or the chair may share). */
  shared: z.boolean(),
  anchor: annotationAnchorSchema.nullable(),
  shape: annotationShapeSchema,
});
export type NewAnnotation = z.infer<typeof newAnnotationSchema>;

export const annotationSchema = newAnnotationSchema.extend({
  author: z.object({ id: z.string(), name: z.string() }),
  /** ISO 8601. */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Deleted by its author: kept as a tombstone so that every replica drops it. */
  deleted: z.boolean(),
  /** Server clock of the last change; 0 while only this client knows it. */
  clock: z.number().int().nonnegative(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export function mayShareAnnotations(meetingRole: string | null | undefined): boolean {
  return can(meetingRole, 'annotations.share');
}

/** The smallest box holding the annotation's marks (ink strokes, highlight rects, note icon). */
export function annotationBounds(shape: AnnotationShape): PdfRect {
  switch (shape.kind) {
    case 'ink': {
      const points = shape.strokes.flat();
      return boundsOfPoints(points, shape.width / 2);
    }
    case 'highlight':
      return unionOfRects(shape.rects);
    case 'note':
      return {
        x: shape.at[0],
        y: shape.at[1] - NOTE_ICON_SIZE,
        width: NOTE_ICON_SIZE,
        height: NOTE_ICON_SIZE,
      };
    default:
      return assertUnreachable(shape);
  }
}

/** The note icon's side in PDF units (about 7 mm). */
export const NOTE_ICON_SIZE = 20;

export function boundsOfPoints(points: readonly PdfPoint[], margin = 0): PdfRect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 0, height: 0 };
  return {
    x: minX - margin,
    y: minY - margin,
    width: maxX - minX + 2 * margin,
    height: maxY - minY + 2 * margin,
  };
}

export function unionOfRects(rects: readonly PdfRect[]): PdfRect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const maxX = Math.max(...rects.map((r) => r.x + r.width));
  const maxY = Math.max(...rects.map((r) => r.y + r.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The shape moved by (dx, dy) in PDF user space. */
export function translateShape(shape: AnnotationShape, dx: number, dy: number): AnnotationShape {
  if (dx === 0 && dy === 0) return shape;
  switch (shape.kind) {
    case 'ink':
      return {
        ...shape,
        strokes: shape.strokes.map((stroke) =>
          stroke.map(([x, y]) => [x + dx, y + dy] as PdfPoint),
        ),
      };
    case 'highlight':
      return { ...shape, rects: shape.rects.map((r) => ({ ...r, x: r.x + dx, y: r.y + dy })) };
    case 'note':
      return { ...shape, at: [shape.at[0] + dx, shape.at[1] + dy] };
    default:
      return assertUnreachable(shape);
  }
}

/** Coordinates rounded to 1/100 unit: plenty for a pen, and a third of the JSON. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100;
}
