/**
 * `npm run bench:pdf -- [--pages 500] [--opens 7] [--flips 20] [--build] [--json]`
 *
 * The PDF viewer's speed in headless Chromium, on the production bundle of its test page (the
 * renderer's Vite config, served with the app's CSP; see tests/harness/pdfViewerHarness.ts) in a
 * 1366×860 window, the desktop app's default size. The document is a generated agenda PDF of
 * `--pages` pages with Vietnamese text and pictures (bench/pdf/generate.ts), handed to the viewer
 * as bytes, as the local document cache does.
 *
 * - firstPageMs: mounting a viewer on the bytes → page 1's canvas drawn, over `--opens` opens with
 *   the session's pdf.js worker already running; coldFirstPageMs: the first open of the session,
 *   which also starts the worker.
 * - flipMs: goToPage(n) → page n's canvas drawn, for pages spread over the document (never one
 *   still drawn from before), with a pause between flips as a reader would make; flipNextMs: the
 *   same, page after page (pdf.js draws the next page ahead, so these are near zero).
 * - heapMB: the page's JavaScript heap after the flips, after a garbage collection (the worker's
 *   heap, which holds the parsed document, is not included).
 * - syncMs: presenter sync, end to end: a real server on loopback (demo seed, the document uploaded
 *   to the demo meeting), the presenter a signaling client in this process turning pages
 *   (`turnPage`), the follower the viewer page joined to the room through the app's
 *   PresentationChannel. From the presenter's request to the page drawn on the follower, for
 *   `--syncs` pages spread over the document (Date.now() on both sides, one machine);
 *   syncNextMs: the same, page after page.
 * - firstPagePhasesMs: medians of the opening steps (the viewer's performance marks), ms after the
 *   viewer was created: loaded (the worker has parsed the document), pagesinit (every page's box
 *   laid out), firstpage (page 1 drawn).
 * - machine: cores and the 1-minute load average at the end (the figures scale with contention).
 *
 * Goals: first page < 300 ms, flip < 50 ms. Progress goes to stderr, the JSON to stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { cachedAgendaPdf } from './pdf/generate';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../tests/helpers/chromium';
import { buildPdfViewerHarness, startPdfViewerHost } from '../tests/harness/pdfViewerHarness';
import { startPresenterSync } from './pdf/presenterSync';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '500' },
    opens: { type: 'string', default: '7' },
    flips: { type: 'string', default: '20' },
    syncs: { type: 'string', default: '20' },
    build: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    /** Saves a Chromium trace (every thread, worker included) of the opens and flips there. */
    trace: { type: 'string' },
    /** Saves a main-thread CPU profile (.cpuprofile) of the opens and flips there. */
    profile: { type: 'string' },
  },
});
const pages = Math.max(2, Number(values.pages));
const opens = Math.max(1, Number(values.opens));
const flips = Math.max(1, Number(values.flips));
const syncs = Math.max(0, Number(values.syncs));
const log = (msg: string) =>
  process.stderr.write(`[bench:pdf ${Math.round(performance.now())}] ${msg}\n`);

function percentiles(list: number[]): { p50: number; p95: number; max: number; n: number } {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const r = (x: number) => Math.round(x);
  return { p50: r(at(0.5)), p95: r(at(0.95)), max: r(sorted.at(-1)!), n: sorted.length };
}

/** Pages spread over the document, each far from the previous one (none still drawn). */
function flipTargets(count: number, pagesCount: number): number[] {
  const targets: number[] = [];
  // Golden-ratio stepping visits the whole range without clustering.
  let x = 0.5;
  while (targets.length < count) {
    x = (x + 0.618_033_988_75) % 1;
    const page = 2 + Math.floor(x * (pagesCount - 1));
    const previous = targets.at(-1) ?? 1;
    if (Math.abs(page - previous) > 5) targets.push(page);
  }
  return targets;
}

/**
 * The viewer's opening steps (PdfViewerController's phonghop:pdf:* marks) in ms after it was
 * created: the document parsed by the worker, the page boxes laid out, the first page drawn.
 */
function openPhases(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('phonghop:pdf:'));
    const start = marks.findLast((m) => m.name === 'phonghop:pdf:open')?.startTime ?? 0;
    const phases: Record<string, number> = {};
    for (const m of marks)
      if (m.startTime >= start) phases[m.name.slice('phonghop:pdf:'.length)] = m.startTime - start;
    performance.clearMarks();
    return phases;
  });
}

function medianPhases(list: Record<string, number>[]): Record<string, number> {
  const names = [...new Set(list.flatMap((p) => Object.keys(p)))].filter((n) => n !== 'open');
  return Object.fromEntries(
    names.map((n) => {
      const values = list.map((p) => p[n]).filter((v): v is number => v !== undefined);
      return [n, percentiles(values).p50];
    }),
  );
}

/**
 * Records the warm opens and the distant flips when --trace or --profile asks for it (with
 * BENCH_MINIFY=0 the viewer's functions keep their names).
 */
