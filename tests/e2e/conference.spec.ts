import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  enterRoom as enterMeetingRoom,
  openThreeSites,
  readTileCounters,
  submitLogin,
} from './helpers';

const MEETING = 'hd-bcd-cds-review';

const enterRoom = (page: Page, username: string) => enterMeetingRoom(page, username, MEETING);

const counters = readTileCounters;

type Counters = Awaited<ReturnType<typeof counters>>;
const tileOf = (list: Counters, name: string) => list.find((c) => c.name === name)!;

test('three delegates at three sites each receive the other two sites’ audio and video', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const people = [
    { username: 'chutri', name: 'Nguyễn Minh Hùng', site: 'Hội trường UBND thành phố' },
    { username: 'camgiang', name: 'Nguyễn Văn Thịnh', site: 'Điểm cầu xã Cẩm Giàng' },
    { username: 'gialoc', name: 'Lương Thị Huyền', site: 'Điểm cầu xã Gia Lộc' },
  ];
  const contexts = await Promise.all(people.map(() => browser.newContext()));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, person] of people.entries()) {
    if (i < 2) {
      await enterRoom(pages[i]!, person.username);
      continue;
    }
    // The last one lingers on the device check, where the room's connection is already opened
    // ahead of the join: nobody in the room sees them before they click.
    const page = pages[i]!;
    await submitLogin(page, person.username);
    await page.getByTestId(`meeting-card-${MEETING}`).click();
    await page.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByName('phonghop:join:socket').length))
      .toBe(1);
    await expect(pages[0]!.getByTestId('remote-tile')).toHaveCount(1, { timeout: 30_000 });
    await pages[0]!.waitForTimeout(500);
    await expect(pages[0]!.getByTestId('remote-tile')).toHaveCount(1);
    await page.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();
  }

  for (const [i, page] of pages.entries()) {
    const others = people.filter((_, j) => j !== i);
    await expect(page.getByTestId('remote-tile')).toHaveCount(2, { timeout: 30_000 });
    for (const other of others) {
      const tile = page.locator(`[data-testid="remote-tile"][data-peer-name="${other.name}"]`);
      await expect(tile).toContainText(other.site);
    }
    // Each tile rates its network from WebRTC stats (loopback: nothing is lost).
    await expect(page.getByTestId('network-quality').first()).toHaveAttribute(
      'data-quality',
      /good|fair/,
      {
        timeout: 20_000,
      },
    );
    // Media is flowing: every remote tile has audio bytes and decoded video frames…
    await expect
      .poll(
        async () => (await counters(page)).every((c) => c.audioBytes > 0 && c.framesDecoded > 0),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
  }
  // …and keeps flowing (frames and bytes still increase a moment later). The poll answers with
  // the tiles that stalled, so a failure names them. 30 s: three Chromium encoders share 2 cores.
  for (const page of pages) {
    const before = await counters(page);
    await expect
      .poll(
        async () => {
          const after = await counters(page);
          return after
            .filter((c) => {
              const b = before.find((x) => x.name === c.name)!;
              return !(
                c.framesDecoded > b.framesDecoded &&
                c.audioBytes > b.audioBytes &&
                c.videoBytes > b.videoBytes
              );
            })
            .map((c) => c.name);
        },
        { timeout: 30_000 },
      )
      .toEqual([]);
  }

  // The last to join received the room's media before sending its own (RoomClient's join marks):
  // its camera's encoder and offer would otherwise compete with the first remote frames.
  const order = await pages[2]!.evaluate(() =>
    ['consume:resumed', 'produce:start'].map(
      (step) => performance.getEntriesByName(`phonghop:join:${step}`)[0]?.startTime ?? null,
    ),
  );
  expect(order[0]).not.toBeNull();
  expect(order[1]).toBeGreaterThanOrEqual(order[0]!);

  // Someone leaving disappears from the others' rooms.
  await pages[2]!.getByRole('button', { name: 'Rời phòng' }).click();
  await expect(pages[0]!.getByTestId('remote-tile')).toHaveCount(1);
  await expect(pages[1]!.getByTestId('remote-tile')).toHaveCount(1);
  await Promise.all(contexts.map((c) => c.close()));
});

