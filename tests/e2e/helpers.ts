import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const DEMO_PASSWORD = 'PhongHop@2026';

/** Fills and submits the login screen as a user would. */
export async function submitLogin(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Three sites' pages, each in its own browser profile, not logged in yet: the chair's (at the
 * city hall), Cẩm Giàng's and Gia Lộc's (communes). */
export async function openThreeSites(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ contexts: BrowserContext[]; pages: [Page, Page, Page] }> {
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext(options)));
  const pages = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
  return { contexts, pages };
}

/** From the meeting list into the online room of `meetingId`, through the device check. */
export async function enterRoom(page: Page, username: string, meetingId: string): Promise<void> {
  await openDeviceCheck(page, username, meetingId);
  await page.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();
}

/** Logs in and opens the device check of the online room of `meetingId`. */
export async function openDeviceCheck(
  page: Page,
  username: string,
  meetingId: string,
): Promise<void> {
  await submitLogin(page, username);
  await page.getByTestId(`meeting-card-${meetingId}`).click();
  await page.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();
}

/** The inbound counters the room view shows on each remote tile (RoomClient updates them every second). */
export function readTileCounters(page: Page) {
  return page.getByTestId('remote-tile').evaluateAll((tiles) =>
    tiles.map((t) => ({
      name: t.getAttribute('data-peer-name'),
      audioBytes: Number(t.getAttribute('data-audio-bytes')),
      videoBytes: Number(t.getAttribute('data-video-bytes')),
      framesDecoded: Number(t.getAttribute('data-frames-decoded')),
    })),
  );
}

/**
 * Cuts the page's browser profile off the server, or restores it: the host's services for that
 * profile (what main is in the desktop app) then fail every request to the server, as on a
 * district PC whose link dropped, while the page keeps talking to them. `context.setOffline`
 * cannot do this: those services run in Node, outside the browser. Needs the host's
 * `--test-network-control` (playwright.config.ts passes it).
 */
export async function setServerReachable(page: Page, reachable: boolean): Promise<void> {
  const profileId = await page.evaluate(() => localStorage.getItem('phonghop.profileId'));
  if (!profileId) throw new Error('The page has no browser profile yet');
  const response = await page.request.post(`/__test__/profiles/${profileId}/network`, {
    data: { reachable },
  });
  if (response.status() !== 204)
    throw new Error(`Network switch answered ${response.status()}: is --test-network-control on?`);
}

/** Opens an agenda document of the meeting on screen in the reader, and waits for page 1 drawn. */
export async function openReader(page: Page, title: string): Promise<Locator> {
  const agenda = page.getByRole('region', { name: 'Chương trình họp và tài liệu' });
  await agenda.getByRole('button', { name: `Mở tài liệu: ${title}` }).click();
  const reader = page.getByRole('dialog', { name: title });
  // The first document of a session also starts pdf.js's worker: slow on a busy two-core machine.
  await expect(
    reader.locator('.page[data-page-number="1"][data-loaded="true"] canvas').first(),
  ).toBeVisible({ timeout: 60_000 });
  return reader;
}

/**
 * Selects `text` in a page's text layer, as a mouse or keyboard selection would; it must be
 * within one text run.
 */
export async function selectTextInLayer(textLayer: Locator, text: string): Promise<void> {
  await expect(textLayer).toContainText(text);
  await textLayer.evaluate((layer, wanted) => {
    const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in one text run`);
  }, text);
}

/** Picks `option` in a Mantine Select or MultiSelect labelled `label` in `scope`, typing `search` first (null: no search). */
export async function choose(
  scope: Locator | Page,
  page: Page,
  label: string,
  search: string | null,
  option: string,
): Promise<void> {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (search !== null) await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types a 24-hour clock time into a ClockInput (hours and minutes spin fields). */
export async function setClock(
  scope: Locator | Page,
  label: string,
  hours: string,
  minutes: string,
): Promise<void> {
  await scope.getByRole('spinbutton', { name: label, exact: true }).fill(hours);
  await scope.getByRole('spinbutton', { name: `${label} — phút`, exact: true }).fill(minutes);
}

/** A one-page PDF carrying `text`, as an office would upload. */
export async function makePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}
