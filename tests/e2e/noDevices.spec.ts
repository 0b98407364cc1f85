import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../helpers/chromium';
import { enterRoom, openDeviceCheck, readTileCounters } from './helpers';

// Issue #15 §4: taking part without a camera or microphone. The review meeting is shared with
// other specs: these delegates (kinhmon, sokhdt, sotc, sogddt) are none of theirs, and what is
// added to the speaking queue and the votes is cleared or closed again.
const MEETING = 'hd-bcd-cds-review';
const CHAIR_NAME = 'Nguyễn Minh Hùng';

const panel = (page: Page) => page.getByRole('region', { name: 'Điều hành cuộc họp' });
const tileOf = (page: Page, name: string) =>
  page.locator(`[data-testid="remote-tile"][data-peer-name="${name}"]`);
const serverPackets = async (page: Page, kind: 'audio' | 'video') =>
  Number(await page.getByTestId(`producer-${kind}`).getAttribute('data-server-packets'));

/** What the delegate reads when a device is missing or refused. */
const reasons = {
  camera: {
    not_found: 'Không tìm thấy camera trên máy này (chưa cắm, hoặc đã bị tắt).',
    not_allowed:
      'Quyền dùng camera đã bị từ chối. Hãy cho phép ứng dụng dùng camera trong cài đặt của trình duyệt hoặc Windows, rồi thử lại.',
  },
  microphone: {
    not_found: 'Không tìm thấy micrô trên máy này (chưa cắm, hoặc đã bị tắt).',
    not_allowed:
      'Quyền dùng micrô đã bị từ chối. Hãy cho phép ứng dụng dùng micrô trong cài đặt của trình duyệt hoặc Windows, rồi thử lại.',
  },
} as const;

/**
 * In the alert `testId`, the reason shown for `device` is "not found" or "not allowed" (which
 * one depends on the machine having such a device), in those exact Vietnamese words.
 */
async function expectReason(
  page: Page,
  testId: 'device-failures' | 'device-failure',
  device: 'camera' | 'microphone',
): Promise<string> {
  const line = page.getByTestId(testId).locator(`[data-device="${device}"]`);
  await expect(line).toHaveAttribute('data-reason', /^(not_found|not_allowed)$/);
  const reason = (await line.getAttribute('data-reason')) as 'not_found' | 'not_allowed';
  await expect(line).toHaveText(reasons[device][reason]);
  return reason;
}

/**
 * A Chromium of its own with the shared flags but without `keepOut` (the fake devices, the
 * auto-accepted permission prompt): getUserMedia then fails for real, as on a PC without devices
 * or whose user refused.
 */
function launchWithout(keepOut: (arg: string) => boolean): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS.filter((arg) => !keepOut(arg)),
  });
}

