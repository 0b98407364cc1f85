import { expect, test, type Page } from '@playwright/test';
import { enterRoom, openThreeSites, readTileCounters } from './helpers';

// Its own meeting state (votes, queue) would leak into other specs' meeting; the review meeting is
// shared, so this test only adds to it and asserts on what it adds.
const MEETING = 'hd-bcd-cds-review';

test('two sites check in, one asks for the floor and the chair gives it (opening its muted microphone); a vote is held and both see the result', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang, giaLoc] = pages;
  await enterRoom(chair, 'chutri', MEETING);
  await enterRoom(camGiang, 'camgiang', MEETING);
  await enterRoom(giaLoc, 'gialoc', MEETING);
  const panel = (page: Page) => page.getByRole('region', { name: 'Điều hành cuộc họp' });
  for (const page of [chair, camGiang, giaLoc]) await expect(panel(page)).toBeVisible();

  // Attendance: both delegates check in; the chair sees them present, per site.
  for (const page of [camGiang, giaLoc]) {
    await panel(page).getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await expect(panel(page).getByRole('button', { name: 'Đã điểm danh' })).toBeDisabled();
  }
  for (const userId of ['camgiang', 'gialoc'])
    await expect(chair.locator(`[data-user-id="${userId}"]`)).toContainText(/Có mặt|Đến muộn/);

  // The chair mutes Cẩm Giàng's site; its delegate asks for the floor.
  const camGiangName = 'Nguyễn Văn Thịnh';
  const audioFromCamGiang = async () =>
    (await readTileCounters(giaLoc)).find((c) => c.name === camGiangName)?.audioBytes ?? 0;
  await expect.poll(audioFromCamGiang, { timeout: 30_000 }).toBeGreaterThan(0);
  await chair
    .locator(`[data-testid="remote-tile"][data-peer-name="${camGiangName}"]`)
    .getByRole('button', { name: 'Tắt micrô cả điểm cầu' })
    .click();
  await expect(camGiang.getByText('Chủ trì đã tắt micrô của bạn')).toBeVisible();
  await giaLoc.waitForTimeout(1500);
  const muted = await audioFromCamGiang();

  await panel(camGiang)
    .getByRole('tab', { name: /Phát biểu/ })
    .click();
  await panel(camGiang).getByLabel('Nội dung phát biểu (không bắt buộc)').fill('Hạ tầng mạng xã');
  await panel(camGiang).getByRole('button', { name: 'Đăng ký phát biểu' }).click();

  await panel(chair)
    .getByRole('tab', { name: /Phát biểu/ })
    .click();
  const queue = panel(chair).getByLabel('Danh sách đăng ký phát biểu');
  await expect(queue).toContainText(`${camGiangName} — Điểm cầu xã Cẩm Giàng`);
  await expect(queue).toContainText('Hạ tầng mạng xã');
  await queue.getByRole('button', { name: 'Mời phát biểu' }).first().click();

  // Everyone sees who speaks, and the server has resumed the speaker's microphone.
  for (const page of [chair, camGiang])
    await expect(panel(page).getByRole('status')).toContainText(`Đang phát biểu: ${camGiangName}`);
  await expect.poll(audioFromCamGiang, { timeout: 15_000 }).toBeGreaterThan(muted);
  await expect(camGiang.getByText('Chủ trì đã tắt micrô của bạn')).toBeHidden();

  // A vote: the chair opens it, both delegates vote, the chair closes it, both see the result.
  await panel(chair).getByRole('tab', { name: 'Biểu quyết' }).click();
  const question = `Thông qua kế hoạch chuyển đổi số ${Date.now()}`;
  await panel(chair).getByLabel('Nội dung biểu quyết').fill(question);
  await panel(chair).getByRole('button', { name: 'Mở biểu quyết' }).click();
  for (const [page, option] of [
    [camGiang, 'Đồng ý'],
    [giaLoc, 'Không đồng ý'],
  ] as const) {
    await panel(page).getByRole('tab', { name: 'Biểu quyết' }).click();
    const card = panel(page).getByRole('region', { name: question });
    // While open, a delegate sees the progress but not the tally.
    await expect(card).toContainText('Đang biểu quyết');
    await card.getByRole('button', { name: option, exact: true }).click();
    await expect(card).toContainText(`Bạn đã chọn: ${option}`);
  }
  const chairCard = panel(chair).getByRole('region', { name: question });
  await expect(chairCard).toContainText('Đã biểu quyết: 2/');
  await chairCard.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  for (const page of [camGiang, giaLoc]) {
    const card = panel(page).getByRole('region', { name: question });
    await expect(card).toContainText('Đã kết thúc');
    await expect(card.locator('[data-option="Đồng ý"]')).toContainText('1 phiếu');
    await expect(card.locator('[data-option="Không đồng ý"]')).toContainText('1 phiếu');
    await expect(card.locator('[data-option="Ý kiến khác"]')).toContainText('0 phiếu');
  }
  await Promise.all(contexts.map((c) => c.close()));
});
