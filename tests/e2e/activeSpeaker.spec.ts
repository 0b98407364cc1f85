/**
 * The active speaker, as the SFU detects it from the microphones' audio levels, is highlighted
 * at every site, and follows the floor when the chair lets only one person speak. (A site that
 * joins while someone speaks learns who from its join answer: tests/integration/activeSpeaker.)
 *
 * Its own browser, whose fake microphones play a speech-like tone (see speechLikeWav.ts): the
 * default fake device's short beeps never make anyone a speaker.
 */
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../helpers/chromium';
import { writeSpeechLikeWav } from '../helpers/speechLikeWav';
import { enterRoom, openThreeSites } from './helpers';

const MEETING = 'hd-bcd-cds-review';
const CAM_GIANG = 'Nguyễn Văn Thịnh';
const GIA_LOC = 'Lương Thị Huyền';

let browser: Browser;

test.beforeAll(async () => {
  const wav = writeSpeechLikeWav(path.join(os.tmpdir(), 'phonghop-speech-like.wav'));
  browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${wav}`],
  });
});
test.afterAll(async () => {
  await browser?.close();
});

const tiles = (page: Page) => page.getByTestId('remote-tile');
const tileOf = (page: Page, name: string) =>
  tiles(page).and(page.locator(`[data-peer-name="${name}"]`));
const highlighted = (page: Page) => tiles(page).and(page.locator('[data-active-speaker="true"]'));

/** On each of `pages`, `name`'s tile is the one highlighted as speaking. */
async function expectOnlySpeaker(pages: Page[], name: string): Promise<void> {
  for (const page of pages) {
    await expect(tileOf(page, name)).toHaveAttribute('data-active-speaker', 'true', {
      timeout: 20_000,
    });
    await expect(highlighted(page)).toHaveCount(1);
  }
}

test('every other site highlights the one speaking, and the highlight follows the floor the chair gives', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { contexts, pages } = await openThreeSites(browser, { baseURL });
  const [chair, camGiang, giaLoc] = pages;
  await enterRoom(chair, 'chutri', MEETING);
  await enterRoom(camGiang, 'camgiang', MEETING);
  await expect(tiles(camGiang)).toHaveCount(1, { timeout: 30_000 });

  await enterRoom(giaLoc, 'gialoc', MEETING);
  await expect(tiles(giaLoc)).toHaveCount(2, { timeout: 30_000 });

  // The chair closes their own microphone, then lets only Cẩm Giàng speak: every other
  // microphone is paused at the server (the chair's own is spared: it stays theirs to open), and
  // the levels make Cẩm Giàng the active speaker everywhere.
  await chair.getByRole('button', { name: 'Tắt micrô', exact: true }).click();
  await tileOf(chair, CAM_GIANG).getByRole('button', { name: 'Chỉ để người này nói' }).click();
  await expect(giaLoc.getByText('Chủ trì đã tắt micrô của bạn')).toBeVisible();
  await expect(chair.getByText('Chủ trì đã tắt micrô của bạn')).toBeHidden();
  await expect(chair.getByRole('button', { name: 'Bật micrô', exact: true })).toBeEnabled();
  await expectOnlySpeaker([chair, giaLoc], CAM_GIANG);

  // The chair gives Gia Lộc the floor: its microphone opens again (the chair had closed it) and
  // Cẩm Giàng's closes; the highlight moves at the other two sites.
  await tileOf(chair, GIA_LOC).getByRole('button', { name: 'Chỉ để người này nói' }).click();
  await expect(giaLoc.getByText('Chủ trì đã tắt micrô của bạn')).toBeHidden();
  await expect(camGiang.getByText('Chủ trì đã tắt micrô của bạn')).toBeVisible();
  await expectOnlySpeaker([chair, camGiang], GIA_LOC);

  // Everyone may speak again (the room keeps a chair's mutes for whoever comes back).
  await tileOf(chair, CAM_GIANG).getByRole('button', { name: 'Bật micrô' }).click();
  await expect(camGiang.getByText('Chủ trì đã tắt micrô của bạn')).toBeHidden();
  await Promise.all(contexts.map((c) => c.close()));
});