test('without any device (none, permission refused) a delegate is told why in Vietnamese, enters without camera/microphone, checks in, asks for the floor and votes; the chair sees them; turning the camera on in the room fails with the same reason and keeps them in', async ({
  browser,
  baseURL,
  locale,
  timezoneId,
}) => {
  test.setTimeout(180_000);
  const bare = await launchWithout((arg) => arg.startsWith('--use-fake-'));
  // A browser launched here has none of the config's context options: given as the fixture's.
  const delegateContext = await bare.newContext({
    baseURL,
    locale,
    timezoneId,
    permissions: [],
  });
  const chairContext = await browser.newContext();
  try {
    const chair = await chairContext.newPage();
    const delegate = await delegateContext.newPage();
    await enterRoom(chair, 'chutri', MEETING);
    await expect(panel(chair)).toBeVisible({ timeout: 30_000 });

    await openDeviceCheck(delegate, 'kinhmon', MEETING);
    const failures = delegate.getByTestId('device-failures');
    await expect(failures).toBeVisible({ timeout: 20_000 });
    await expect(failures).toContainText('Không mở được camera và micrô');
    // Chromium without a device says none was found (NotFoundError) before it asks for the
    // permission; on a PC with one, the refused prompt says not allowed (NotAllowedError).
    const cameraReason = await expectReason(delegate, 'device-failures', 'camera');
    await expectReason(delegate, 'device-failures', 'microphone');
    // No English browser message.
    await expect(failures).not.toContainText(/not found|permission/i);
    await expect(
      delegate.getByRole('button', { name: 'Vào phòng họp', exact: true }),
    ).toBeDisabled();
    await delegate.getByRole('button', { name: 'Vào họp không dùng camera/micrô' }).click();

    // In the meeting: the panels, and the room's sound and video received all the same.
    await expect(panel(delegate)).toBeVisible({ timeout: 30_000 });
    await expect(delegate.getByText('Bạn đang họp không dùng camera và micrô.')).toBeVisible();
    await expect
      .poll(
        async () =>
          (await readTileCounters(delegate)).find((c) => c.name === CHAIR_NAME)?.audioBytes ?? 0,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    // The chair sees the delegate: a tile without picture or microphone.
    const delegateAtChair = tileOf(chair, 'Phạm Văn Khởi');
    await expect(delegateAtChair).toBeVisible();
    await expect(delegateAtChair).toHaveAttribute('data-has-microphone', 'false');
    await expect(delegateAtChair).toContainText('Không có micrô');
    await expect(delegateAtChair).toContainText('Không có hình');

    // Attendance.
    await panel(delegate).getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await expect(panel(delegate).getByRole('button', { name: 'Đã điểm danh' })).toBeDisabled();
    await expect(chair.locator('[data-user-id="kinhmon"]')).toContainText(/Có mặt|Đến muộn/);

    // The speaking queue: asked, given (no microphone to open), ended.
    await panel(delegate)
      .getByRole('tab', { name: /Phát biểu/ })
      .click();
    await panel(delegate)
      .getByLabel('Nội dung phát biểu (không bắt buộc)')
      .fill('Ý kiến bằng văn bản của phường');
    await panel(delegate).getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    await panel(chair)
      .getByRole('tab', { name: /Phát biểu/ })
      .click();
    const request = panel(chair)
      .getByLabel('Danh sách đăng ký phát biểu')
      .locator('li', { hasText: 'Phạm Văn Khởi' });
    await expect(request).toContainText('Ý kiến bằng văn bản của phường');
    await request.getByRole('button', { name: 'Mời phát biểu' }).click();
    for (const page of [chair, delegate])
      await expect(panel(page).getByRole('status')).toContainText('Đang phát biểu: Phạm Văn Khởi');
    await panel(chair).getByRole('button', { name: 'Kết thúc phát biểu' }).click();
    await expect(panel(delegate).getByRole('status')).toBeHidden();

    // A vote.
    await panel(chair).getByRole('tab', { name: 'Biểu quyết' }).click();
    const question = `Thông qua báo cáo của phường Kinh Môn ${Date.now()}`;
    await panel(chair).getByLabel('Nội dung biểu quyết').fill(question);
    await panel(chair).getByRole('button', { name: 'Mở biểu quyết' }).click();
    await panel(delegate).getByRole('tab', { name: 'Biểu quyết' }).click();
    const card = panel(delegate).getByRole('region', { name: question });
    await card.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await expect(card).toContainText('Bạn đã chọn: Đồng ý');
    const chairCard = panel(chair).getByRole('region', { name: question });
    await expect(chairCard).toContainText('Đã biểu quyết: 1/');
    await chairCard.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await expect(card).toContainText('Đã kết thúc');
    await expect(card.locator('[data-option="Đồng ý"]')).toContainText('1 phiếu');

    // Turning the camera on from the room fails again: the same reason, still in the meeting.
    await delegate.getByRole('button', { name: 'Bật camera' }).click();
    const failure = delegate.getByTestId('device-failure');
    await expect(failure).toContainText('Không bật được camera');
    expect(await expectReason(delegate, 'device-failure', 'camera')).toBe(cameraReason);
    await expect(failure).toContainText('Bạn vẫn đang ở trong phòng họp.');
    await expect(panel(delegate)).toBeVisible();
    await expect(delegate.getByRole('button', { name: 'Rời phòng' })).toBeVisible();
    await expect(tileOf(delegate, CHAIR_NAME)).toBeVisible();
  } finally {
    await delegateContext.close();
    await chairContext.close();
    await bare.close();
  }
});

test('with the camera refused and the microphone allowed, the delegate enters with the microphone only, which the server receives; the camera can be asked for again from the room', async ({
  baseURL,
  locale,
  timezoneId,
}) => {
  test.setTimeout(120_000);
  // Fake devices, but a real permission prompt, which only the microphone's grant answers.
  const prompting = await launchWithout((arg) => arg === '--use-fake-ui-for-media-stream');
  const context = await prompting.newContext({
    baseURL,
    locale,
    timezoneId,
    permissions: ['microphone'],
  });
  try {
    const page = await context.newPage();
    await openDeviceCheck(page, 'sogddt', MEETING);
    const failures = page.getByTestId('device-failures');
    await expect(failures).toContainText('Không mở được camera', { timeout: 20_000 });
    await expect(failures.locator('[data-device="camera"]')).toHaveText(reasons.camera.not_allowed);
    await expect(failures.locator('[data-device="microphone"]')).toHaveCount(0);
    await expect(failures).toContainText('Bạn vẫn có thể vào phòng họp chỉ với micrô.');
    await page.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();

    await expect.poll(() => serverPackets(page, 'audio'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('producer-video')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Tắt micrô', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Bật camera' }).click();
    await expect(page.getByTestId('device-failure').locator('[data-device="camera"]')).toHaveText(
      reasons.camera.not_allowed,
    );
    await expect(panel(page)).toBeVisible();
    // Still sending its microphone.
    const before = await serverPackets(page, 'audio');
    await expect.poll(() => serverPackets(page, 'audio')).toBeGreaterThan(before);
  } finally {
    await context.close();
    await prompting.close();
  }
});

test('hall mode: the delegate takes part (checks in, the chair sees them) with no camera or microphone open, no remote track received and every peer connection closed', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const chairContext = await browser.newContext();
  const hallContext = await browser.newContext();
  // Every peer connection the page makes, and every track getUserMedia hands it.
  await hallContext.addInitScript(() => {
    const seen = window as unknown as {
      peerConnections: RTCPeerConnection[];
      localTracks: MediaStreamTrack[];
    };
    seen.peerConnections = [];
    seen.localTracks = [];
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        seen.peerConnections.push(this);
      }
    };
    const devices = navigator.mediaDevices;
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      seen.localTracks.push(...stream.getTracks());
      return stream;
    };
  });
  try {
    const chair = await chairContext.newPage();
    const hall = await hallContext.newPage();
    await enterRoom(chair, 'chutri', MEETING);
    await expect(chair.getByTestId('producer-video')).toBeVisible({ timeout: 30_000 });

    await openDeviceCheck(hall, 'sokhdt', MEETING);
    // The devices work here; the delegate chooses hall mode all the same.
    await expect(hall.getByRole('button', { name: 'Vào phòng họp', exact: true })).toBeEnabled({
      timeout: 20_000,
    });
    await hall.getByRole('button', { name: 'Chế độ hội trường' }).click();
    await expect(hall.getByTestId('hall-mode')).toContainText('Chế độ hội trường');
    await expect(panel(hall)).toBeVisible({ timeout: 30_000 });
    await expect(hall.getByTestId('room')).toHaveAttribute('data-room-mode', 'hall');
    await expect(hall.getByRole('button', { name: 'Bật camera' })).toHaveCount(0);
    await expect(hall.getByRole('button', { name: 'Bật micrô' })).toHaveCount(0);
    await expect(hall.getByTestId('remote-tile')).toHaveCount(0);

    await panel(hall).getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await expect(chair.locator('[data-user-id="sokhdt"]')).toContainText(/Có mặt|Đến muộn/);
    const hallAtChair = tileOf(chair, 'Đặng Thị Ngọc Ánh');
    await expect(hallAtChair).toBeVisible();
    await expect(hallAtChair).toHaveAttribute('data-has-microphone', 'false');

    // The chair sends camera and microphone all along: nothing of it reaches the hall laptop.
    await expect.poll(() => serverPackets(chair, 'video')).toBeGreaterThan(0);
    await hall.waitForTimeout(3000);
    await expect(hall.getByTestId('room')).toHaveAttribute('data-remote-tracks', '0');
    const media = await hall.evaluate(() => {
      const seen = window as unknown as {
        peerConnections: RTCPeerConnection[];
        localTracks: MediaStreamTrack[];
      };
      return {
        openPeerConnections: seen.peerConnections.filter((pc) => pc.signalingState !== 'closed')
          .length,
        // The device check opened camera and microphone; they stopped with the choice.
        liveLocalTracks: seen.localTracks.filter((t) => t.readyState === 'live').length,
        localTracksOpened: seen.localTracks.length,
        playing: [...document.querySelectorAll('video, audio')].filter(
          (e) => (e as HTMLMediaElement).srcObject !== null,
        ).length,
      };
    });
    expect(media).toEqual({
      openPeerConnections: 0,
      liveLocalTracks: 0,
      localTracksOpened: 2,
      playing: 0,
    });
  } finally {
    await hallContext.close();
    await chairContext.close();
  }
});

