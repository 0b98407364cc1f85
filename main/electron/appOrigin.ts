/**
 * The app's own origin. The renderer is served from `app://phonghop/` (appProtocol.ts), and only
 * pages of that origin are the app: they alone may be navigated to, call main over IPC and be
 * granted camera, microphone, screen and notifications. A local file (`file://`), the server's own
 * pages or anything else is not the app, even inside the app's window.
 *
 * No `electron` import: every decision here is a plain function, tested under Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'phonghop';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether `url` (a URL or an origin such as a permission request's `requestingOrigin`) is of the
 * app's origin: the `app` scheme, host `phonghop`, no port and no credentials. Chromium
 * lower-cases a standard scheme's host, so anything else is refused, never normalised.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** What main knows of an IPC message's sender (Electron's `event.senderFrame`). */
export interface IpcSenderFrame {
  url: string;
  /** True when the frame is its window's top frame (`senderFrame === sender.mainFrame`). */
  isMainFrame: boolean;
}

/**
 * Whether an IPC call may reach the services: only the app's own top frame. A frame that is gone
 * (null: navigated away or destroyed while the message travelled) is refused too.
 */
export function isTrustedIpcSender(frame: IpcSenderFrame | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url);
}
