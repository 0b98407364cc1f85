/**
 * Which file of the built renderer a URL path names, and its content type: one rule for the two
 * shells that serve it (the browser host over HTTP, Electron's `app://` protocol).
 */
import fs from 'node:fs';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function rendererContentType(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rendererDir` that `pathname` (a URL's path, still percent-encoded) names; the
 * single page (`index.html`) for a path naming no file; null for a path that would leave the
 * directory (`..` after decoding, an encoded `/` or `\`, a NUL byte) or cannot be decoded.
 */
export function resolveRendererFile(rendererDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // NOTE: checked on the decoded segments as well as on the resolved path, so the rule does not
  // depend on the platform's separator (`..\` is a way out on Windows only).
  const segments = decoded.split(/[/\\]/);
  if (decoded.includes('\0') || segments.includes('..')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, '.' + path.sep + segments.filter(Boolean).join(path.sep));
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  if (relative === '' || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    return path.join(root, 'index.html');
  }
  return file;
}
