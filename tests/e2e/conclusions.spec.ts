import { expect, test, type Page } from '@playwright/test';
import { enterRoom } from './helpers';

const MEETING = 'hd-bcd-cds-review';

test('the secretary types a conclusion; a delegate sees it live; its task is confirmed with lead agency and due date; the issued notice locks it and opens as PDF', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [secretary, delegate] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
    Page,
    Page,
  ];
  await enterRoom(secretary, 'thuky', MEETING);
  await enterRoom(delegate, 'camgiang', MEETING);
  const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Nội dung kết luận' });
  await expect(editorOf(delegate)).toHaveAttribute('contenteditable', 'false');
  await expect(editorOf(secretary)).toHaveAttribute('contenteditable', 'true');

  const sentence =
    'Giao Sở Tài chính chủ trì, phối hợp với Sở Khoa học và Công nghệ tham mưu bố trí kinh phí cho Đề án chuyển đổi số, báo cáo UBND thành phố trước ngày 15/01/2027.';
  await editorOf(secretary).click();
  await secretary.keyboard.press('Control+End');
  await secretary.keyboard.press('Enter');
  await secretary.keyboard.type(sentence, { delay: 5 });

  // The delegate's site sees it as it is typed, with every diacritic.
  await expect(editorOf(delegate)).toContainText(sentence, { timeout: 20_000 });
  await expect(secretary.getByTestId('conclusions-saving')).toHaveText('Đã lưu trên máy chủ');

  // The secretary sees the task found in it, with its lead agency and due date, and confirms it.
  const card = secretary.getByTestId('extracted-task').filter({
    has: secretary.getByLabel('Hạn hoàn thành').and(secretary.locator('[value="15/01/2027"]')),
  });
  await expect(card).toHaveCount(1);
  await expect(card.getByLabel('Đơn vị chủ trì')).toHaveValue('Sở Tài chính');
  await expect(card.getByLabel('Báo cáo về')).toHaveValue('UBND thành phố');
  await card.getByRole('button', { name: 'Xác nhận giao nhiệm vụ' }).click();
  await expect(card.getByTestId('extracted-task-assigned')).toHaveText('Đã giao nhiệm vụ');

  // The secretary issues the notice: the conclusions lock for everyone, and the delegate opens
  // the notice PDF in the viewer.
  await secretary.getByRole('button', { name: 'Ban hành thông báo kết luận' }).click();
  const form = secretary.getByRole('dialog', { name: 'Ban hành thông báo kết luận' });
  await form.getByLabel('Số, ký hiệu').fill('125/TB-VP');
  await form.getByLabel('Họ và tên người ký').fill('Nguyễn Viết Hải');
  await form.getByRole('button', { name: 'Ban hành', exact: true }).click();
  await expect(form).toBeHidden({ timeout: 30_000 });
  for (const page of [secretary, delegate])
    await expect(page.getByTestId('conclusions-status')).toHaveText('Đã ban hành — phiên bản 1');
  await expect(editorOf(secretary)).toHaveAttribute('contenteditable', 'false');

  await delegate.getByRole('button', { name: 'Xem thông báo kết luận' }).click();
  const reader = delegate.getByRole('dialog', { name: /Thông báo kết luận số 125\/TB-VP/ });
  const firstPage = reader.locator('.page[data-page-number="1"] .textLayer');
  await expect(firstPage).toContainText('THÔNG BÁO', { timeout: 60_000 });
  await expect(firstPage).toContainText('Số: 125/TB-VP');
  await expect(firstPage).toContainText('Giao Sở Tài chính chủ trì');
  await Promise.all(contexts.map((c) => c.close()));
});
