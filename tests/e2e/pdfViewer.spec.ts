/**
 * The PDF viewer in Chromium: the production bundle of its test page (tests/harness/pdf-viewer,
 * built with the renderer's Vite config), served by the BrowserHost with the app's CSP, opening a
 * generated 40-page Vietnamese agenda document from bytes as the document cache hands them over.
 */
import { expect, test, type Page } from '@playwright/test';
import { cachedAgendaPdf } from '../../bench/pdf/generate';
import { buildPdfViewerHarness, startPdfViewerHost } from '../harness/pdfViewerHarness';

const PAGES = 40;
let host: Awaited<ReturnType<typeof startPdfViewerHost>> | undefined;
let pdf: Buffer;

test.beforeAll(async () => {
  // A cold build of the test page takes about half a minute, longer on a busy machine.
  test.setTimeout(300_000);
  host = await startPdfViewerHost(await buildPdfViewerHarness());
  pdf = Buffer.from(await cachedAgendaPdf(PAGES));
});

test.afterAll(async () => {
  await host?.close();
});

/** Console errors and pdf.js warnings the page printed (CSP violations show up here). */
async function openViewer(page: Page, query = ''): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /fake worker/i.test(message.text()))
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.route('**/fixtures/agenda.pdf', (route) =>
    route.fulfill({ body: pdf, contentType: 'application/pdf' }),
  );
  await page.goto(`${host!.url}/?src=fixtures/agenda.pdf${query}`);
  await expect(page.getByLabel('Số trang')).toHaveValue('1');
  return problems;
}

/** Size of page `n`'s canvas and how many sampled pixels are dark (text or picture). */
function canvasInk(page: Page, n: number) {
  return page
    .locator(`.page[data-page-number="${n}"] .canvasWrapper canvas`)
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4 * 7) if (data[i]! < 128) dark++;
      return { width: canvas.width, height: canvas.height, dark };
    });
}

async function expectPageDrawn(page: Page, n: number): Promise<void> {
  const drawn = page.locator(`.page[data-page-number="${n}"][data-loaded="true"] canvas`).first();
  await expect(drawn).toBeVisible();
  await expect.poll(async () => (await canvasInk(page, n)).dark).toBeGreaterThan(500);
}

/**
 * The number of hits once pdf.js has read every page: it counts page by page, so wait until the
 * total stays the same for a second.
 */
async function settledTotal(page: Page): Promise<number> {
  const status = page.getByTestId('pdf-search-status');
  const read = async () => Number(((await status.textContent()) ?? '').split('/')[1]);
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = await read();
        const settled = now === last;
        last = now;
        return settled;
      },
      { intervals: [1000], timeout: 30_000 },
    )
    .toBe(true);
  return last;
}

test('the viewer opens the agenda PDF on page 1 with a real worker, selectable text and no CSP errors', async ({
  page,
}) => {
  const problems = await openViewer(page);
  await expect(page.getByText(`/ ${PAGES}`)).toBeVisible();
  await expectPageDrawn(page, 1);
  // The text layer carries the Vietnamese text (selection and search work on it).
  await expect(page.locator('.page[data-page-number="1"] .textLayer')).toContainText('Phần 1 – ');
  // pdf.js runs in its module worker (served under the CSP's worker-src), not on the main thread.
  expect(page.workers().some((w) => /pdf\.worker/.test(w.url()))).toBe(true);
  // Lazy rendering: of 40 page boxes, only the first pages have a canvas.
  await expect(page.locator('.page')).toHaveCount(PAGES);
  expect(await page.locator('.page[data-loaded="true"]').count()).toBeLessThan(5);
  expect(problems).toEqual([]);
});

