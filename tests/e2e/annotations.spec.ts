/**
 * Annotations in Chromium (issue #4): the secretary draws on a page of an agenda document with
 * the pointer and shares the stroke; a district delegate opening the same document from the
 * agenda on another computer (another browser profile, with its own services and local store)
 * sees it on the same page. Checked on the rendered annotation's element and attributes, not on
 * pixels.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openReader, selectTextInLayer, setServerReachable, submitLogin } from './helpers';

const MEETING = 'hd-bcd-cds-2022-09-27';
const PROPOSAL = 'Tờ trình đề nghị gia hạn Hợp đồng các gói thầu';
const REPORT = 'Dự thảo Báo cáo tiến độ triển khai 3 dự án thành phần';

/** From the meeting list to the document's reader, with page 1 drawn. */
async function openDocument(page: Page, username: string, title: string) {
  await submitLogin(page, username);
  await page.getByTestId(`meeting-card-${MEETING}`).click();
  return openReader(page, title);
}

test('an ink annotation made by the secretary and shared appears on a delegate’s page', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [secretary, delegate] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
    Page,
    Page,
  ];

  const reader = await openDocument(secretary, 'thuky', PROPOSAL);
  const tools = reader.getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' });
  await tools.getByRole('switch', { name: 'Chia sẻ với mọi người' }).check();
  await tools.getByRole('button', { name: 'Bút vẽ tự do' }).click();
  await expect(tools.getByRole('button', { name: 'Bút vẽ tự do' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // A stroke across the part of page 1 in view (the page is taller than the window): mouse
  // down, move in steps, up.
  const overlay = reader.locator('.page[data-page-number="1"] svg[data-annotation-layer]');
  await expect(overlay).toHaveAttribute('data-tool', 'ink');
  const box = (await overlay.boundingBox())!;
  const x0 = box.x + box.width * 0.3;
  const y0 = box.y + Math.min(box.height * 0.4, 250);
  await secretary.mouse.move(x0, y0);
  await secretary.mouse.down();
  for (let i = 1; i <= 12; i++)
    await secretary.mouse.move(x0 + i * 15, y0 + Math.sin(i / 2) * 20, { steps: 2 });
  await secretary.mouse.up();

  const drawn = overlay.locator('g[data-annotation-kind="ink"]');
  await expect(drawn).toHaveCount(1);
  await expect(drawn).toHaveAttribute('data-author-id', 'thuky');
  await expect(drawn).toHaveAttribute('data-shared', 'true');
  const id = await drawn.getAttribute('data-annotation-id');
  const path = await drawn.locator('path').getAttribute('d');
  expect(path?.split('L').length).toBeGreaterThan(10);
  // Sent to the server (the outbox is empty and the sync says so).
  await expect(drawn).toHaveAttribute('data-pending', 'false');
  await expect(reader.getByTestId('annotation-sync-status')).toHaveAttribute(
    'data-status',
    'synced',
  );

  // The delegate of Gia Lộc opens the same document: the stroke is on page 1 there too, the
  // same annotation (id) with the same path, and it is the secretary's.
  const delegateReader = await openDocument(delegate, 'gialoc', PROPOSAL);
  const seen = delegateReader.locator(
    `.page[data-page-number="1"] svg[data-annotation-layer] g[data-annotation-id="${id}"]`,
  );
  await expect(seen).toBeVisible();
  await expect(seen).toHaveAttribute('data-annotation-kind', 'ink');
  await expect(seen).toHaveAttribute('data-author-id', 'thuky');
  await expect(seen.locator('path')).toHaveAttribute('d', path!);
  // A delegate may annotate, but is not offered sharing.
  const delegateTools = delegateReader.getByRole('toolbar', {
    name: 'Công cụ ghi chú trên tài liệu',
  });
  await expect(delegateTools.getByRole('button', { name: 'Bút vẽ tự do' })).toBeVisible();
  await expect(delegateTools.getByRole('switch', { name: 'Chia sẻ với mọi người' })).toHaveCount(0);
  // The list names it as the secretary's, shared.
  await delegateTools.getByRole('button', { name: /^Danh sách ghi chú/ }).click();
  const item = delegateReader.locator(`[data-annotation-item="${id}"]`);
  await expect(item).toContainText('Của Vũ Thị Thu Hằng');
  await expect(item).toContainText('Đã chia sẻ');

  await Promise.all(contexts.map((c) => c.close()));
});

test('the chair highlights a passage and sticks a note; both are listed, and the export downloads the annotated PDF', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const reader = await openDocument(page, 'chutri', REPORT);
  const tools = reader.getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' });

  // Select a passage of the text layer (as a keyboard or mouse selection would), then "Tô sáng".
  const passage = 'KẾT QUẢ TRIỂN KHAI';
  await selectTextInLayer(reader.locator('.page[data-page-number="1"] .textLayer'), passage);
  await tools.getByRole('radio', { name: 'Vàng' }).click();
  await tools.getByRole('button', { name: 'Tô sáng' }).click();
  const overlay = reader.locator('.page[data-page-number="1"] svg[data-annotation-layer]');
  const highlight = overlay.locator('g[data-annotation-kind="highlight"]');
  await expect(highlight).toHaveCount(1);
  await expect(highlight).toHaveAttribute('aria-label', new RegExp(passage));
  await expect(highlight.locator('rect')).toHaveAttribute('fill', '#f5c400');

  // A sticky note where the page is clicked with the note tool.
  await tools.getByRole('button', { name: 'Ghi chú dán' }).click();
  const box = (await overlay.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.8, box.y + 120);
  const dialog = page.getByRole('dialog', { name: 'Ghi chú dán' });
  await dialog.getByLabel('Nội dung ghi chú').fill('Đề nghị Sở TT&TT nêu rõ lý do chậm tiến độ');
  await dialog.getByRole('button', { name: 'Lưu ghi chú' }).click();
  const note = overlay.locator('g[data-annotation-kind="note"]');
  await expect(note).toHaveCount(1);
  await expect(note).toHaveAttribute('data-shared', 'false');

  await tools.getByRole('button', { name: /^Danh sách ghi chú \(2\)/ }).click();
  const list = reader.getByRole('complementary', { name: 'Ghi chú trên tài liệu' });
  await expect(list.getByText('Đề nghị Sở TT&TT nêu rõ lý do chậm tiến độ')).toBeVisible();
  await expect(list.getByText(passage)).toBeVisible();

  const download = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'Xuất PDF kèm ghi chú' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-v\d+-kem-ghi-chu\.pdf$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByText(/Đã xuất .* \(2 ghi chú\)\./)).toBeVisible();
});

