import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../../main/electron/appProtocol';
import { isAppUrl, isTrustedIpcSender } from '../../../../main/electron/appOrigin';
import { externalUrlToOpen, mayNavigate } from '../../../../main/electron/navigationPolicy';
import { mayGrantPermission } from '../../../../main/electron/permissionPolicy';
import { resolveRendererFile } from '../../../../main/host/staticFiles';

let dir: string;
let rendererDir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-app-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'pdf.worker.min.mjs'), 'self.onmessage=null');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'Noto Sans.woff2'), 'font');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
});

describe('createAppProtocolHandler()', () => {
  const handler = () =>
    createAppProtocolHandler({ rendererDir, contentSecurityPolicy: () => "default-src 'self'" });

  it('serves a file of the renderer with its type, length and the CSP', async () => {
    const response = await handler()(new Request('app://phonghop/assets/pdf.worker.min.mjs'));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': '19',
      'content-security-policy': "default-src 'self'",
      'x-content-type-options': 'nosniff',
    });
    expect(await response.text()).toBe('self.onmessage=null');
  });

  it('decodes percent-encoded names, answers HEAD without a body, and any unknown path with the page', async () => {
    const font = await handler()(new Request('app://phonghop/assets/Noto%20Sans.woff2'));
    expect(font.headers.get('content-type')).toBe('font/woff2');
    const head = await handler()(new Request('app://phonghop/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const url of ['app://phonghop/', 'app://phonghop/meetings/42', 'app://phonghop/assets']) {
      const page = await handler()(new Request(url));
      expect(await page.text(), url).toContain('id="root"');
    }
  });

  it('refuses a way out of the directory with 403, undecodable paths too', async () => {
    for (const p of [
      '/..%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5Csecret.txt',
      '/%2e%2e%2Fsecret.txt',
      '/index.html%00',
      '/%E0%A4%A',
    ]) {
      const response = await handler()(new Request(`app://phonghop${p}`));
      expect(response.status, p).toBe(403);
    }
    // The URL parser itself drops plain `..` segments: it cannot leave either.
    const dotted = await handler()(new Request('app://phonghop/../secret.txt'));
    expect(await dotted.text()).toContain('id="root"');
  });

  it('answers only its own host and only reads', async () => {
    expect((await handler()(new Request('app://elsewhere/index.html'))).status).toBe(404);
    const put = await handler()(new Request('app://phonghop/index.html', { method: 'PUT' }));
    expect(put.status).toBe(405);
  });
});

describe('resolveRendererFile()', () => {
  it('keeps every answer inside the directory', () => {
    expect(resolveRendererFile(rendererDir, '/assets/pdf.worker.min.mjs')).toBe(
      path.join(rendererDir, 'assets', 'pdf.worker.min.mjs'),
    );
    expect(resolveRendererFile(rendererDir, '/%2e%2e/secret.txt')).toBeNull();
    expect(resolveRendererFile(rendererDir, '/a/b/%2E%2E/%2E%2E/%2E%2E/secret.txt')).toBeNull();
  });
});

describe('the app origin and what it allows', () => {
  it('isAppUrl() accepts app://phonghop only, exactly', () => {
    expect(isAppUrl('app://phonghop/index.html')).toBe(true);
    expect(isAppUrl('app://phonghop')).toBe(true);
    for (const url of [
      'app://phonghop.evil/',
      'app://evil.phonghop/',
      'app://phonghop@evil/',
      'app://u:p@phonghop/',
      'app://phonghop:1/',
      'app://PHONGHOP/',
      'file:///app/phonghop',
      'https://phonghop/',
      'phonghop://join/1',
      '',
      'not a url',
      undefined,
      null,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('isTrustedIpcSender() wants the app’s top frame', () => {
    expect(isTrustedIpcSender({ url: 'app://phonghop/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedIpcSender({ url: 'app://phonghop/index.html', isMainFrame: false })).toBe(
      false,
    );
    expect(isTrustedIpcSender({ url: 'file:///x.html', isMainFrame: true })).toBe(false);
    expect(isTrustedIpcSender(null)).toBe(false);
  });

  it('mayNavigate() and externalUrlToOpen()', () => {
    expect(mayNavigate('app://phonghop/index.html#x')).toBe(true);
    expect(mayNavigate('file:///tmp/x.pdf')).toBe(false);
    expect(externalUrlToOpen('https://vanban.chinhphu.vn/a?b=1')).toBe(
      'https://vanban.chinhphu.vn/a?b=1',
    );
    for (const url of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:',
      'https://user:pw@example.org/',
      '::',
    ]) {
      expect(externalUrlToOpen(url), url).toBeNull();
    }
  });

  it('mayGrantPermission() gives a meeting’s permissions to the app’s top frame only', () => {
    const app = 'app://phonghop/index.html';
    for (const permission of ['media', 'display-capture', 'notifications', 'fullscreen']) {
      expect(mayGrantPermission({ permission, requestingUrl: app })).toBe(true);
      expect(mayGrantPermission({ permission, requestingUrl: app, isMainFrame: false })).toBe(
        false,
      );
      expect(mayGrantPermission({ permission, requestingUrl: 'https://x.org/' })).toBe(false);
      expect(mayGrantPermission({ permission, requestingUrl: undefined })).toBe(false);
    }
    expect(mayGrantPermission({ permission: 'geolocation', requestingUrl: app })).toBe(false);
  });
});