test('going to page N by number, buttons, keys and thumbnails shows and draws page N', async ({
  page,
}) => {
  await openViewer(page);
  const pageBox = page.getByLabel('Số trang');

  await pageBox.fill('25');
  await pageBox.press('Enter');
  await expect(pageBox).toHaveValue('25');
  await expectPageDrawn(page, 25);
  await expect(page.locator('.page[data-page-number="25"] .textLayer')).toContainText(
    `Trang 25/${PAGES}`,
  );

  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(pageBox).toHaveValue('26');
  await expectPageDrawn(page, 26);

  await page.getByTestId('pdf-container').focus();
  await page.keyboard.press('PageDown');
  await expect(pageBox).toHaveValue('27');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await expect(pageBox).toHaveValue('25');

  // Out of range is clamped to the last page.
  await pageBox.fill('999');
  await pageBox.press('Enter');
  await expect(pageBox).toHaveValue(String(PAGES));
  await expectPageDrawn(page, PAGES);

  const sidebar = page.getByRole('navigation', { name: 'Danh sách trang' });
  await sidebar.getByRole('button', { name: 'Trang 3', exact: true }).click();
  await expect(pageBox).toHaveValue('3');
  await expectPageDrawn(page, 3);
  await expect(sidebar.getByRole('button', { name: 'Trang 3', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // Thumbnails near the current page get drawn once the main view is idle.
  await expect(sidebar.locator('canvas[data-page="3"][data-rendered="true"]')).toBeAttached();
});

test('searching a Vietnamese phrase highlights its hits and steps through them', async ({
  page,
}) => {
  await openViewer(page);
  const search = page.getByLabel('Tìm trong tài liệu');
  const status = page.getByTestId('pdf-search-status');

  await page.keyboard.press('Control+f');
  await expect(search).toBeFocused();
  await search.fill('khoảng cách số');
  await expect(status).toHaveText(/^Kết quả 1\/\d+$/);
  const total = await settledTotal(page);
  expect(total).toBeGreaterThan(1);
  const selected = page.locator('.textLayer .highlight.selected');
  await expect(selected.first()).toBeVisible();
  expect((await selected.allTextContents()).join('').toLowerCase().replace(/\s+/g, ' ')).toContain(
    'khoảng cách',
  );

  await search.press('Enter');
  await expect(status).toHaveText(`Kết quả 2/${total}`);
  await search.press('Shift+Enter');
  await expect(status).toHaveText(`Kết quả 1/${total}`);

  // Typed without diacritics, the same words are found (and possibly more forms of them).
  await search.fill('khoang cach so');
  await expect(status).toHaveText(/^Kết quả 1\/\d+$/);
  expect(await settledTotal(page)).toBeGreaterThanOrEqual(total);

  await search.fill('từkhôngcótrongtàiliệu');
  await expect(status).toHaveText('Không tìm thấy');
  await search.press('Escape');
  await expect(page.locator('.textLayer .highlight')).toHaveCount(0);
});

test('fit width, fit page and zoom change the scale', async ({ page }) => {
  await openViewer(page);
  const scale = page.getByTestId('pdf-scale');
  const fitWidth = page.getByRole('button', { name: 'Vừa chiều rộng' });
  const readScale = async () => Number(await scale.getAttribute('data-scale'));

  await expect(fitWidth).toHaveAttribute('aria-pressed', 'true');
  const widthScale = await readScale();

  await page.getByRole('button', { name: 'Vừa trang' }).click();
  await expect.poll(readScale).toBeLessThan(widthScale);
  await expect(fitWidth).toHaveAttribute('aria-pressed', 'false');

  await page.getByRole('button', { name: 'Phóng to' }).click();
  await page.getByRole('button', { name: 'Phóng to' }).click();
  const zoomed = await readScale();
  expect(zoomed).not.toBeCloseTo(widthScale, 2);

  await fitWidth.click();
  await expect(fitWidth).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(readScale).toBeCloseTo(widthScale, 3);
  // "Fit width": the page spans the scroll area's width, less pdf.js's margins.
  const pageWidth = await page
    .locator('.page[data-page-number="1"]')
    .evaluate((e) => e.clientWidth);
  const areaWidth = await page.getByTestId('pdf-container').evaluate((e) => e.clientWidth);
  expect(pageWidth).toBeGreaterThan(areaWidth - 60);
  expect(pageWidth).toBeLessThanOrEqual(areaWidth);
  await expectPageDrawn(page, 1);
});

test('a confidential document carries a watermark with the reader and the time', async ({
  page,
}) => {
  await openViewer(page, `&confidential=1&viewer=${encodeURIComponent('Nguyễn Minh Hùng')}`);
  await expect(page.getByText('Tài liệu mật')).toBeVisible();
  const background = await page
    .getByTestId('pdf-watermark')
    .evaluate((e) => getComputedStyle(e).backgroundImage);
  const svg = decodeURIComponent(background.slice(background.indexOf(',') + 1));
  expect(svg).toContain('Nguyễn Minh Hùng');
  expect(svg).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  // The watermark lets clicks and text selection through to the pages.
  expect(
    await page.getByTestId('pdf-watermark').evaluate((e) => getComputedStyle(e).pointerEvents),
  ).toBe('none');
});

test('page and zoom changes report who made them, and a page asked for while loading is applied', async ({
  page,
}) => {
  const problems = await openViewer(page);
  const events = () => page.evaluate(() => window.pdfHarness!.events.splice(0));
  await events();

  // The reader's own page turn.
  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(page.getByLabel('Số trang')).toHaveValue('2');
  expect(await events()).toEqual([
    { type: 'pageChanged', pageNumber: 2, previous: 1, origin: 'user' },
  ]);

  // The presenter's page and zoom applied on a follower: marked remote, so sync does not echo them.
  await page.evaluate(() => window.pdfHarness!.goToPage(12, 'remote'));
  await expect(page.getByLabel('Số trang')).toHaveValue('12');
  await expectPageDrawn(page, 12);
  await page.evaluate(() => window.pdfHarness!.setScale(1.5, 'remote'));
  await expect(page.getByTestId('pdf-scale')).toHaveText('150 %');
  expect(await events()).toEqual([
    { type: 'pageChanged', pageNumber: 12, previous: 2, origin: 'remote' },
    { type: 'scaleChanged', scale: 1.5, preset: null, origin: 'remote' },
  ]);

  // A page asked for before the document has loaded is shown once it has.
  await page.evaluate(() => window.pdfHarness!.close());
  await page.evaluate(() => window.pdfHarness!.open({ page: 30, origin: 'remote' }));
  await expect(page.getByLabel('Số trang')).toHaveValue('30');
  await expectPageDrawn(page, 30);
  expect(await events()).toContainEqual({
    type: 'pageChanged',
    pageNumber: 30,
    previous: 1,
    origin: 'remote',
  });
  // Closing a viewer while it is still drawing logs nothing.
  expect(problems).toEqual([]);
});
