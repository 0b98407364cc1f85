/**
 * The in-app screen-share source picker (issue #3), as Electron's getDisplayMedia handler drives
 * it: the host's test route offers fake sources to the page's profile, as the handler offers
 * desktopCapturer's, and answers with what the user picked. Chromium itself never needs it.
 */
import { expect, test, type Page } from '@playwright/test';
import type { ScreenSource } from '../../common/ipc/screenShare';
import { submitLogin } from './helpers';

/** A 1×1 PNG: the fake sources' snapshots and icon. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const WINDOW_TITLE = 'Báo cáo tình hình kinh tế - xã hội quý III.docx - Word';
const SOURCES: ScreenSource[] = [
  { id: 'screen:0:0', name: 'Screen 1', kind: 'screen', thumbnail: PNG },
  { id: 'screen:1:0', name: 'Screen 2', kind: 'screen', thumbnail: PNG },
  { id: 'window:4242:0', name: WINDOW_TITLE, kind: 'window', thumbnail: PNG, appIcon: PNG },
];

/**
 * Asks the page's profile to pick a source, as Electron's getDisplayMedia handler does; resolves
 * with the answer once the user picked. Needs the host's `--test-network-control`.
 */
async function offerScreenSources(page: Page, sources: ScreenSource[]): Promise<string | null> {
  const profileId = await page.evaluate(() => localStorage.getItem('phonghop.profileId'));
  if (!profileId) throw new Error('The page has no browser profile yet');
  const response = await page.request.post(`/__test__/profiles/${profileId}/screen-sources`, {
    data: { sources },
  });
  if (response.status() !== 200) throw new Error(`The picker route answered ${response.status()}`);
  return ((await response.json()) as { sourceId: string | null }).sourceId;
}

test('the picker lists screens and windows, shares the one chosen with the keyboard, and Escape cancels', async ({
  page,
}) => {
  await submitLogin(page, 'thuky');
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();

  const answer = offerScreenSources(page, SOURCES);
  const dialog = page.getByRole('dialog', { name: 'Chọn nội dung chia sẻ' });
  await expect(dialog).toBeVisible();
  const screens = dialog.getByRole('group', { name: 'Toàn màn hình' }).getByRole('radio');
  const windows = dialog.getByRole('group', { name: 'Cửa sổ' }).getByRole('radio');
  // Screens are named by the app in Vietnamese; windows keep their titles.
  await expect(screens).toHaveText(['Màn hình 1', 'Màn hình 2']);
  await expect(windows).toHaveText([WINDOW_TITLE]);
  await expect(dialog.getByRole('button', { name: 'Chia sẻ', exact: true })).toBeDisabled();

  // The group is one tab stop, focused when the picker opens; the arrow keys move the choice.
  await expect(screens.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(screens.nth(1)).toBeFocused();
  await expect(screens.nth(1)).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(windows.first()).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(screens.nth(1)).toBeChecked();
  await expect(screens.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(windows.first()).toHaveAttribute('tabindex', '-1');
  await expect(dialog.getByRole('button', { name: 'Chia sẻ', exact: true })).toBeEnabled();
  await page.keyboard.press('Enter');
  expect(await answer).toBe('screen:1:0');
  await expect(dialog).toBeHidden();

  // A second request, cancelled with Escape.
  const cancelled = offerScreenSources(page, SOURCES);
  await expect(dialog).toBeVisible();
  await expect(screens).toHaveCount(2);
  await page.keyboard.press('Escape');
  expect(await cancelled).toBeNull();
  await expect(dialog).toBeHidden();
});
