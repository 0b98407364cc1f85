/**
 * Annotations follow their text into a new version of a document (issue #4), in Chromium: the
 * secretary highlights two passages of version 1; version 2 moves the first to page 2 (lower on
 * the page) and drops the second. Reading version 2, the first highlight is drawn on page 2 over
 * its passage, and the second is listed as "Không tìm thấy vị trí trong phiên bản mới" and drawn
 * nowhere. Both PDFs are made here with pdf-lib.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openReader, selectTextInLayer, submitLogin } from './helpers';

// The upcoming meeting; agendaManage.spec.ts uploads to its item 1, this spec to item 3.
const MEETING = 'hd-ubnd-upcoming';
const ITEM_3 = 'Kết luận của đồng chí chủ trì hội nghị';
const TITLE = 'Dự thảo Kết luận hội nghị cải cách hành chính';
// ASCII (pdf-lib's standard fonts): anchoring itself compares Vietnamese text exactly, which
// the unit tests of common/annotations/anchoring.ts cover.
const MOVED = 'Kinh phi trien khai nen tang chia se du lieu tinh';
const REMOVED = 'De xuat bo sung bien che cho Trung tam CNTT';

type Line = { text: string; x: number; y: number };

async function makePdf(pages: Line[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    for (const { text, x, y } of lines) page.drawText(text, { x, y, size: 16, font });
  }
  return Buffer.from(await doc.save());
}

const VERSION_1 = () =>
  makePdf([
    [
      { text: 'KET LUAN CUA CHU TRI HOI NGHI (du thao lan 1)', x: 60, y: 780 },
      { text: MOVED, x: 60, y: 720 },
      { text: REMOVED, x: 60, y: 680 },
    ],
    [{ text: 'Phu luc: danh sach cac don vi tham du', x: 60, y: 780 }],
  ]);

const VERSION_2 = () =>
  makePdf([
    [
      { text: 'KET LUAN CUA CHU TRI HOI NGHI (du thao lan 2)', x: 60, y: 780 },
      { text: 'Cac y kien gop y da duoc tiep thu day du', x: 60, y: 720 },
    ],
    [
      { text: 'Phu luc: danh sach cac don vi tham du', x: 60, y: 780 },
      { text: MOVED, x: 110, y: 430 },
    ],
  ]);

const agendaOf = (page: Page) => page.getByRole('region', { name: 'Chương trình họp và tài liệu' });

/** Sends a PDF through the open upload dialog and closes it once the server accepted it. */
async function submitUpload(dialog: Locator, fileName: string, bytes: Buffer, done: string) {
  await dialog
    .getByLabel('Tệp PDF')
    .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: bytes });
  await dialog.getByRole('button', { name: 'Tải lên', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(done, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Highlights `text` on page 1 with "Tô sáng"; returns the new highlight's id. */
async function highlight(reader: Locator, text: string): Promise<string> {
  await selectTextInLayer(reader.locator('.page[data-page-number="1"] .textLayer'), text);
  await reader
    .getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' })
    .getByRole('button', { name: 'Tô sáng' })
    .click();
  const mark = reader.locator(
    `.page[data-page-number="1"] svg[data-annotation-layer] g[data-annotation-kind="highlight"][aria-label$="${text}"]`,
  );
  await expect(mark).toHaveCount(1);
  return (await mark.getAttribute('data-annotation-id'))!;
}

test('a highlight follows its text to page 2 of the new version; one whose text was removed is flagged', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await submitLogin(page, 'thuky');
  await page.getByTestId(`meeting-card-${MEETING}`).click();
  const agenda = agendaOf(page);

  await agenda.getByRole('button', { name: `Tải lên tài liệu cho nội dung 3: ${ITEM_3}` }).click();
  const newDocument = page.getByRole('dialog', { name: 'Tải lên tài liệu mới' });
  await newDocument
    .getByLabel('Tệp PDF')
    .setInputFiles({ name: 'du-thao.pdf', mimeType: 'application/pdf', buffer: await VERSION_1() });
  await newDocument.getByLabel('Tiêu đề tài liệu').fill(TITLE);
  await newDocument.getByRole('button', { name: 'Tải lên', exact: true }).click();
  await expect(newDocument.getByRole('status')).toHaveText(`Đã tải lên “${TITLE}”.`, {
    timeout: 30_000,
  });
  await newDocument.getByRole('button', { name: 'Đóng', exact: true }).click();

  // Version 1: both passages highlighted on page 1.
  let reader = await openReader(page, TITLE);
  const moved = await highlight(reader, MOVED);
  const removed = await highlight(reader, REMOVED);
  await expect(reader.getByTestId('annotation-sync-status')).toHaveAttribute(
    'data-status',
    'synced',
  );
  await page.getByRole('button', { name: 'Đóng tài liệu' }).click();
  await expect(reader).toBeHidden();

  await agenda.getByRole('button', { name: `Tải lên phiên bản mới của ${TITLE}` }).click();
  await submitUpload(
    page.getByRole('dialog', { name: 'Tải lên phiên bản mới' }),
    'du-thao-lan-2.pdf',
    await VERSION_2(),
    `Đã tải lên phiên bản 2 của “${TITLE}”.`,
  );

  // Version 2.
  reader = await openReader(page, TITLE);
  const tools = reader.getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' });
  await tools.getByRole('button', { name: /^Danh sách ghi chú \(2\)/ }).click();
  const list = reader.getByRole('complementary', { name: 'Ghi chú trên tài liệu' });

  const movedItem = list.locator(`[data-annotation-item="${moved}"]`);
  await expect(movedItem).toContainText('Trang 2');
  await expect(movedItem).toContainText('Đã chuyển theo phiên bản 1');
  const removedItem = list.locator(`[data-annotation-item="${removed}"]`);
  await expect(removedItem).toContainText('Không tìm thấy vị trí trong phiên bản mới');
  await expect(removedItem.getByRole('button', { name: /^Đến trang/ })).toHaveCount(0);

  // Neither is drawn on page 1 any more.
  const layerOf = (n: number) =>
    reader.locator(`.page[data-page-number="${n}"] svg[data-annotation-layer]`);
  await expect(layerOf(1).locator('g[data-annotation-id]')).toHaveCount(0);

  // On page 2, the highlight covers its passage where version 2 put it.
  await movedItem.getByRole('button', { name: 'Đến trang 2' }).click();
  const mark = layerOf(2).locator(`g[data-annotation-id="${moved}"]`);
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute('aria-label', new RegExp(`trang 2: ${MOVED}$`));
  await expect(reader.locator(`g[data-annotation-id="${removed}"]`)).toHaveCount(0);
  const passage = reader
    .locator('.page[data-page-number="2"] .textLayer span')
    .filter({ hasText: MOVED });
  const text = (await passage.boundingBox())!;
  const drawn = (await mark.locator('rect').first().boundingBox())!;
  // Same line (within half a line's height) and the same stretch of it (within a few pixels).
  expect(Math.abs(drawn.y + drawn.height / 2 - (text.y + text.height / 2))).toBeLessThan(
    text.height / 2,
  );
  expect(Math.abs(drawn.x - text.x)).toBeLessThan(6);
  expect(Math.abs(drawn.width - text.width)).toBeLessThan(12);
});
