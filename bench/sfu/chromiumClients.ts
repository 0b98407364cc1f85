/**
 * Real participants: headless Chromium pages with fake camera and microphone, driving the
 * actual UI (served by the in-process BrowserHost) the way the e2e tests do.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BrowserHost } from '../../main/host/BrowserHost';
import { appVersion } from '../../main/version';
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
   * a decoded video frame.
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
    const started = performance.now();
    await join.click();
    await page
      .waitForFunction(
        (expected) => {
          const videos = [
            ...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video'),
          ];
          // When each tile first showed a frame, by peer name (joinPhases reports them).
          const w = window as unknown as { firstFrames?: Record<string, number> };
          w.firstFrames ??= {};
          for (const v of videos) {
            const name = v.closest('[data-peer-name]')?.getAttribute('data-peer-name') ?? '?';
            if (v.readyState >= 2 && v.videoWidth > 0) w.firstFrames[name] ??= performance.now();
          }
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
    entry.joinMs = performance.now() - started;
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(
        path.join(profileDir, `join-${username}.cpuprofile`),
        JSON.stringify(profile),
      );
    }
    entry.phases = await joinPhases(page);
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
 * after the join started; for consumer steps, the last one. `frames` is now: every remote tile
 * has a decoded frame.
 */
function joinPhases(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('phonghop:join:'));
    const start = marks.filter((m) => m.name === 'phonghop:join:start').at(-1)?.startTime ?? 0;
    const phases: Record<string, number> = {};
    for (const m of marks)
      if (m.startTime >= start)
        phases[m.name.slice('phonghop:join:'.length)] = Math.round(m.startTime - start);
    phases.frames = Math.round(performance.now() - start);
    const firstFrames = (window as unknown as { firstFrames?: Record<string, number> }).firstFrames;
    for (const [name, at] of Object.entries(firstFrames ?? {}))
      phases[`frame:${name}`] = Math.round(at - start);
    return phases;
  });
}
