import { expect, test } from '@playwright/test';
import { submitLogin } from './helpers';

// Only a real browser exercises the worker's DTLS path (the kTLS crash of the offline build
// showed up on the first DTLS packet from Chromium).
test('after the device check, Chromium sends camera and microphone to the SFU and the server counts the packets', async ({
  page,
}) => {
  await submitLogin(page, 'sotttt');
  await page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27').click();
  await page.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();

  // Device check: the devices are listed and the microphone's level moves.
  await expect(page.getByRole('combobox', { name: 'Camera' })).not.toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Micrô' })).not.toHaveValue('');
  await expect
    .poll(async () => Number(await page.getByTestId('mic-level').getAttribute('data-level')), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();

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
