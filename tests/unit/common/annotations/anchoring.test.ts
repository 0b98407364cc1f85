/**
 * Re-anchoring annotations into a new version of a document: matching of anchor texts (unit),
 * and end to end over two real PDF versions whose text pdf.js reads (the second one has a
 * paragraph inserted above, so everything moves down and some of it to the next page, and a
 * sentence removed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  anchorFor,
  compactText,
  locateText,
  placeAnnotation,
  reanchor,
  textBoxOfItem,
  type PageText,
  type TextBox,
} from '../../../../common/annotations/anchoring';
import type { Annotation } from '../../../../common/domain/annotation';
import { cachingFontkit } from '../../../../common/pdf/fontkit';

const line = (text: string, x: number, y: number, width = text.length * 5): TextBox => ({
  text,
  box: { x, y, width, height: 10 },
});

describe('anchorFor()', () => {
  it('takes the text run nearest to the marks and widens it until it is distinctive', () => {
    const items = [
      line('I. Tình hình thực hiện', 72, 700),
      line('Các gói thầu số 1, 2 và 3 đã ký hợp đồng', 72, 680),
      line('Gói thầu số 2 chậm tiến độ 45 ngày', 72, 660),
    ];
    const anchor = anchorFor(items, { x: 80, y: 655, width: 100, height: 20 });
    expect(anchor?.text).toBe('Gói thầu số 2 chậm tiến độ 45 ngày');
    expect(anchor?.box).toMatchObject({ x: 72, y: 660 });

    const short = anchorFor(
      [line('Mục', 72, 700), line('2', 100, 700), line('Nội dung chính của tờ trình', 72, 680)],
      {
        x: 72,
        y: 700,
        width: 10,
        height: 10,
      },
    );
    expect(compactText(short!.text).length).toBeGreaterThanOrEqual(24);
    expect(short!.text).toContain('Mục');
  });

  it('anchors a highlight to the very text it covers, located near its rectangles', () => {
    const items = [
      line('gia hạn hợp đồng', 72, 700, 80),
      line('Đề nghị gia hạn hợp đồng các gói thầu thêm 90 ngày', 72, 600, 250),
    ];
    const anchor = anchorFor(
      items,
      { x: 100, y: 600, width: 120, height: 10 },
      'gia hạn hợp đồng các gói thầu',
    );
    expect(anchor?.text).toBe('gia hạn hợp đồng các gói thầu');
    // Inside the second line, not the first occurrence of "gia hạn hợp đồng" higher up.
    expect(anchor!.box.y).toBe(600);
    expect(anchor!.box.x).toBeGreaterThan(72);
  });

  it('returns null on a page without text (a scan)', () => {
    expect(anchorFor([], { x: 0, y: 0, width: 10, height: 10 })).toBeNull();
  });
});

describe('reanchor()', () => {
  const anchor = {
    text: 'Gói thầu số 2 chậm tiến độ 45 ngày',
    box: { x: 72, y: 660, width: 170, height: 10 },
  };

  it('moves with its text on the same page, ignoring how pdf.js split the runs', () => {
    const pages: PageText[] = [
      {
        page: 1,
        items: [line('Gói thầu số 2', 72, 600, 65), line('chậm tiến độ 45 ngày', 140, 600, 100)],
      },
    ];
    expect(reanchor(anchor, 1, pages)).toEqual({ page: 1, dx: 0, dy: -60, exact: true });
  });

  it('follows its text to the next page, and prefers the occurrence nearest its old place', () => {
    const pages: PageText[] = [
      { page: 1, items: [line('Nội dung khác', 72, 660)] },
      {
        page: 2,
        items: [line(anchor.text, 72, 300, 170), line(anchor.text, 72, 720, 170)],
      },
    ];
    expect(reanchor(anchor, 1, pages)).toEqual({ page: 2, dx: 0, dy: 60, exact: true });
  });

  it('compares diacritics exactly: "hàn" is not "hạn"', () => {
    const pages: PageText[] = [
      {
        page: 1,
        items: [line('Gói thầu số 2 chậm tiến độ 45 ngày'.replace('chậm', 'chầm'), 72, 660, 170)],
      },
    ];
    // The first half ("Góithầusố2chậ…") differs too, so nothing is found.
    const found = reanchor({ ...anchor, text: 'Gói thầu số 2 chậm' }, 1, pages);
    expect(found).toBeNull();
  });

  it('finds half of its text when a word inside it was changed, and says the match is partial', () => {
    const pages: PageText[] = [
      { page: 1, items: [line('Gói thầu số 2 chậm tiến độ 60 ngày', 72, 500, 170)] },
    ];
    expect(reanchor(anchor, 1, pages)).toMatchObject({ page: 1, dx: 0, dy: -160, exact: false });
  });

  it('is null when the text is gone', () => {
    expect(reanchor(anchor, 1, [{ page: 1, items: [line('Kết luận', 72, 660)] }])).toBeNull();
  });
});

describe('locateText()', () => {
  it('gives the part of a run the text covers, characters taken as equally wide', () => {
    const found = locateText([line('abcdefghij', 100, 500, 100)], 'cde', {
      x: 0,
      y: 0,
      width: 0,
      height: 0,
    });
    expect(found?.box).toMatchObject({ x: 120, width: 30, y: 500 });
  });
});

// ---------------------------------------------------------------------------------------------
// Two real versions of a document

const fontBytes = fs.readFileSync(path.resolve('resources/fonts/NotoSerif-Regular.ttf'));

const PARAGRAPHS = [
  'Căn cứ Quyết định số 3639/QĐ-UBND ngày 04/12/2020 của UBND tỉnh phê duyệt Đề án.',
  'Sở Thông tin và Truyền thông đã tổ chức lựa chọn nhà thầu cho 3 dự án thành phần.',
  'Gói thầu số 2 của dự án Trung tâm điều hành thông minh chậm tiến độ 45 ngày.',
  'Đề nghị UBND tỉnh cho phép gia hạn hợp đồng các gói thầu thêm 90 ngày.',
  'Sở Tài chính cân đối, bố trí kinh phí cho các nhiệm vụ ứng dụng CNTT năm 2022.',
];

/** A one-line-per-paragraph A5-ish document, 4 lines per page. */
async function versionPdf(paragraphs: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit);
  const font = await doc.embedFont(fontBytes, { subset: true });
  for (let i = 0; i < paragraphs.length; i += 4) {
    const page = doc.addPage([500, 300]);
    paragraphs
      .slice(i, i + 4)
      .forEach((text, k) =>
        page.drawText(text, { x: 20, y: 250 - k * 50, size: 10, font, color: rgb(0, 0, 0) }),
      );
  }
  return doc.save();
}

