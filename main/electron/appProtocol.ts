/**
 * The `app://phonghop/` protocol: serves the built renderer with the app's Content-Security-Policy
 * as a header. A plain function of a fetch `Request` (no `electron`), so it runs under Node in the
 * tests exactly as Electron's `protocol.handle` calls it.
 */
import fs from 'node:fs';
import { isAppUrl } from './appOrigin';
import { rendererContentType, resolveRendererFile } from '../host/staticFiles';

/**
 * The scheme's privileges (`protocol.registerSchemesAsPrivileged`, before the app is ready):
 * standard (relative URLs, an origin of its own, `'self'` in the CSP) and secure (a secure
 * context: getUserMedia, getDisplayMedia, notifications), with fetch for pdf.js's worker and
 * fonts and streaming for media. No service workers and no bypassing the CSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
} as const;

export interface AppProtocolOptions {
  /** The built renderer (`dist/renderer`). */
  rendererDir: string;
  /** The policy for the configured server, asked on every page load (it can change at sign-in). */
  contentSecurityPolicy(): string;
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

/**
 * Answers `GET`/`HEAD` for files of the built renderer (the single page for any other path),
 * 404 for another host of the scheme, 403 for a path that would leave the renderer's directory,
 * 405 for other methods.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  return async (request) => {
    if (!isAppUrl(request.url)) return new Response(null, { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const file = resolveRendererFile(options.rendererDir, new URL(request.url).pathname);
    if (!file) return new Response(null, { status: 403 });
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      // Gone between the check and the read (a rebuild), or an unreadable install.
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': rendererContentType(file),
        'content-length': String(body.length),
        'content-security-policy': options.contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      },
    });
  };
}