test('the chair mutes a site: its audio stops reaching the others until the chair unmutes it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang, giaLoc] = pages as [Page, Page, Page];
  await enterRoom(chair, 'chutri');
  await enterRoom(camGiang, 'camgiang');
  await enterRoom(giaLoc, 'gialoc');
  const camGiangName = 'Nguyễn Văn Thịnh';
  const audioFromCamGiang = async () =>
    tileOf(await counters(giaLoc), camGiangName)?.audioBytes ?? 0;
  await expect.poll(audioFromCamGiang, { timeout: 30_000 }).toBeGreaterThan(0);

  const tileAtChair = chair.locator(
    `[data-testid="remote-tile"][data-peer-name="${camGiangName}"]`,
  );
  await tileAtChair.getByRole('button', { name: 'Tắt micrô cả điểm cầu' }).click();
  await expect(camGiang.getByText('Chủ trì đã tắt micrô của bạn')).toBeVisible();
  await expect(
    giaLoc.locator(`[data-testid="remote-tile"][data-peer-name="${camGiangName}"]`),
  ).toHaveAttribute('data-mic-muted', 'true');
  // The server paused the producer: after the last in-flight packets, nothing more arrives.
  await giaLoc.waitForTimeout(1500);
  const muted = await audioFromCamGiang();
  await giaLoc.waitForTimeout(3000);
  expect(await audioFromCamGiang()).toBe(muted);
  // The muted delegate cannot undo the chair's mute.
  await expect(camGiang.getByRole('button', { name: 'Bật micrô' })).toBeDisabled();

  await tileAtChair.getByRole('button', { name: 'Bật micrô' }).click();
  await expect.poll(audioFromCamGiang, { timeout: 15_000 }).toBeGreaterThan(muted);
  await expect(camGiang.getByText('Chủ trì đã tắt micrô của bạn')).toBeHidden();
  await Promise.all(contexts.map((c) => c.close()));
});

test('a client whose signaling WebSocket is cut shows it is reconnecting, rejoins (its muted microphone still muted) and receives media again', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang] = pages as [Page, Page, Page];
  const sockets: import('@playwright/test').WebSocketRoute[] = [];
  await camGiang.routeWebSocket(/\/ws\?ticket=/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await enterRoom(chair, 'chutri');
  await enterRoom(camGiang, 'camgiang');
  const frames = async () =>
    tileOf(await counters(camGiang), 'Nguyễn Minh Hùng')?.framesDecoded ?? 0;
  await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(0);
  // The delegate has muted their own microphone: a reconnect must not open it again.
  const camGiangAtChair = chair.locator(
    '[data-testid="remote-tile"][data-peer-name="Nguyễn Văn Thịnh"]',
  );
  await camGiang.getByRole('button', { name: 'Tắt micrô', exact: true }).click();
  await expect(camGiangAtChair).toHaveAttribute('data-mic-muted', 'true');

  await sockets[0]!.close({ code: 4000, reason: 'network lost' });
  await expect(camGiang.getByRole('status').filter({ hasText: 'Đang kết nối lại' })).toBeVisible();
  await expect.poll(() => sockets.length, { timeout: 20_000 }).toBeGreaterThan(1);
  await expect(camGiang.getByTestId('remote-tile')).toHaveCount(1, { timeout: 20_000 });
  // Receiving again on the new connection (counters restart with the new consumers).
  await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(10);
  const before = await frames();
  await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(before);
  // And the others receive the rejoined client again.
  await expect
    .poll(async () => tileOf(await counters(chair), 'Nguyễn Văn Thịnh')?.framesDecoded ?? 0, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  // Still muted, at the server too: the chair sees it and hears nothing from it.
  await expect(camGiangAtChair).toHaveAttribute('data-mic-muted', 'true');
  await expect(camGiang.getByRole('button', { name: 'Bật micrô', exact: true })).toBeVisible();
  const audioAtChair = async () =>
    tileOf(await counters(chair), 'Nguyễn Văn Thịnh')?.audioBytes ?? 0;
  await chair.waitForTimeout(1500);
  const silent = await audioAtChair();
  await chair.waitForTimeout(2500);
  expect(await audioAtChair()).toBe(silent);
  await Promise.all(contexts.map((c) => c.close()));
});

