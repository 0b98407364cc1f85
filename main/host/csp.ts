/**
 * The renderer's Content-Security-Policy, shared by Electron (response headers of the app's own
 * pages, served by the `app://` protocol) and the browser host. Only the configured server may be
 * reached.
 */
export function contentSecurityPolicy(serverUrls: string[]): string {
  const connect = new Set<string>(["'self'"]);
  for (const raw of serverUrls) {
    const url = new URL(raw);
    connect.add(url.origin);
    connect.add(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
  }
  return [...pageDirectives([...connect]), "frame-ancestors 'none'"].join('; ');
}

/**
 * The same policy for `renderer/index.html`'s `<meta http-equiv>`, the fallback wherever the
 * header does not arrive. A built page cannot know the server an administrator will configure:
 * it may connect to any TLS host and to plain HTTP on loopback only (as the session allows);
 * the header, where present, narrows that to the configured server. `frame-ancestors` is
 * ignored in a `<meta>`, so it is left out.
 */
export function fallbackContentSecurityPolicy(): string {
  const loopback = ['127.0.0.1', 'localhost'].flatMap((h) => [`http://${h}:*`, `ws://${h}:*`]);
  return pageDirectives(["'self'", 'https:', 'wss:', ...loopback]).join('; ');
}

function pageDirectives(connectSources: string[]): string[] {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine writes CSS variables into a <style> element at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    "worker-src 'self' blob:",
    `connect-src ${connectSources.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}
