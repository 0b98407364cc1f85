/**
 * Where the app's windows may go. Plain functions (no `electron`), wired in security.ts.
 */
import { isAppUrl } from './appOrigin';

/**
 * A navigation (`will-navigate`, `will-frame-navigate`, `will-redirect`) is allowed only to a page
 * of the app's own origin: a dropped file (`file://`), a link to the server or any other site is
 * refused, so no other page ever gets the preload bridge.
 */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/**
 * A request for a new window (`window.open`, a link with `target=_blank`) never opens one in the
 * app; an `https:` link opens in the system's browser instead (a link in a document, say), and
 * anything else (`file:`, `javascript:`, custom schemes, plain `http:`) goes nowhere.
 */
export function externalUrlToOpen(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password
      ? parsed.href
      : null;
  } catch {
    return null;
  }
}