test('speaker view asks the SFU for the big simulcast layer for the main tile and the smallest for the strip, and its sender for the top layer; audio-only stops video', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang, giaLoc] = pages as [Page, Page, Page];
  await enterRoom(chair, 'chutri');
  await enterRoom(camGiang, 'camgiang');
  await enterRoom(giaLoc, 'gialoc');
  await expect(giaLoc.getByTestId('remote-tile')).toHaveCount(2);

  await giaLoc.getByText('Người phát biểu', { exact: true }).click();
  const main = giaLoc.getByTestId('speaker-main').getByTestId('remote-tile');
  const strip = giaLoc.getByTestId('speaker-strip').getByTestId('remote-tile');
  await expect(main).toHaveAttribute('data-preferred-layer', '2');
  await expect(strip).toHaveAttribute('data-preferred-layer', '0');
  // The server's simulcast consumers took those preferences (which layer actually flows also
  // depends on what the sender's encoder keeps up under load, so it is not asserted here).
  await expect(main).toHaveAttribute('data-server-preferred-layer', '2');
  await expect(strip).toHaveAttribute('data-server-preferred-layer', '0');
  // Senders send only the layers someone receives: the main tile's sender now sends all three
  // (the main tile follows the active speaker, so either of the two may be it).
  const cameraLayers = (page: Page) =>
    page.getByTestId('producer-video').getAttribute('data-max-spatial-layer');
  await expect
    .poll(async () => [await cameraLayers(chair), await cameraLayers(camGiang)], {
      timeout: 15_000,
    })
    .toContain('2');
  // Back to the grid: each tile is mid-sized again, and nobody sends the top layer any more.
  await giaLoc.getByText('Lưới', { exact: true }).click();
  await expect(giaLoc.getByTestId('remote-tile').first()).toHaveAttribute(
    'data-server-preferred-layer',
    '1',
  );
  await expect
    .poll(async () => [await cameraLayers(chair), await cameraLayers(camGiang)], {
      timeout: 15_000,
    })
    .toEqual(['1', '1']);
  await expect(chair.getByTestId('producer-video')).toContainText('Gửi 2/3 lớp hình');
  await giaLoc.getByText('Người phát biểu', { exact: true }).click();

  // Audio only: video stops arriving at this site, audio keeps flowing.
  // Mantine's switch input is visually hidden behind its track: check it by role.
  await giaLoc
    .getByRole('switch', { name: 'Chỉ âm thanh (đường truyền yếu)' })
    .check({ force: true });
  await giaLoc.waitForTimeout(1500);
  const before = await counters(giaLoc);
  await giaLoc.waitForTimeout(3000);
  const after = await counters(giaLoc);
  for (const c of after) {
    const b = tileOf(before, c.name!);
    expect(c.videoBytes, c.name!).toBe(b.videoBytes);
    expect(c.audioBytes, c.name!).toBeGreaterThan(b.audioBytes);
  }
  // …and its own camera is no longer sent to the others.
  const fromGiaLoc = async () => tileOf(await counters(chair), 'Lương Thị Huyền').videoBytes;
  const sentBefore = await fromGiaLoc();
  await chair.waitForTimeout(3000);
  expect(await fromGiaLoc()).toBe(sentBefore);
  await Promise.all(contexts.map((c) => c.close()));
});

/** Pids of the mediasoup workers of the e2e server (children of the process serving .cache/e2e). */
function e2eWorkerPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('mediasoup-worker')) continue;
      const ppid = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]!;
      const parent = fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
      if (parent.includes('.cache/e2e/server')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

test('when the mediasoup worker dies, the room is re-created and the clients rejoin and receive media by themselves', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang] = pages as [Page, Page, Page];
  await enterRoom(chair, 'chutri');
  await enterRoom(camGiang, 'camgiang');
  const frames = async () =>
    tileOf(await counters(camGiang), 'Nguyễn Minh Hùng')?.framesDecoded ?? 0;
  await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(0);

  const [worker] = e2eWorkerPids();
  expect(worker).toBeDefined();
  process.kill(worker!, 'SIGKILL');
  await expect(camGiang.getByRole('status').filter({ hasText: 'Đang kết nối lại' })).toBeVisible();
  await expect
    .poll(() => e2eWorkerPids().filter((p) => p !== worker).length, { timeout: 20_000 })
    .toBe(1);
  // Both clients are back in a new room and receive each other again.
  await expect.poll(frames, { timeout: 40_000 }).toBeGreaterThan(10);
  await expect
    .poll(async () => tileOf(await counters(chair), 'Nguyễn Văn Thịnh')?.framesDecoded ?? 0, {
      timeout: 30_000,
    })
    .toBeGreaterThan(10);
  await Promise.all(contexts.map((c) => c.close()));
});

