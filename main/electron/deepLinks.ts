/**
 * What the desktop app does with a link it was handed (a second launch's argument, macOS's
 * `open-url`): a valid link is kept for the renderer and announced (`app.deepLink`); a malformed
 * one is refused with a message naming what is wrong, and nothing reaches the renderer. Plain
 * functions and a small holder (no `electron`); startDesktopApp.ts wires them.
 */
import { parseDeepLink, type DeepLink, type DeepLinkRefusal } from '../../common/ipc/deepLink';

export type DeepLinkDecision =
  | { kind: 'deliver'; link: DeepLink }
  | { kind: 'refuse'; reason: DeepLinkRefusal; message: string };

const refusalMessages: Record<DeepLinkRefusal, string> = {
  malformed: 'Đây không phải là một liên kết hợp lệ.',
  foreign:
    'Liên kết không thuộc Phòng Họp hoặc không trỏ tới máy chủ đã cấu hình cho ứng dụng này.',
  unknown_action:
    'Liên kết chỉ có thể mở cuộc họp (phonghop://open/…) hoặc vào phòng họp (phonghop://join/…).',
  invalid_meeting_id: 'Mã cuộc họp trong liên kết bị thiếu hoặc không hợp lệ.',
  unexpected_parts:
    'Liên kết có thêm thành phần không được phép (tham số, cổng hoặc đường dẫn thừa).',
};

/** Longest part of a refused link shown back to the user. */
const SHOWN_LINK_CHARS = 120;

/** A valid link to deliver, or the Vietnamese message that refuses it. */
export function decideDeepLink(raw: string, serverUrl: string | undefined): DeepLinkDecision {
  const parsed = parseDeepLink(raw, { serverUrl });
  if (parsed.ok) return { kind: 'deliver', link: parsed.link };
  const shown = raw.length > SHOWN_LINK_CHARS ? `${raw.slice(0, SHOWN_LINK_CHARS)}…` : raw;
  return {
    kind: 'refuse',
    reason: parsed.reason,
    message: `Không mở được liên kết “${shown}”. ${refusalMessages[parsed.reason]}`,
  };
}

/**
 * The last delivered link until the renderer takes it (`app.pendingDeepLink`): a link that
 * arrives at a cold start, or while nobody is signed in, waits here for the signed-in screen.
 */
export class DeepLinkInbox {
  #pending: DeepLink | null = null;

  put(link: DeepLink): void {
    this.#pending = link;
  }

  /** The waiting link, once. */
  take(): DeepLink | null {
    const link = this.#pending;
    this.#pending = null;
    return link;
  }
}
