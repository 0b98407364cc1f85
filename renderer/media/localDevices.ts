/**
 * Opening this PC's camera and microphone, and saying in words a delegate understands why one
 * could not be opened. No React: the device check and RoomClient (a device added from inside
 * the room) both use it. `getUserMedia` is passed in, so the fallbacks run under vitest too.
 */

export type LocalDevice = 'camera' | 'microphone';

/**
 * Why a device could not be opened, from getUserMedia's error:
 * - not_found: there is none (NotFoundError), or the chosen one is gone (OverconstrainedError)
 * - not_allowed: permission refused by the user, the browser or the OS (NotAllowedError)
 * - busy: it exists but could not be started, mostly another application holds it
 *   (NotReadableError)
 * - other: anything else (no mediaDevices in this context, an aborted start…)
 */
export type DeviceFailureReason = 'not_found' | 'not_allowed' | 'busy' | 'other';

export interface DeviceFailure {
  reason: DeviceFailureReason;
  /** The browser's own message (English), kept for the technical staff when the reason is `other`. */
  detail?: string;
}

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** What the camera captures: the largest simulcast layer (see RoomClient's cameraEncodings). */
export const CAMERA_CAPTURE = { width: 960, height: 540, frameRate: 24 } as const;

/** Error names of getUserMedia by reason; older Chromium names ("…Error" of 2015) included. */
const reasonByErrorName: Readonly<Record<string, DeviceFailureReason>> = {
  NotFoundError: 'not_found',
  DevicesNotFoundError: 'not_found',
  OverconstrainedError: 'not_found',
  ConstraintNotSatisfiedError: 'not_found',
  NotAllowedError: 'not_allowed',
  PermissionDeniedError: 'not_allowed',
  PermissionDismissedError: 'not_allowed',
  SecurityError: 'not_allowed',
  NotReadableError: 'busy',
  TrackStartError: 'busy',
};

/** The reason a getUserMedia call failed with `error` (a DOMException, or anything thrown). */
export function deviceFailure(error: unknown): DeviceFailure {
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const reason = Object.hasOwn(reasonByErrorName, name) ? reasonByErrorName[name]! : 'other';
  if (reason !== 'other') return { reason };
  // DOMException is an Error in browsers and in Node alike.
  const detail = error instanceof Error ? error.message : '';
  return detail ? { reason, detail: name ? `${name}: ${detail}` : detail } : { reason };
}

/** Constraints of one device: the chosen one (by id), else the system's default. */
export function deviceConstraints(
  device: LocalDevice,
  deviceId?: string | null,
): MediaTrackConstraints | true {
  const id = deviceId ? { deviceId: { exact: deviceId } } : {};
  if (device === 'camera') return { ...CAMERA_CAPTURE, ...id };
  return deviceId ? id : true;
}

/** The browser's getUserMedia, or one that fails as a missing API does (an insecure page). */
export function browserGetUserMedia(): GetUserMedia {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!devices?.getUserMedia)
    return () => Promise.reject(new TypeError('navigator.mediaDevices is not available'));
  return (constraints) => devices.getUserMedia(constraints);
}

/** Opens one device: its track, or why it could not be opened. */
export async function openLocalDevice(
  getUserMedia: GetUserMedia,
  device: LocalDevice,
  deviceId?: string | null,
): Promise<{ track: MediaStreamTrack } | { failure: DeviceFailure }> {
  const constraints = deviceConstraints(device, deviceId);
  try {
    const stream = await getUserMedia(
      device === 'camera' ? { video: constraints } : { audio: constraints },
    );
    const track = (device === 'camera' ? stream.getVideoTracks() : stream.getAudioTracks())[0];
    // Whatever else came (nothing, normally) is not ours to keep running.
    for (const other of stream.getTracks()) if (other !== track) other.stop();
    return track ? { track } : { failure: { reason: 'not_found' } };
  } catch (error) {
    return { failure: deviceFailure(error) };
  }
}

export interface OpenedDevices {
  /** The tracks that opened: the microphone's first, then the camera's. */
  tracks: MediaStreamTrack[];
  /** Each device that did not open, with why. */
  failures: Partial<Record<LocalDevice, DeviceFailure>>;
}

/**
 * Opens camera and microphone together (one permission prompt), and if that fails, each on its
 * own: a PC without a camera must still be able to send its microphone, and the delegate must be
 * told which of the two failed and why. One after the other, so a browser asks once at a time.
 */
export async function openLocalDevices(
  getUserMedia: GetUserMedia,
  chosen: { cameraId?: string | null; microphoneId?: string | null } = {},
): Promise<OpenedDevices> {
  try {
    const stream = await getUserMedia({
      audio: deviceConstraints('microphone', chosen.microphoneId),
      video: deviceConstraints('camera', chosen.cameraId),
    });
    return { tracks: [...stream.getAudioTracks(), ...stream.getVideoTracks()], failures: {} };
  } catch {
    // Which one failed, and why: asked of each on its own below.
  }
  const tracks: MediaStreamTrack[] = [];
  const failures: OpenedDevices['failures'] = {};
  for (const [device, id] of [
    ['microphone', chosen.microphoneId],
    ['camera', chosen.cameraId],
  ] as const) {
    const opened = await openLocalDevice(getUserMedia, device, id);
    if ('track' in opened) tracks.push(opened.track);
    else failures[device] = opened.failure;
  }
  return { tracks, failures };
}
