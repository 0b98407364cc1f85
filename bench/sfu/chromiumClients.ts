/**
 * Real participants: headless Chromium pages with fake camera and microphone, driving the
 * actual UI (served by the in-process BrowserHost) the way the e2e tests do.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BrowserHost } from '../../main/host/BrowserHost';
import { appVersion } from '../../main/version';
import { cpuStealMs } from './procStats';
import { DEMO_PASSWORD, MEETING_ID } from './signaling';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../tests/helpers/chromium';
import { readTileCounters } from '../../tests/e2e/helpers';

export type TileCounters = Awaited<ReturnType<typeof readTileCounters>>[number];

export class ChromiumClients {
  readonly #host: BrowserHost;
  readonly #browser: Browser;
  readonly #dataDir: string;
  readonly pages: {
    username: string;
    context: BrowserContext;
    page: Page;
    joinMs?: number;
    /** RoomClient's join steps (performance marks), ms after its start; see joinPhases(). */
    phases?: Record<string, number>;
  }[] = [];

  private constructor(host: BrowserHost, browser: Browser, dataDir: string) {
    this.#host = host;
    this.#browser = browser;
    this.#dataDir = dataDir;
  }

  static async start(root: string, serverUrl: string, rebuild: boolean): Promise<ChromiumClients> {
    const rendererDir = path.join(root, 'dist', 'renderer');
    if (rebuild || !fs.existsSync(path.join(rendererDir, 'index.html'))) {
      process.stderr.write('building the renderer (vite build)…\n');
      execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build'], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-bench-client-'));
    const host = await BrowserHost.start({
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      dataDir,
      serverUrl,
      version: appVersion,
      logger: pino({ level: 'silent' }),
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    });
    return new ChromiumClients(host, browser, dataDir);
  }

  /**
   * Logs in, opens the meeting, passes the device check and joins; resolves with the time from
   * the click on "Vào phòng họp" to the moment every one of `expectedRemotes` remote tiles shows
   * a decoded video frame, both read in the page: from the click handler (RoomClient's
   * "phonghop:join:start" mark, set synchronously in it) to the page's own 10 ms poll seeing the
   * last tile's video ready. Playwright's click (its actionability checks wait for two stable
   * animation frames and CDP round trips: 250–350 ms on two loaded cores) and the answer's way
   * back to Node are the bench's time, not the user's; `benchClickMs` and `benchSeenMs` in the
   * phases show them.
   */
  async join(username: string, expectedRemotes: number, timeoutMs = 30_000): Promise<number> {
    const context = await this.#browser.newContext({
      baseURL: this.#host.url,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = await context.newPage();
    const entry: (typeof this.pages)[number] = { username, context, page };
    this.pages.push(entry);
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId(`meeting-card-${MEETING_ID}`).click();
    await page.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();
    // The device check (camera preview, level meter) comes first; its button joins the room.
    const join = page.getByRole('button', { name: 'Vào phòng họp', exact: true });
    await join.waitFor();
    // BENCH_PROFILE=dir: a CPU profile of the page's main thread from the click to the frames.
    const profileDir = process.env.BENCH_PROFILE;
    const cdp = profileDir ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    // BENCH_TRACE=dir: a Chrome trace (every thread of the page, user timing marks) of the join.
    const traceDir = process.env.BENCH_TRACE;
    if (traceDir) {
      fs.mkdirSync(traceDir, { recursive: true });
      await this.#browser.startTracing(page, {
        path: path.join(traceDir, `join-${username}.json`),
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink.user_timing',
          'toplevel',
          'webrtc',
          'media',
        ],
      });
    }
    // Playwright's first waitForFunction in a document sends its injected script (~140 ms of
    // JSON on this thread, which also runs the server): pay it before the click, not during.
    await page.waitForFunction(() => true, undefined, { polling: 10 });
    const startedEpoch = performance.timeOrigin + performance.now();
    // This thread also runs the server: how long its event loop stalled while this page joined.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const steal0 = cpuStealMs();
    const nodeProfile = process.env.BENCH_NODE_PROFILE ? new inspector.Session() : undefined;
    if (nodeProfile) {
      nodeProfile.connect();
      await nodeProfile.post('Profiler.enable');
      await nodeProfile.post('Profiler.start');
    }
    await join.click();
    await page
      .waitForFunction(
        (expected) => {
          const videos = [
            ...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video'),
          ];
          // When each tile first showed a frame, kept on its video element (joinPhases reports it).
          for (const v of videos)
            if (v.readyState >= 2 && v.videoWidth > 0)
              v.dataset.firstFrameAt ??= String(performance.now());
          return (
            videos.length >= expected && videos.every((v) => v.readyState >= 2 && v.videoWidth > 0)
          );
        },
        expectedRemotes,
        { polling: 10, timeout: timeoutMs },
      )
      .catch(async (error: unknown) => {
        // Say what the page showed: tiles, decoded videos, an alert (join failed, reconnecting).
        const seen = await page
          .evaluate(() => ({
            tiles: document.querySelectorAll('[data-testid="remote-tile"]').length,
            decoded: [
              ...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video'),
            ].filter((v) => v.readyState >= 2).length,
            alert: document.querySelector('[role="alert"]')?.textContent ?? null,
          }))
          .catch(() => null);
        throw new Error(
          `${(error as Error).message.split('\n')[0]} (page: ${JSON.stringify(seen)})`,
        );
      });
    const seen = performance.now();
    loop.disable();
    const stealMs = cpuStealMs() - steal0;
    if (nodeProfile) {
      const { profile } = await nodeProfile.post('Profiler.stop');
      fs.writeFileSync(
        `${process.env.BENCH_NODE_PROFILE}-${username}.cpuprofile`,
        JSON.stringify(profile),
      );
      nodeProfile.disconnect();
    }
    if (traceDir) await this.#browser.stopTracing();
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(
        path.join(profileDir, `join-${username}.cpuprofile`),
        JSON.stringify(profile),
      );
    }
    const { phases, startEpoch } = await joinPhases(page);
    const frames = Object.entries(phases)
      .filter(([name]) => name.startsWith('frame:'))
      .map(([, ms]) => ms);
    entry.joinMs = Math.max(...frames);
    phases.benchClickMs = Math.round(startEpoch - startedEpoch);
    phases.serverLoopDelayP99Ms = Math.round(loop.percentile(99) / 1e6);
    phases.serverLoopDelayMaxMs = Math.round(loop.max / 1e6);
    phases.benchSeenMs = Math.round(performance.timeOrigin + seen - startEpoch);
    phases.hostStealMs = Math.round(stealMs);
    entry.phases = phases;
    return entry.joinMs;
  }

  /** The inbound counters each page shows on its remote tiles (updated by RoomClient every second). */
  counters(): Promise<TileCounters[][]> {
    return Promise.all(this.pages.map(({ page }) => readTileCounters(page)));
  }

  async close(): Promise<void> {
    for (const { context } of this.pages) await context.close().catch(() => undefined);
    await this.#browser.close().catch(() => undefined);
    await this.#host.close().catch(() => undefined);
    fs.rmSync(this.#dataDir, { recursive: true, force: true });
  }
}