test('an edit the server refuses (the note was deleted on another computer) is announced in Vietnamese until dismissed, also after a reload', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // The same delegate on two computers (two browser profiles, each with its own local store).
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [office, laptop] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  const text = 'Đề nghị làm rõ tiến độ gói thầu số 3';

  const officeReader = await openDocument(office, 'camgiang', REPORT);
  await officeReader
    .getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' })
    .getByRole('button', { name: 'Ghi chú dán' })
    .click();
  const overlay = officeReader.locator('.page[data-page-number="1"] svg[data-annotation-layer]');
  const box = (await overlay.boundingBox())!;
  await office.mouse.click(box.x + box.width * 0.7, box.y + 160);
  const dialog = office.getByRole('dialog', { name: 'Ghi chú dán' });
  await dialog.getByLabel('Nội dung ghi chú').fill(text);
  await dialog.getByRole('button', { name: 'Lưu ghi chú' }).click();
  const note = overlay.locator('g[data-annotation-kind="note"]');
  await expect(note).toHaveAttribute('data-pending', 'false');
  const id = (await note.getAttribute('data-annotation-id'))!;

  // The laptop has the note, then loses its link.
  const laptopReader = await openDocument(laptop, 'camgiang', REPORT);
  const laptopTools = laptopReader.getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' });
  await laptopTools.getByRole('button', { name: /^Danh sách ghi chú/ }).click();
  const laptopItem = laptopReader.locator(`[data-annotation-item="${id}"]`);
  await expect(laptopItem).toContainText(text);
  await setServerReachable(laptop, false);

  // Deleted at the office…
  await officeReader
    .getByRole('toolbar', { name: 'Công cụ ghi chú trên tài liệu' })
    .getByRole('button', { name: /^Danh sách ghi chú/ })
    .click();
  await officeReader.getByRole('button', { name: 'Xóa Ghi chú trang 1' }).click();
  await expect(note).toHaveCount(0);
  await expect(officeReader.getByTestId('annotation-sync-status')).toHaveAttribute(
    'data-status',
    'synced',
  );

  // …and edited on the laptop, which still shows it; then the link returns.
  await laptopItem.getByRole('button', { name: 'Sửa nội dung' }).click();
  const edit = laptop.getByRole('dialog', { name: 'Ghi chú dán' });
  await edit.getByLabel('Nội dung ghi chú').fill('Đề nghị bổ sung số liệu giải ngân');
  await edit.getByRole('button', { name: 'Lưu ghi chú' }).click();
  await expect(laptopReader.getByRole('alert')).toHaveCount(0);
  await setServerReachable(laptop, true);
  // Reopening the document syncs at once (otherwise the retry after the lost link would).
  await laptop.getByRole('button', { name: 'Đóng tài liệu' }).click();
  const reopened = await openReader(laptop, REPORT);

  const notice = reopened.getByTestId('annotation-rejections');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('Máy chủ không chấp nhận 1 thay đổi ghi chú của bạn');
  await expect(notice).toContainText(
    'Sửa ghi chú dán ở trang 1 (“Đề nghị bổ sung số liệu giải ngân”)',
  );
  await expect(notice).toContainText(
    'Ghi chú này không còn trên máy chủ: có thể bạn đã xóa nó trên một máy khác.',
  );
  // The note itself is gone here too.
  await expect(reopened.locator(`g[data-annotation-id="${id}"]`)).toHaveCount(0);

  await notice.getByRole('button', { name: /^Đã hiểu, ẩn thông báo: Sửa ghi chú dán/ }).click();
  await expect(notice).toHaveCount(0);

  // Dismissed for good: not shown again after the app is reloaded.
  await laptop.reload();
  await laptop.getByTestId(`meeting-card-${MEETING}`).click();
  const again = await openReader(laptop, REPORT);
  await expect(again.getByTestId('annotation-sync-status')).toHaveAttribute(
    'data-status',
    'synced',
  );
  await expect(again.getByTestId('annotation-rejections')).toHaveCount(0);
  await Promise.all(contexts.map((c) => c.close()));
});
