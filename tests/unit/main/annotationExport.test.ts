/**
 * "Xuất PDF kèm ghi chú": the user's annotations drawn into a copy of the document with pdf-lib.
 * Read back with pdf.js (the drawing operators, the note as a PDF comment) and with poppler's
 * pdftotext (the page's own text is still there, and the note's Vietnamese text is real text).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  PDFDocument,
  PDFName,
  PDFArray,
  PDFRawStream,
  concatTransformationMatrix,
  decodePDFRawStream,
  rgb,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationShape } from '../../../common/domain/annotation';
import { cachingFontkit } from '../../../common/pdf/fontkit';
import {
  annotatedFileName,
  drawAnnotationsIntoPdf,
} from '../../../main/services/AnnotationExportService';
import { tempDir } from '../../helpers/testServer';

const fonts = path.resolve('resources/fonts');
const serif = fs.readFileSync(path.join(fonts, 'NotoSerif-Regular.ttf'));
const sans = fs.readFileSync(path.join(fonts, 'NotoSans-Regular.ttf'));
const BODY = 'Đề nghị UBND tỉnh cho phép gia hạn hợp đồng các gói thầu thêm 90 ngày.';
const NOTE = 'Hỏi Sở Tài chính: nguồn kinh phí gia hạn lấy từ đâu?';

/** Two A4 pages of Vietnamese text; the first leaves its graphics state translated (no q/Q). */
async function sourcePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit);
  const font = await doc.embedFont(serif, { subset: true });
  for (let n = 1; n <= 2; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Trang ${n}. ${BODY}`, { x: 60, y: 700, size: 11, font, color: rgb(0, 0, 0) });
    // As some producers do: a transformation left in force at the end of the content.
    if (n === 1) page.pushOperators(concatTransformationMatrix(1, 0, 0, 1, 200, 200));
  }
  return doc.save();
}

function annotation(id: string, shape: AnnotationShape, page = 1): Annotation {
  return {
    id,
    meetingId: 'hd-bcd-cds-2022-09-27',
    documentId: 'doc',
    version: 1,
    page,
    color: shape.kind === 'highlight' ? '#f5c400' : '#d62828',
    shared: false,
    anchor: null,
    shape,
    author: { id: 'thuky', name: 'Vũ Thị Thu Hằng' },
    createdAt: '2022-09-26T01:00:00.000Z',
    updatedAt: '2022-09-26T01:00:00.000Z',
    deleted: false,
    clock: 1,
  };
}

async function operators(bytes: Uint8Array, page: number) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const proxy = await doc.getPage(page);
  const list = await proxy.getOperatorList();
  const names = new Map(Object.entries(pdfjs.OPS).map(([name, code]) => [code, name]));
  const ops = list.fnArray.map((code, i) => ({ op: names.get(code), args: list.argsArray[i] }));
  const annotations = await proxy.getAnnotations();
  await doc.destroy();
  return { ops, annotations };
}

describe('drawAnnotationsIntoPdf()', () => {
  it('draws ink, a highlight and a note; pdf.js sees the strokes and the comment, pdftotext the text', async () => {
    const source = await sourcePdf();
    const out = await drawAnnotationsIntoPdf(
      source,
      [
        annotation('ink-1', {
          kind: 'ink',
          strokes: [
            [
              [100, 600],
              [150, 620],
              [200, 600],
            ],
            [[300, 500]],
          ],
          width: 2,
        }),
        annotation('hl-1', {
          kind: 'highlight',
          rects: [{ x: 58, y: 697, width: 300, height: 14 }],
          text: 'gia hạn hợp đồng',
        }),
        annotation('note-1', { kind: 'note', at: [480, 760], text: NOTE }),
        // A page the document does not have: skipped, not an error.
        annotation('ink-far', { kind: 'ink', strokes: [[[1, 1]]], width: 1 }, 9),
      ],
      sans,
    );

    const page1 = await operators(out, 1);
    const strokeColours = page1.ops.filter((o) => o.op === 'setStrokeRGBColor');
    expect(strokeColours.map((o) => o.args)).toContainEqual(['#d62828']);
    expect(page1.ops.filter((o) => o.op === 'constructPath').length).toBeGreaterThanOrEqual(3);
    expect(page1.ops.some((o) => o.op === 'setGState')).toBe(true); // the highlight's opacity
    expect(page1.annotations).toHaveLength(1);
    expect(page1.annotations[0]).toMatchObject({
      subtype: 'Text',
      titleObj: { str: 'Vũ Thị Thu Hằng' },
      contentsObj: { str: NOTE },
    });
    // Over the icon's top-left corner (pdf.js widens a Text annotation to its own icon size).
    expect(page1.annotations[0]!.rect.slice(0, 1).concat(page1.annotations[0]!.rect[3])).toEqual([
      480, 760,
    ]);
    // Page 2 has no annotations: untouched.
    const page2 = await operators(out, 2);
    expect(page2.ops.some((o) => o.op === 'setStrokeRGBColor')).toBe(false);
    expect(page2.annotations).toHaveLength(0);

    const dir = tempDir('annotated');
    const file = path.join(dir, 'annotated.pdf');
    fs.writeFileSync(file, out);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text.normalize('NFC')).toContain(`Trang 1. ${BODY}`);
    expect(text.normalize('NFC')).toContain('Trang 2.');
    expect(text.normalize('NFC').replace(/\s+/g, ' ')).toContain(NOTE);
  });

  it('wraps the page’s own content in q … Q so what it leaves changed cannot move the drawing', async () => {
    const out = await drawAnnotationsIntoPdf(
      await sourcePdf(),
      [
        annotation('ink-1', {
          kind: 'ink',
          strokes: [
            [
              [10, 10],
              [20, 20],
            ],
          ],
          width: 1,
        }),
      ],
      sans,
    );
    const doc = await PDFDocument.load(out);
    const contents = doc.getPages()[0]!.node.lookup(PDFName.of('Contents'), PDFArray);
    const streams = contents.asArray().map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error('not a raw stream');
      return new TextDecoder().decode(decodePDFRawStream(stream).decode()).trim();
    });
    expect(streams[0]).toBe('q');
    // The original content, then Q, then the annotations.
    const close = streams.indexOf('Q');
    expect(close).toBeGreaterThan(1);
    expect(streams.slice(close + 1).join('\n')).toMatch(/0\.8392\d* 0\.1568\d* 0\.1568\d* RG/);
  });

  it('names the file after the document, its version and "kèm ghi chú"', () => {
    expect(annotatedFileName('Tờ trình đề nghị gia hạn Hợp đồng các gói thầu', 2)).toBe(
      'to-trinh-de-nghi-gia-han-hop-dong-cac-goi-thau-v2-kem-ghi-chu.pdf',
    );
  });
});
