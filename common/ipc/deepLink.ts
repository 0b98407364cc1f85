/**
 * Links that open a meeting in the desktop app: `phonghop://join/<meetingId>` (enter its room),
 * `phonghop://open/<meetingId>` (show its details), and the same paths as a link to the
 * configured server (`https://<server>/join/<meetingId>`). The OS hands them to the app as a
 * command-line argument (Windows, Linux) or an `open-url` event (macOS); whatever else arrives is
 * refused whole, never half-followed. Pure (no node:, no DOM): main parses, the renderer receives
 * the parsed link (`app.deepLink`).
 */
import { z } from 'zod';

/** The URL scheme the installer registers for the app. */
export const DEEP_LINK_SCHEME = 'phonghop';

/** Longer than any real link: a longer argument is refused before it is parsed. */
const MAX_LINK_LENGTH = 2048;

/**
 * A meeting id as the server makes them (a UUID, or a slug such as `hd-bcd-cds-2022-09-27`):
 * letters, digits, `-` and `_`, 1 to 64 characters, starting with a letter or digit.
 */
export const deepLinkMeetingIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'not a meeting id');

export const deepLinkSchema = z.strictObject({
  /** join: enter the meeting's room (through the device check); open: show the meeting. */
  action: z.enum(['join', 'open']),
  meetingId: deepLinkMeetingIdSchema,
});
export type DeepLink = z.infer<typeof deepLinkSchema>;

/** Why a link was refused (main words it for the user). */
export type DeepLinkRefusal =
  /** Not a URL, or too long. */
  | 'malformed'
  /** Neither `phonghop:` nor a link to the configured server. */
  | 'foreign'
  /** Not `join` or `open`. */
  | 'unknown_action'
  /** The meeting id is missing or not one (see deepLinkMeetingIdSchema). */
  | 'invalid_meeting_id'
  /** A query, fragment, credentials, port or further path segments: links carry none. */
  | 'unexpected_parts';

export type DeepLinkParse = { ok: true; link: DeepLink } | { ok: false; reason: DeepLinkRefusal };

/**
 * Parses a link. `serverUrl` is the configured server: its links (same scheme, host and port)
 * are the app's too. One trailing `/` is tolerated (some shells add it); nothing else is.
 */
export function parseDeepLink(raw: string, options: { serverUrl?: string } = {}): DeepLinkParse {
  if (raw.length > MAX_LINK_LENGTH) return { ok: false, reason: 'malformed' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  let action: string;
  let rest: string[];
  if (url.protocol === `${DEEP_LINK_SCHEME}:`) {
    // phonghop://join/<id>: the action is the URL's host.
    if (url.username || url.password || url.port || url.search || url.hash) {
      return { ok: false, reason: 'unexpected_parts' };
    }
    if (!raw.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) {
      return { ok: false, reason: 'malformed' };
    }
    action = url.hostname;
    rest = url.pathname.split('/').slice(1);
  } else if (isServerLink(url, options.serverUrl)) {
    if (url.username || url.password || url.search || url.hash) {
      return { ok: false, reason: 'unexpected_parts' };
    }
    [action = '', ...rest] = url.pathname.split('/').slice(1);
  } else {
    return { ok: false, reason: 'foreign' };
  }
  if (action !== 'join' && action !== 'open') return { ok: false, reason: 'unknown_action' };
  if (rest.length === 2 && rest[1] === '') rest = [rest[0]!];
  if (rest.length > 1) return { ok: false, reason: 'unexpected_parts' };
  const meetingId = deepLinkMeetingIdSchema.safeParse(rest[0] ?? '');
  if (!meetingId.success) return { ok: false, reason: 'invalid_meeting_id' };
  return { ok: true, link: { action, meetingId: meetingId.data } };
}

function isServerLink(url: URL, serverUrl: string | undefined): boolean {
  if (!serverUrl || (url.protocol !== 'https:' && url.protocol !== 'http:')) return false;
  try {
    return url.origin === new URL(serverUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The link among a launch's command-line arguments (the last `phonghop:` or `http(s):` one), or
 * null when the launch carries none (a plain second start). Chromium may add switches around it,
 * and on Windows the executable's path (`C:\…`) comes first: one-letter schemes are drive letters.
 */
export function deepLinkArgument(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!;
    if (/^(phonghop|https?):/i.test(arg)) return arg;
  }
  return null;
}
