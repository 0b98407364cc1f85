import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../common/domain/annotation';
import {
  clientToPdf,
  farEnough,
  pdfRectToView,
  selectionRectsToPdf,
  strokePath,
} from '../../../../renderer/features/documents/annotations/annotationGeometry';
import {
  resolveAnnotations,
  computePlacements,
} from '../../../../renderer/features/documents/annotations/placements';
import type { PageGeometry } from '../../../../renderer/features/documents/PdfViewerController';

/** An A4 page without rotation, as pdf.js's viewport at scale 1 converts it. */
const a4: PageGeometry = {
  width: 595,
  height: 842,
  toView: (x, y) => [x, 842 - y],
  toPdf: (x, y) => [x, 842 - y],
};
/** The same page rotated 90° (landscape on screen). */
const rotated: PageGeometry = {
  width: 842,
  height: 595,
  toView: (x, y) => [y, x],
  toPdf: (x, y) => [y, x],
};

describe('annotation geometry between the screen and PDF user space', () => {
  it('a click is the same PDF point at any zoom: its fraction of the page box', () => {
    const at100 = clientToPdf(
      100 + 297.5,
      50 + 421,
      { left: 100, top: 50, width: 595, height: 842 },
      a4,
    );
    const at200 = clientToPdf(
      100 + 595,
      50 + 842,
      { left: 100, top: 50, width: 1190, height: 1684 },
      a4,
    );
    expect(at100).toEqual([297.5, 421]);
    expect(at200).toEqual(at100);
    expect(clientToPdf(0, 0, { left: 0, top: 0, width: 842, height: 595 }, rotated)).toEqual([
      0, 0,
    ]);
  });

  it('selection rectangles on one line merge into one highlight rectangle; empty ones are dropped', () => {
    const box = { left: 0, top: 0, width: 595, height: 842 };
    const rects = selectionRectsToPdf(
      [
        { left: 72, top: 100, width: 80, height: 12 },
        { left: 150, top: 101, width: 60, height: 11 },
        { left: 72, top: 114, width: 0, height: 12 },
        { left: 72, top: 120, width: 100, height: 12 },
      ],
      box,
      a4,
    );
    expect(rects).toEqual([
      { x: 72, y: 842 - 112, width: 138, height: 12 },
      { x: 72, y: 842 - 132, width: 100, height: 12 },
    ]);
    expect(pdfRectToView(rects[0]!, a4)).toEqual({ x: 72, y: 100, width: 138, height: 12 });
  });

  it('strokes become SVG paths in view units; a dot is a zero-length segment', () => {
    expect(
      strokePath(
        [
          [10, 842],
          [20, 832],
        ],
        a4,
      ),
    ).toBe('M10.00 0.00 L20.00 10.00');
    expect(strokePath([[10, 842]], a4)).toBe('M10.00 0.00 L10.00 0.00');
    expect(farEnough([0, 0], [0.5, 0])).toBe(false);
    expect(farEnough([0, 0], [1, 0])).toBe(true);
  });
});

describe('placements in the version read', () => {
  const base: Annotation = {
    id: 'a1',
    meetingId: 'm',
    documentId: 'd',
    version: 2,
    page: 1,
    color: '#d62828',
    shared: true,
    anchor: {
      text: 'Gói thầu số 2 chậm tiến độ 45 ngày',
      box: { x: 72, y: 660, width: 170, height: 10 },
    },
    shape: {
      kind: 'ink',
      strokes: [
        [
          [80, 650],
          [200, 650],
        ],
      ],
      width: 2,
    },
    author: { id: 'thuky', name: 'Vũ Thị Thu Hằng' },
    createdAt: '2022-09-26T01:00:00.000Z',
    updatedAt: '2022-09-26T01:00:00.000Z',
    deleted: false,
    clock: 3,
  };

  it('this version’s annotations stay; others move with their text or are flagged lost', async () => {
    const older = { ...base, id: 'a2', version: 1 };
    const gone = {
      ...base,
      id: 'a3',
      version: 1,
      anchor: { ...base.anchor!, text: 'Đoạn văn đã bị xóa khỏi tờ trình' },
    };
    const scan = { ...base, id: 'a4', version: 1, anchor: null };
    const pages: Record<
      number,
      { text: string; box: { x: number; y: number; width: number; height: number } }[]
    > = {
      1: [{ text: 'Mở đầu', box: { x: 72, y: 700, width: 40, height: 10 } }],
      2: [
        {
          text: 'Gói thầu số 2 chậm tiến độ 45 ngày',
          box: { x: 72, y: 560, width: 170, height: 10 },
        },
      ],
    };
    const read: number[] = [];
    const placements = await computePlacements([base, older, gone, scan], 2, 2, async (page) => {
      read.push(page);
      return pages[page] ?? [];
    });
    expect(placements.get('a1')).toBeUndefined();
    expect(placements.get('a2')).toEqual({ page: 2, dx: 0, dy: -100, exact: true });
    expect(placements.get('a3')).toBeNull();
    expect(placements.get('a4')).toBeNull();

    const resolved = resolveAnnotations([base, older, gone, scan], 2, placements);
    expect(resolved.map((r) => [r.stored.id, r.status])).toEqual([
      ['a1', 'same'],
      ['a2', 'moved'],
      ['a3', 'lost'],
      ['a4', 'lost'],
    ]);
    expect(resolved[1]!.annotation).toMatchObject({
      page: 2,
      shape: {
        strokes: [
          [
            [80, 550],
            [200, 550],
          ],
        ],
      },
    });
    // Not yet computed: left out until it is.
    expect(resolveAnnotations([older], 2, new Map())).toEqual([]);
  });
});
