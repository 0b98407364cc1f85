/**
 * The renderer's Content-Security-Policy, shared by Electron (response headers of the app's own
 * pages) and the browser host. Only the configured server may be reached.
 */
export function contentSecurityPolicy(serverUrls: string[]): string {
  const connect = new Set<string>(["'self'"]);
  for (const raw of serverUrls) {
    const url = new URL(raw);
    connect.add(url.origin);
    connect.add(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine writes CSS variables into a <style> element at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    "worker-src 'self' blob:",
    `connect-src ${[...connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
