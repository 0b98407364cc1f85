import { expect, test, type Page } from '@playwright/test';
import { enterRoom, openDeviceCheck } from './helpers';

const MEETING = 'hd-bcd-cds-review';
const CHAIR = 'Nguyễn Minh Hùng';

const remoteTiles = (page: Page) => page.getByTestId('remote-tile');

test('joining a meeting from a second window takes the first one out of the room, which says so and stays out', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [first, second, commune] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
    Page,
    Page,
    Page,
  ];
  await enterRoom(first, 'chutri', MEETING);
  await enterRoom(commune, 'camgiang', MEETING);
  await expect(remoteTiles(commune)).toHaveCount(1, { timeout: 30_000 });

  // The chair opens the room in another window: on the device check nothing changes yet.
  await openDeviceCheck(second, 'chutri', MEETING);
  await expect
    .poll(() => second.evaluate(() => performance.getEntriesByName('phonghop:join:socket').length))
    .toBe(1);
  await first.waitForTimeout(500);
  await expect(first.getByText('từ một cửa sổ/máy khác')).toHaveCount(0);
  await expect(remoteTiles(first)).toHaveCount(1);

  // …and joins there: the first window is out, says why, and does not come back.
  await second.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();
  await expect(remoteTiles(second)).toHaveCount(1, { timeout: 30_000 });
  const notice = first.getByRole('alert').filter({
    hasText: 'Bạn đã vào phòng họp này từ một cửa sổ/máy khác',
  });
  await expect(notice).toBeVisible();
  await expect(remoteTiles(first)).toHaveCount(0);
  // The commune sees the chair once, the tile now of the second window.
  await expect(remoteTiles(commune)).toHaveCount(1);
  await expect(
    commune.locator(`[data-testid="remote-tile"][data-peer-name="${CHAIR}"]`),
  ).toHaveCount(1);
  // Several reconnect backoffs later the first window has not rejoined (nor taken the place back).
  await first.waitForTimeout(5000);
  await expect(notice).toBeVisible();
  await expect(first.getByRole('status').filter({ hasText: 'Đang kết nối lại' })).toHaveCount(0);
  await expect(remoteTiles(first)).toHaveCount(0);
  await expect(remoteTiles(second)).toHaveCount(1);
  await expect(remoteTiles(commune)).toHaveCount(1);
  await Promise.all(contexts.map((c) => c.close()));
});
