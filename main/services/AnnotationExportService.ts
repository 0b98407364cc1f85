/**
 * "Xuất PDF kèm ghi chú": a copy of a document version with the user's annotations drawn into
 * its pages with pdf-lib (issue #4), readable in any PDF reader and printable: ink as stroked
 * paths, highlights as translucent rectangles under a multiply blend (the text stays legible and
 * extractable), notes as an icon with their text in a box beside it, each also a PDF Text
 * annotation, so a reader that lists comments (Acrobat, Foxit, Okular) lists the notes.
 *
 * Coordinates are PDF user space already; the page's original content is wrapped in q … Q first,
 * so a content stream that leaves its graphics state changed cannot shift what is drawn after it.
 */
import { fileURLToPath } from 'node:url';
import {
  BlendMode,
  LineCapStyle,
  LineJoinStyle,
  PDFDocument,
  PDFHexString,
  PDFString,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import { AppError, assertUnreachable } from '../../common/errors';
import { NOTE_ICON_SIZE, type Annotation } from '../../common/domain/annotation';
import { placeAnnotation, type Placement } from '../../common/annotations/anchoring';
import { cachingFontkit } from '../../common/pdf/fontkit';
import type { AnnotationsService } from './AnnotationsService';
import type { DocumentCacheService } from './DocumentCacheService';
import { loadFontBytes, wrapText } from './TaskExportService';

/** Where each annotation goes in the exported version: as stored, moved, or nowhere (lost). */
export interface ExportPlacement extends Placement {
  id: string;
}

const NOTE_FONT_SIZE = 9;
const NOTE_BOX_WIDTH = 180;
const NOTE_PADDING = 4;
const HIGHLIGHT_OPACITY = 0.35;

function colorOf(hex: string): RGB {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * Draws `annotations` (already placed on this document's pages) into a copy of `pdf`. Annotations
 * on a page the document does not have are skipped. Returns the new file's bytes.
 */
export async function drawAnnotationsIntoPdf(
  pdf: Uint8Array,
  annotations: readonly Annotation[],
  fontBytes: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const pages = doc.getPages();
  let font: PDFFont | undefined;
  const wrapped = new Set<PDFPage>();
  for (const annotation of annotations) {
    const page = pages[annotation.page - 1];
    if (!page) continue;
    if (!wrapped.has(page)) {
      isolateOriginalContent(doc, page);
      wrapped.add(page);
    }
    const color = colorOf(annotation.color);
    const shape = annotation.shape;
    switch (shape.kind) {
      case 'ink':
        page.pushOperators(
          pushGraphicsState(),
          setStrokingRgbColor(color.red, color.green, color.blue),
          setLineWidth(shape.width),
          setLineCap(LineCapStyle.Round),
          setLineJoin(LineJoinStyle.Round),
        );
        for (const points of shape.strokes) {
          const [first, ...rest] = points;
          if (!first) continue;
          // A single point (a dot) is a zero-length segment, which round caps draw as a dot.
          const tail = rest.length > 0 ? rest : [first];
          page.pushOperators(
            moveTo(first[0], first[1]),
            ...tail.map(([x, y]) => lineTo(x, y)),
            stroke(),
          );
        }
        page.pushOperators(popGraphicsState());
        break;
      case 'highlight':
        for (const r of shape.rects)
          page.drawRectangle({
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
            color,
            opacity: HIGHLIGHT_OPACITY,
            blendMode: BlendMode.Multiply,
          });
        break;
      case 'note':
        font ??= await doc.embedFont(fontBytes, { subset: true });
        drawNote(doc, page, annotation, shape, color, font);
        break;
      default:
        assertUnreachable(shape);
    }
  }
  // pdf-lib's typings say Uint8Array<ArrayBufferLike>; its bytes are always an ArrayBuffer's.
  return (await doc.save()) as Uint8Array<ArrayBuffer>;
}

/** Wraps the page's existing content streams in q … Q, before anything is drawn after them. */
function isolateOriginalContent(doc: PDFDocument, page: PDFPage): void {
  page.node.normalize();
  const start = doc.context.register(doc.context.contentStream([pushGraphicsState()]));
  const end = doc.context.register(doc.context.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
}

function drawNote(
  doc: PDFDocument,
  page: PDFPage,
  annotation: Annotation,
  shape: { at: [number, number]; text: string },
  color: RGB,
  font: PDFFont,
): void {
  const [x, top] = shape.at;
  const size = NOTE_ICON_SIZE;
  // The icon: a coloured square with a folded corner and three lines of "writing".
  page.drawRectangle({
    x,
    y: top - size,
    width: size,
    height: size,
    color,
    borderColor: rgb(0.2, 0.2, 0.2),
    borderWidth: 0.75,
  });
  for (let i = 1; i <= 3; i++)
    page.drawLine({
      start: { x: x + 4, y: top - (size * i) / 4 },
      end: { x: x + size - 4, y: top - (size * i) / 4 },
      thickness: 1,
      color: rgb(0.15, 0.15, 0.15),
    });
  // The text beside the icon, wrapped, in a pale box; on the icon's left near the right edge.
  const text = shape.text.normalize('NFC');
  const lines = wrapText(text, NOTE_BOX_WIDTH - 2 * NOTE_PADDING, (s) =>
    font.widthOfTextAtSize(s, NOTE_FONT_SIZE),
  );
  const lineHeight = NOTE_FONT_SIZE * 1.3;
  const boxHeight = lines.length * lineHeight + 2 * NOTE_PADDING;
  const { width: pageWidth } = page.getSize();
  const mediaBox = page.getMediaBox();
  const rightEdge = mediaBox.x + pageWidth;
  const boxX =
    x + size + 4 + NOTE_BOX_WIDTH <= rightEdge
      ? x + size + 4
      : Math.max(mediaBox.x, x - 4 - NOTE_BOX_WIDTH);
  page.drawRectangle({
    x: boxX,
    y: top - boxHeight,
    width: NOTE_BOX_WIDTH,
    height: boxHeight,
    color: rgb(1, 0.98, 0.82),
    opacity: 0.92,
    borderColor: color,
    borderWidth: 0.75,
  });
  lines.forEach((line, i) =>
    page.drawText(line, {
      x: boxX + NOTE_PADDING,
      y: top - NOTE_PADDING - (i + 1) * lineHeight + NOTE_FONT_SIZE * 0.3,
      size: NOTE_FONT_SIZE,
      font,
      color: rgb(0.1, 0.1, 0.1),
    }),
  );
  // The same note as a PDF comment (a Text annotation) over the icon.
  const comment = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [x, top - size, x + size, top],
    Contents: PDFHexString.fromText(text),
    T: PDFHexString.fromText(annotation.author.name.normalize('NFC')),
    M: PDFString.fromDate(new Date(annotation.updatedAt)),
    NM: PDFHexString.fromText(annotation.id),
    C: [color.red, color.green, color.blue],
    Name: 'Comment',
    F: 4,
    Open: false,
  });
  page.node.addAnnot(doc.context.register(comment));
}

/** The exported file's name: the document's title and "kèm ghi chú", as an ASCII slug. */
export function annotatedFileName(title: string, version: number): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'tai-lieu'}-v${version}-kem-ghi-chu.pdf`;
}

export class AnnotationExportService {
  readonly #documents: DocumentCacheService;
  readonly #annotations: AnnotationsService;
  readonly #fontsDir: string;

  constructor(
    documents: DocumentCacheService,
    annotations: AnnotationsService,
    options: { fontsDir?: string } = {},
  ) {
    this.#documents = documents;
    this.#annotations = annotations;
    this.#fontsDir =
      options.fontsDir ?? fileURLToPath(new URL('../../resources/fonts', import.meta.url));
  }

  /**
   * The version's PDF with the user's annotations (and, with `includeShared`, those shared with
   * everyone) drawn in. Annotations made on this version go where they are; those made on
   * another version go where the viewer re-anchored them (`placements`), and are left out when
   * it could not.
   */
  async export(request: {
    meetingId: string;
    documentId: string;
    version: number;
    title: string;
    includeShared: boolean;
    placements: readonly ExportPlacement[];
  }): Promise<{
    fileName: string;
    mimeType: string;
    bytes: Uint8Array<ArrayBuffer>;
    count: number;
  }> {
    const { meetingId, documentId, version } = request;
    const annotations = request.includeShared
      ? this.#annotations.visible(meetingId, documentId)
      : this.#annotations.own(meetingId, documentId);
    const placements = new Map(request.placements.map((p) => [p.id, p]));
    const placed: Annotation[] = [];
    for (const annotation of annotations) {
      if (annotation.version === version) placed.push(annotation);
      else {
        const placement = placements.get(annotation.id);
        if (placement) placed.push(placeAnnotation(annotation, placement));
      }
    }
    const { bytes } = await this.#documents.read(meetingId, documentId, version);
    let fonts: { regular: Uint8Array };
    try {
      fonts = await loadFontBytes(this.#fontsDir);
    } catch (error) {
      throw new AppError('internal', `The fonts for the export are missing: ${String(error)}`);
    }
    return {
      fileName: annotatedFileName(request.title, version),
      mimeType: 'application/pdf',
      bytes: await drawAnnotationsIntoPdf(bytes, placed, fonts.regular),
      count: placed.length,
    };
  }
}