async function pageTexts(bytes: Uint8Array): Promise<PageText[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 })
    .promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const items: TextBox[] = [];
    for (const item of content.items)
      if ('str' in item && item.str) items.push(textBoxOfItem(item));
    pages.push({ page: n, items });
  }
  await doc.destroy();
  return pages;
}

describe('re-anchoring across two real versions', () => {
  it('a note beside a paragraph moves down and onto the next page with it; one on a removed sentence is flagged', async () => {
    const v1 = await pageTexts(await versionPdf(PARAGRAPHS));
    // Two paragraphs inserted at the top push the rest down: paragraph 3 onto page 2.
    const v2 = await pageTexts(
      await versionPdf([
        'Tờ trình này thay thế Tờ trình ngày 20/9/2022 (bổ sung căn cứ).',
        'Căn cứ Nghị quyết của HĐND tỉnh về kế hoạch đầu tư công năm 2022.',
        PARAGRAPHS[0]!,
        PARAGRAPHS[1]!,
        PARAGRAPHS[2]!,
        PARAGRAPHS[4]!,
      ]),
    );
    // On v1 page 1: a note at the right of paragraph 3 (y = 150) and a stroke under paragraph 4.
    const noteBounds = { x: 430, y: 140, width: 20, height: 20 };
    const noteAnchor = anchorFor(v1[0]!.items, noteBounds)!;
    expect(noteAnchor.text).toContain('Gói thầu số 2');
    const note: Annotation = {
      id: 'note-0001',
      meetingId: 'm',
      documentId: 'd',
      version: 1,
      page: 1,
      color: '#f5c400',
      shared: false,
      anchor: noteAnchor,
      shape: { kind: 'note', at: [430, 160], text: 'Hỏi Sở TT&TT lý do chậm' },
      author: { id: 'thuky', name: 'Vũ Thị Thu Hằng' },
      createdAt: '2022-09-26T01:00:00.000Z',
      updatedAt: '2022-09-26T01:00:00.000Z',
      deleted: false,
      clock: 1,
    };
    // Paragraph 3 is now the first line of page 2 (y = 250): the note goes there, 100 higher.
    const moved = reanchor(noteAnchor, 1, v2)!;
    expect(moved).toMatchObject({ page: 2, exact: true });
    expect(moved.dx).toBeCloseTo(0, 0);
    expect(moved.dy).toBeCloseTo(100, 0);
    expect(placeAnnotation(note, moved)).toMatchObject({
      page: 2,
      shape: { at: [430, expect.closeTo(260, 0)] },
    });

    // Paragraph 2 (line 2 of page 1 in v1, y = 200) is line 4 in v2 (y = 100).
    const secondAnchor = anchorFor(v1[0]!.items, { x: 50, y: 190, width: 200, height: 5 })!;
    expect(reanchor(secondAnchor, 1, v2)).toMatchObject({ page: 1, dy: expect.closeTo(-100, 0) });

    // Paragraph 4 (page 1, y = 100 in v1) was removed: its annotation is flagged.
    const removedAnchor = anchorFor(v1[0]!.items, { x: 40, y: 95, width: 300, height: 10 })!;
    expect(removedAnchor.text).toContain('gia hạn hợp đồng');
    expect(reanchor(removedAnchor, 1, v2)).toBeNull();
  });
});