/**
 * When each of RoomClient's join steps ended (its "phonghop:join:*" performance marks), in ms
 * after the join started (for consumer steps, the last one), and when each remote tile first
 * showed a decoded frame (`frame:<name>`); with the start's wall-clock time.
 */
function joinPhases(page: Page): Promise<{ phases: Record<string, number>; startEpoch: number }> {
  return page.evaluate(() => {
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('phonghop:join:'));
    const start = marks.filter((m) => m.name === 'phonghop:join:start').at(-1)?.startTime ?? 0;
    const phases: Record<string, number> = {};
    for (const m of marks)
      if (m.startTime >= start)
        phases[m.name.slice('phonghop:join:'.length)] = Math.round(m.startTime - start);
    for (const tile of document.querySelectorAll<HTMLElement>('[data-testid="remote-tile"]')) {
      const at = tile.querySelector('video')?.dataset.firstFrameAt;
      if (at === undefined) continue;
      let key = `frame:${tile.dataset.peerName ?? '?'}`;
      // The bench reuses the demo users past a dozen participants: keep every tile apart.
      for (let n = 2; key in phases; n++) key = `frame:${tile.dataset.peerName ?? '?'} #${n}`;
      phases[key] = Math.round(Number(at) - start);
    }
    return { phases, startEpoch: performance.timeOrigin + start };
  });
}
