import { app, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../host/csp';

/**
 * Electron hardening: CSP on the app's own pages, no new windows, no navigation away from the
 * app, media permissions only for the app's own origin.
 */
export function hardenSession(appOrigin: string, serverUrl: () => string): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (details.url.startsWith(appOrigin))
      headers['Content-Security-Policy'] = [contentSecurityPolicy([serverUrl()])];
    callback({ responseHeaders: headers });
  });
  const allowed = new Set([
    'media',
    'display-capture',
    'notifications',
    'fullscreen',
    'clipboard-sanitized-write',
  ]);
  ses.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(allowed.has(permission) && webContents.getURL().startsWith(appOrigin));
  });
  ses.setPermissionCheckHandler(
    (_webContents, permission, requestingOrigin) =>
      allowed.has(permission) && appOrigin.startsWith(requestingOrigin),
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
}

function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    // External links open in the system browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