test('a shared screen appears large for the other sites, named by person and site, and goes away when stopped', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang] = pages as [Page, Page, Page];
  await enterRoom(chair, 'chutri');
  await enterRoom(camGiang, 'camgiang');
  await expect(camGiang.getByTestId('remote-tile')).toHaveCount(1);

  await chair.getByRole('button', { name: 'Chia sẻ màn hình' }).click();
  const screen = camGiang.getByTestId('screen-share');
  await expect(screen).toContainText('Màn hình của Nguyễn Minh Hùng — Hội trường UBND thành phố');
  // Frames of the shared screen are decoded and shown.
  await expect
    .poll(
      () =>
        screen
          .locator('video')
          .evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(5);
  await chair.getByRole('button', { name: 'Dừng chia sẻ' }).click();
  await expect(screen).toHaveCount(0);
  await Promise.all(contexts.map((c) => c.close()));
});

test('a site’s receive cap keeps only that many videos flowing; lifting it brings the others back', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { contexts, pages } = await openThreeSites(browser);
  const [chair, camGiang, giaLoc] = pages as [Page, Page, Page];
  await enterRoom(chair, 'chutri');
  await enterRoom(camGiang, 'camgiang');
  await enterRoom(giaLoc, 'gialoc');
  await expect
    .poll(async () => (await counters(giaLoc)).filter((c) => c.framesDecoded > 0).length, {
      timeout: 30_000,
    })
    .toBe(2);

  await giaLoc.getByRole('combobox', { name: 'Số hình nhận tối đa' }).click();
  await giaLoc.getByRole('option', { name: '1', exact: true }).click();
  const capped = giaLoc.locator('[data-testid="remote-tile"][data-video-capped="true"]');
  await expect(capped).toHaveCount(1);
  await expect(capped).toContainText('Tạm tắt hình');
  // The cap keeps the active speaker's video, so which tile is capped can move while people
  // talk: judge a 3 s window in which the same tile stayed capped.
  const cappedNow = async () => (await capped.getAttribute('data-peer-name'))!;
  /** The tile that stayed capped through the window, and its video bytes at the end of it. */
  const held = { name: '', videoBytes: 0 };
  await giaLoc.waitForTimeout(1500);
  await expect
    .poll(
      async () => {
        const cappedName = await cappedNow();
        const before = await counters(giaLoc);
        await giaLoc.waitForTimeout(3000);
        const after = await counters(giaLoc);
        if ((await cappedNow()) !== cappedName) return 'the cap moved; try another window';
        const otherName = after.find((c) => c.name !== cappedName)!.name!;
        const cappedGrew =
          tileOf(after, cappedName).videoBytes - tileOf(before, cappedName).videoBytes;
        const otherGrew =
          tileOf(after, otherName).videoBytes - tileOf(before, otherName).videoBytes;
        Object.assign(held, { name: cappedName, videoBytes: tileOf(after, cappedName).videoBytes });
        return cappedGrew === 0 && otherGrew > 0
          ? 'capped video stopped, the other flows'
          : `capped +${cappedGrew} B, other +${otherGrew} B`;
      },
      { timeout: 45_000, intervals: [0] },
    )
    .toBe('capped video stopped, the other flows');

  await giaLoc.getByRole('combobox', { name: 'Số hình nhận tối đa' }).click();
  await giaLoc.getByRole('option', { name: 'Tất cả' }).click();
  await expect(capped).toHaveCount(0);
  await expect
    .poll(async () => tileOf(await counters(giaLoc), held.name).videoBytes, { timeout: 15_000 })
    .toBeGreaterThan(held.videoBytes);
  await Promise.all(contexts.map((c) => c.close()));
});