async function startRecording(page: Page): Promise<{ stop(): Promise<void> }> {
  if (values.trace)
    await browser.startTracing(page, {
      path: values.trace,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink.user_timing',
        'toplevel',
        'cc',
      ],
    });
  const profiler = values.profile ? await page.context().newCDPSession(page) : undefined;
  await profiler?.send('Profiler.enable');
  await profiler?.send('Profiler.setSamplingInterval', { interval: 200 });
  await profiler?.send('Profiler.start');
  return {
    async stop() {
      if (values.trace) await browser.stopTracing();
      if (profiler) {
        const { profile } = await profiler.send('Profiler.stop');
        fs.writeFileSync(values.profile!, JSON.stringify(profile));
      }
    },
  };
}

log(`generating (or reusing) the ${pages}-page document…`);
const pdf = Buffer.from(await cachedAgendaPdf(pages));
log(`document ${(pdf.length / 1e6).toFixed(1)} MB; building the viewer test page if needed…`);
const harness = await buildPdfViewerHarness({ force: values.build });
const presenterSync = syncs > 0 ? await startPresenterSync(pdf) : undefined;
const host = await startPdfViewerHost(harness, presenterSync?.serverUrl);
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });

let result: Record<string, unknown>;
try {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 },
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.route('**/bench/agenda.pdf', (route) =>
    route.fulfill({ body: pdf, contentType: 'application/pdf' }),
  );
  await page.goto(`${host.url}/`);
  await page.waitForFunction(() => window.pdfHarness !== undefined);
  await page.evaluate(() => window.pdfHarness!.load('bench/agenda.pdf'));

  const coldFirstPageMs = await page.evaluate(() => window.pdfHarness!.open());
  log(`cold open (worker start included): ${coldFirstPageMs.toFixed(0)} ms`);
  const recording = await startRecording(page);
  const firstPage: number[] = [];
  const phases: Record<string, number>[] = [];
  for (let i = 0; i < opens; i++) {
    await page.evaluate(() => window.pdfHarness!.close());
    firstPage.push(await page.evaluate(() => window.pdfHarness!.open()));
    phases.push(await openPhases(page));
  }
  log(`opens: ${firstPage.map((x) => x.toFixed(0)).join(' ')} ms`);

  const flip: number[] = [];
  for (const target of flipTargets(flips, pages)) {
    await page.waitForTimeout(300);
    // Where each flip starts, in a recorded trace.
    await page.evaluate((n) => performance.mark(`bench:flip:${n}`), target);
    flip.push(await page.evaluate((n) => window.pdfHarness!.flip(n), target));
  }
  await recording.stop();
  log(`flips: ${flip.map((x) => x.toFixed(0)).join(' ')} ms`);
  // Page by page, as a presenter goes through a report: pdf.js has drawn the next page ahead.
  const flipNext: number[] = [];
  let current = flipTargets(flips, pages).at(-1)!;
  for (let i = 0; i < 10 && current < pages; i++) {
    await page.waitForTimeout(500);
    flipNext.push(await page.evaluate((n) => window.pdfHarness!.flip(n), ++current));
  }
  log(`next-page flips: ${flipNext.map((x) => x.toFixed(0)).join(' ')} ms`);

  const sync: number[] = [];
  const syncNext: number[] = [];
  if (presenterSync) {
    const { signalingUrl, ticket } = await presenterSync.followerTicket();
    await page.evaluate(([u, t]) => window.pdfHarness!.follow(u!, t!), [signalingUrl, ticket]);
    await presenterSync.present();
    /** The presenter turns to `target`; ms until the follower has drawn it. */
    const syncTo = async (target: number): Promise<number> => {
      const sentAt = Date.now();
      await presenterSync.turn(target);
      await page.waitForFunction(
        (n) => window.pdfHarness!.synced.some((s) => s.page === n),
        target,
        {
          polling: 5,
          timeout: 15_000,
        },
      );
      const drawnAt = await page.evaluate(
        (n) => window.pdfHarness!.synced.findLast((s) => s.page === n)!.drawnAt,
        target,
      );
      return drawnAt - sentAt;
    };
    for (const target of flipTargets(syncs, pages).map((p) => Math.max(2, p - 3))) {
      await page.waitForTimeout(300);
      sync.push(await syncTo(target));
    }
    log(`presenter → follower, distant pages: ${sync.join(' ')} ms`);
    // Page after page, as a presenter goes through a report.
    let next = Math.max(2, flipTargets(syncs, pages).at(-1)! - 3);
    for (let i = 0; i < 10 && next < pages; i++) {
      await page.waitForTimeout(500);
      syncNext.push(await syncTo(++next));
    }
    log(`presenter → follower, next page: ${syncNext.join(' ')} ms`);
  }

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  if (problems.length > 0) log(`page reported: ${problems.join(' | ')}`);

  result = {
    pages,
    firstPageMs: percentiles(firstPage),
    firstPagePhasesMs: medianPhases(phases),
    coldFirstPageMs: Math.round(coldFirstPageMs),
    flipMs: percentiles(flip),
    flipNextMs: percentiles(flipNext),
    syncMs: sync.length > 0 ? percentiles(sync) : null,
    syncNextMs: syncNext.length > 0 ? percentiles(syncNext) : null,
    heapMB: Math.round((heap / 2 ** 20) * 10) / 10,
    machine: { cpus: os.cpus().length, load1: Math.round(os.loadavg()[0]! * 10) / 10 },
  };
} finally {
  await browser.close();
  await host.close();
  await presenterSync?.close();
}

if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
