import { describe, expect, it } from 'vitest';
import {
  CAMERA_CAPTURE,
  deviceConstraints,
  deviceFailure,
  openLocalDevice,
  openLocalDevices,
  type DeviceFailureReason,
  type GetUserMedia,
} from '../../../renderer/media/localDevices';
import { en } from '../../../renderer/i18n/en';
import { vi } from '../../../renderer/i18n/vi';

/**
 * Node has no media devices: a stand-in for the browser's getUserMedia that opens what this
 * "PC" has and fails for the rest with the DOMException Chromium throws.
 */
interface FakeTrack {
  kind: 'audio' | 'video';
  stopped: boolean;
  stop(): void;
}
function fakeTrack(kind: 'audio' | 'video'): FakeTrack {
  return {
    kind,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  };
}
function fakeStream(tracks: FakeTrack[]): MediaStream {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
}
function fakePc(has: { camera?: DOMException; microphone?: DOMException }): {
  getUserMedia: GetUserMedia;
  calls: MediaStreamConstraints[];
} {
  const calls: MediaStreamConstraints[] = [];
  const getUserMedia: GetUserMedia = (constraints) => {
    calls.push(constraints);
    const failure =
      (constraints.audio && has.microphone) || (constraints.video && has.camera) || undefined;
    if (failure) return Promise.reject(failure);
    const tracks = [
      ...(constraints.audio ? [fakeTrack('audio')] : []),
      ...(constraints.video ? [fakeTrack('video')] : []),
    ];
    return Promise.resolve(fakeStream(tracks));
  };
  return { getUserMedia, calls };
}

describe('deviceFailure()', () => {
  it.each([
    ['NotFoundError', 'not_found'],
    ['DevicesNotFoundError', 'not_found'],
    ['OverconstrainedError', 'not_found'],
    ['NotAllowedError', 'not_allowed'],
    ['PermissionDeniedError', 'not_allowed'],
    ['SecurityError', 'not_allowed'],
    ['NotReadableError', 'busy'],
    ['TrackStartError', 'busy'],
  ] as const)('a %s is %s, without the browser’s English message', (name, reason) => {
    expect(deviceFailure(new DOMException('Requested device not found', name))).toEqual({
      reason,
    });
  });

  it('any other error is other, keeping the browser’s message as a technical detail', () => {
    expect(deviceFailure(new DOMException('Starting videoinput failed', 'AbortError'))).toEqual({
      reason: 'other',
      detail: 'AbortError: Starting videoinput failed',
    });
    expect(deviceFailure(new TypeError('navigator.mediaDevices is not available'))).toEqual({
      reason: 'other',
      detail: 'TypeError: navigator.mediaDevices is not available',
    });
    expect(deviceFailure('nonsense')).toEqual({ reason: 'other' });
    expect(deviceFailure(null)).toEqual({ reason: 'other' });
  });

  it('an OverconstrainedError-like object (no Error prototype) maps by its name', () => {
    expect(deviceFailure({ name: 'OverconstrainedError', constraint: 'deviceId' })).toEqual({
      reason: 'not_found',
    });
  });

  it('every reason has a Vietnamese and an English sentence for each device', () => {
    const reasons: DeviceFailureReason[] = ['not_found', 'not_allowed', 'busy', 'other'];
    for (const device of ['camera', 'microphone'] as const)
      for (const reason of reasons) {
        const inVietnamese = vi.devices[device][reason];
        const inEnglish = en.devices[device][reason];
        expect(inVietnamese).not.toBe(inEnglish);
        expect(inVietnamese.toLowerCase()).toContain(device === 'camera' ? 'camera' : 'micrô');
        expect(inEnglish.toLowerCase()).toContain(device);
      }
  });
});

describe('deviceConstraints()', () => {
  it('asks the camera for the capture size, and for the chosen device exactly', () => {
    expect(deviceConstraints('camera')).toEqual(CAMERA_CAPTURE);
    expect(deviceConstraints('camera', 'cam-2')).toEqual({
      ...CAMERA_CAPTURE,
      deviceId: { exact: 'cam-2' },
    });
    expect(deviceConstraints('microphone')).toBe(true);
    expect(deviceConstraints('microphone', 'mic-2')).toEqual({ deviceId: { exact: 'mic-2' } });
  });
});

describe('openLocalDevices()', () => {
  it('opens camera and microphone in one call when both work', async () => {
    const pc = fakePc({});
    const opened = await openLocalDevices(pc.getUserMedia);
    expect(opened.failures).toEqual({});
    expect(opened.tracks.map((t) => t.kind)).toEqual(['audio', 'video']);
    expect(pc.calls).toHaveLength(1);
  });

  it('on a PC without a camera, keeps the microphone and says the camera was not found', async () => {
    const pc = fakePc({ camera: new DOMException('Requested device not found', 'NotFoundError') });
    const opened = await openLocalDevices(pc.getUserMedia);
    expect(opened.tracks.map((t) => t.kind)).toEqual(['audio']);
    expect(opened.failures).toEqual({ camera: { reason: 'not_found' } });
  });

  it('with the microphone held by another application, keeps the camera and says it is busy', async () => {
    const pc = fakePc({
      microphone: new DOMException('Could not start audio source', 'NotReadableError'),
    });
    const opened = await openLocalDevices(pc.getUserMedia, { cameraId: 'cam-1' });
    expect(opened.tracks.map((t) => t.kind)).toEqual(['video']);
    expect(opened.failures).toEqual({ microphone: { reason: 'busy' } });
    // The chosen camera is asked for on its own too.
    expect(pc.calls.at(-1)).toEqual({
      video: { ...CAMERA_CAPTURE, deviceId: { exact: 'cam-1' } },
    });
  });

  it('with permission refused, opens nothing and names both devices', async () => {
    const denied = new DOMException('Permission denied', 'NotAllowedError');
    const pc = fakePc({ camera: denied, microphone: denied });
    const opened = await openLocalDevices(pc.getUserMedia);
    expect(opened.tracks).toEqual([]);
    expect(opened.failures).toEqual({
      camera: { reason: 'not_allowed' },
      microphone: { reason: 'not_allowed' },
    });
    // Together, then each on its own, one after the other.
    expect(pc.calls).toHaveLength(3);
  });
});

describe('openLocalDevice()', () => {
  it('returns only the asked device’s track and stops anything else that came', async () => {
    const extra = fakeTrack('audio');
    const video = fakeTrack('video');
    const opened = await openLocalDevice(
      () => Promise.resolve(fakeStream([video, extra])),
      'camera',
    );
    expect(opened).toEqual({ track: video });
    expect(extra.stopped).toBe(true);
    expect(video.stopped).toBe(false);
  });

  it('a stream without the asked kind of track is a device not found', async () => {
    const opened = await openLocalDevice(() => Promise.resolve(fakeStream([])), 'microphone');
    expect(opened).toEqual({ failure: { reason: 'not_found' } });
  });

  it('a missing mediaDevices API fails as other, not as a crash', async () => {
    const opened = await openLocalDevice(
      () => Promise.reject(new TypeError('navigator.mediaDevices is not available')),
      'camera',
    );
    expect(opened).toEqual({
      failure: { reason: 'other', detail: 'TypeError: navigator.mediaDevices is not available' },
    });
  });
});
