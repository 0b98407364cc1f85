import { expect, test, type Page } from '@playwright/test';
import { enterRoom } from './helpers';

const MEETING = 'hd-bcd-cds-review';
const NOTICE = /Thông báo kết luận cuộc họp Ban Chỉ đạo Chuyển đổi số tỉnh ngày 27\/9\/2022/;

const viewer = (page: Page) => page.getByTestId('presentation-viewer');
const pageNumberOf = (page: Page) => viewer(page).getByLabel('Số trang');

/** The page the viewer shows and has drawn (its canvas), not just the number in the box. */
async function expectOnPage(page: Page, n: number): Promise<void> {
  await expect(pageNumberOf(page)).toHaveValue(String(n));
  await expect(
    viewer(page).locator(`.page[data-page-number="${n}"][data-loaded="true"] canvas`).first(),
  ).toBeVisible();
}

async function goTo(page: Page, n: number): Promise<void> {
  await pageNumberOf(page).fill(String(n));
  await pageNumberOf(page).press('Enter');
}

test('the chair presents a document and turns pages; a delegate follows, browses on their own, and follows again', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [chair, delegate] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  await enterRoom(chair, 'chutri', MEETING);
  await enterRoom(delegate, 'gialoc', MEETING);
  await expect(delegate.getByText('Chưa có tài liệu nào đang được trình bày.')).toBeVisible();

  await chair.getByRole('combobox', { name: 'Tài liệu', exact: true }).click();
  await chair.getByRole('option', { name: NOTICE }).click();
  await chair.getByRole('button', { name: 'Trình bày', exact: true }).click();
  await expectOnPage(chair, 1);
  await expect(delegate.getByTestId('presentation-status')).toContainText('Nguyễn Minh Hùng');
  await expectOnPage(delegate, 1);

  // The chair turns to page 3: the delegate's viewer draws page 3.
  await goTo(chair, 3);
  await expectOnPage(delegate, 3);

  // The delegate stops following and browses; the presenter's next page does not move them.
  const follow = delegate.getByRole('switch', { name: 'Theo người trình bày' });
  await expect(follow).toBeChecked();
  await follow.uncheck();
  await goTo(delegate, 1);
  await expectOnPage(delegate, 1);
  await goTo(chair, 4);
  await expect(delegate.getByTestId('presentation-status')).toContainText('trang 4');
  await expect(pageNumberOf(delegate)).toHaveValue('1');

  // Following again jumps to the presenter's page, and later turns move them again.
  await follow.check();
  await expectOnPage(delegate, 4);
  await goTo(chair, 2);
  await expectOnPage(delegate, 2);

  // Turning a page oneself while following is browsing too: following stops by itself.
  await goTo(delegate, 4);
  await expect(follow).not.toBeChecked();
  await Promise.all(contexts.map((c) => c.close()));
});