test('entered without devices, a delegate turns the camera and then the microphone on from the room: both are sent and the chair receives them', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [chair, delegate] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
    await enterRoom(chair, 'chutri', MEETING);
    await openDeviceCheck(delegate, 'sotc', MEETING);
    await expect(delegate.getByRole('button', { name: 'Vào phòng họp', exact: true })).toBeEnabled({
      timeout: 20_000,
    });
    await delegate.getByRole('button', { name: 'Vào họp không dùng camera/micrô' }).click();
    await expect(delegate.getByText('Bạn đang họp không dùng camera và micrô.')).toBeVisible({
      timeout: 30_000,
    });
    await expect(delegate.getByTestId('producer-video')).toHaveCount(0);
    const delegateAtChair = tileOf(chair, 'Hoàng Văn Lộc');
    await expect(delegateAtChair).toHaveAttribute('data-has-microphone', 'false');

    await delegate.getByRole('button', { name: 'Bật camera' }).click();
    await expect
      .poll(() => serverPackets(delegate, 'video'), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect(delegate.getByRole('button', { name: 'Bật camera' })).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await readTileCounters(chair)).find((c) => c.name === 'Hoàng Văn Lộc')?.framesDecoded ??
          0,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    await delegate.getByRole('button', { name: 'Bật micrô', exact: true }).click();
    await expect
      .poll(() => serverPackets(delegate, 'audio'), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect(delegate.getByRole('button', { name: 'Tắt micrô', exact: true })).toBeVisible();
    await expect(delegateAtChair).toHaveAttribute('data-has-microphone', 'true');
    await expect
      .poll(
        async () =>
          (await readTileCounters(chair)).find((c) => c.name === 'Hoàng Văn Lộc')?.audioBytes ?? 0,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
