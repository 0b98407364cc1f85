import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, fallbackContentSecurityPolicy } from '../../../../main/host/csp';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('the renderer’s Content-Security-Policy', () => {
  it('renderer/index.html carries the fallback policy in a <meta http-equiv>', () => {
    const html = fs.readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(fallbackContentSecurityPolicy());
    // Before any script: a policy delivered after a script does not cover it.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('neither policy allows eval, inline scripts or plugins', () => {
    for (const policy of [
      fallbackContentSecurityPolicy(),
      contentSecurityPolicy(['https://hop.haiduong.gov.vn:8443']),
    ]) {
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toMatch(/script-src 'self';/);
      expect(policy).toContain("object-src 'none'");
    }
  });

  it('the fallback reaches TLS hosts and plain HTTP on loopback only; the header only the server', () => {
    const fallback = fallbackContentSecurityPolicy();
    expect(fallback).toContain(
      "connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*;",
    );
    expect(fallback).not.toMatch(/connect-src[^;]* (http|ws):[ ;]/);
    expect(contentSecurityPolicy(['https://hop.haiduong.gov.vn:8443'])).toContain(
      "connect-src 'self' https://hop.haiduong.gov.vn:8443 wss://hop.haiduong.gov.vn:8443;",
    );
  });
});
