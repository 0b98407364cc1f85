/**
 * Which permissions a page is granted: the app's own origin gets what a meeting needs (camera and
 * microphone, screen sharing, notifications, full screen, writing to the clipboard), and no other
 * origin gets anything. Plain function (no `electron`), wired in security.ts.
 */
import { isAppUrl } from './appOrigin';

/** Electron's names: `media` is the camera and the microphone. */
const APP_PERMISSIONS: ReadonlySet<string> = new Set([
  'media',
  'display-capture',
  'notifications',
  'fullscreen',
  'clipboard-sanitized-write',
]);

export interface PermissionAsk {
  /** Electron's permission name (`media`, `display-capture`, `geolocation`, …). */
  permission: string;
  /** The requesting page's URL or origin (`details.requestingUrl`, `requestingOrigin`). */
  requestingUrl: string | undefined;
  /** False when a sub-frame asks; the app has none, so only the top frame is granted. */
  isMainFrame?: boolean;
}

export function mayGrantPermission(ask: PermissionAsk): boolean {
  return (
    APP_PERMISSIONS.has(ask.permission) && ask.isMainFrame !== false && isAppUrl(ask.requestingUrl)
  );
}
