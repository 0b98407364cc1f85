/**
 * A media server at its consumer bound: a site that joins a full worker hears the others (their
 * microphones are asked for first), its tiles say that the server is full instead of staying
 * black without a word, and the refused videos come as soon as a place frees up.
 *
 * Its own server (one worker, a bound of 6 consumers) and browser host, so the shared e2e
 * server keeps mediasoup's default bound; two synthetic senders (werift, real RTP) fill it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { expect, test } from '@playwright/test';
import { startMediaClock, SyntheticClient } from '../../bench/sfu/syntheticClient';
import { BrowserHost } from '../../main/host/BrowserHost';
import { appVersion } from '../../main/version';
import type { Server } from '../../sfu-server/src/Server';
import { startTestServer } from '../helpers/testServer';
import { enterRoom, readTileCounters } from './helpers';

const MEETING = 'hd-bcd-cds-review';
const CHAIR = 'Nguyễn Minh Hùng';
const SENDER = 'Đặng Thị Ngọc Ánh';

let server: Server;
let host: BrowserHost;
let stopMediaClock: () => void;
const senders: SyntheticClient[] = [];

test.beforeAll(async () => {
  // Ports apart from the shared e2e server's (40000–49999).
  ({ server } = await startTestServer({
    workers: 1,
    maxConsumersPerWorker: 6,
    rtcMinPort: 50000,
    rtcMaxPort: 50999,
  }));
  host = await BrowserHost.start({
    host: '127.0.0.1',
    port: 0,
    rendererDir: path.resolve('dist/renderer'),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-capacity-client-')),
    serverUrl: server.url,
    version: appVersion,
    logger: pino({ level: 'silent' }),
  });
  stopMediaClock = startMediaClock(senders);
});

test.afterAll(async () => {
  stopMediaClock();
  await Promise.all(senders.map((s) => s.close().catch(() => undefined)));
  await host?.close();
  await server?.close();
});

test('a site joining a full media server hears everyone, is told why video is missing, and gets it once a place frees up', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Two senders consume each other's microphone and camera: 4 of the worker's 6 places.
  for (const username of ['chutri', 'sokhdt']) {
    const sender = new SyntheticClient(server.url, username, { send: true });
    senders.push(sender);
    await sender.join();
  }
  // The first sender consumes the second's producers on its announcement, a moment after.
  await expect.poll(() => server.workerPool.consumerCounts()[0]!.consumers).toBe(4);

  const context = await browser.newContext({ baseURL: host.url });
  const page = await context.newPage();
  await enterRoom(page, 'thuky', MEETING);
  const tiles = page.getByTestId('remote-tile');
  await expect(tiles).toHaveCount(2, { timeout: 30_000 });
  const tile = (name: string) =>
    page.locator(`[data-testid="remote-tile"][data-peer-name="${name}"]`);

  // The two places left go to the two microphones; both cameras are refused, and said so.
  for (const name of [CHAIR, SENDER]) {
    await expect(tile(name).getByTestId('refused-by-server')).toHaveText(
      'Máy chủ đã đầy, chưa nhận được. Đang thử lại…',
    );
  }
  const before = await readTileCounters(page);
  await expect
    .poll(async () => {
      const now = await readTileCounters(page);
      return [CHAIR, SENDER].every(
        (name) =>
          now.find((c) => c.name === name)!.audioBytes >
          before.find((c) => c.name === name)!.audioBytes,
      );
    })
    .toBe(true);
  expect((await readTileCounters(page)).every((c) => c.framesDecoded === 0)).toBe(true);
  const counts = server.workerPool.consumerCounts()[0]!;
  expect(counts.consumers).toBe(6);
  expect(counts.refused).toBeGreaterThanOrEqual(2);

  // One sender leaves: its consumers free the worker, and the chair's camera comes.
  const leaving = senders.pop()!;
  await leaving.close();
  await expect(tiles).toHaveCount(1);
  await expect(tile(CHAIR).getByTestId('refused-by-server')).toHaveCount(0);
  await expect
    .poll(async () => (await readTileCounters(page))[0]!.framesDecoded, { timeout: 20_000 })
    .toBeGreaterThan(0);
  expect(server.workerPool.consumerCounts()[0]!.consumers).toBeLessThanOrEqual(6);
  await context.close();
});
