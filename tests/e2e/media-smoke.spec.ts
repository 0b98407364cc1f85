import { expect, test } from '@playwright/test';

// Only a real browser exercises the worker's DTLS path (the kTLS crash of the offline build
// showed up on the first DTLS packet from Chromium).
test('Chromium sends camera and microphone to the SFU and the server counts the packets', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill('sotttt');
  await page.getByLabel('Mật khẩu').fill('PhongHop@2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Họp Ban Chỉ đạo Chuyển đổi số tỉnh').first().click();
  await page.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();

  const audio = page.getByTestId('producer-audio');
  const video = page.getByTestId('producer-video');
  await expect(audio).toBeVisible({ timeout: 20_000 });
  const packets = async (locator: typeof audio) =>
    Number(await locator.getAttribute('data-server-packets'));
  await expect.poll(() => packets(audio), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => packets(video), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await packets(video);
  await expect.poll(() => packets(video), { timeout: 10_000 }).toBeGreaterThan(before);
});
