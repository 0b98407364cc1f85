import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { loadServerConfig, needsTls } from '../../sfu-server/src/config';
import { startTestServer, tempDir } from '../helpers/testServer';

function httpsGet(url: string): Promise<{ status: number; fingerprint256: string; body: string }> {
  return new Promise((resolve, reject) => {
    // The test pins by fingerprint below, as a client would; the CA check is what pinning replaces.
    const req = https.get(url, { rejectUnauthorized: false }, (res) => {
      // Read the certificate now: the socket is detached once the response ends.
      const fingerprint256 = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint256, body }));
    });
    req.on('error', reject);
  });
}

describe('server transport security', () => {
  it('on a non-loopback address serves HTTPS with a self-signed certificate whose fingerprint is stable across restarts', async () => {
    const dataDir = tempDir('tls');
    const first = await startTestServer({
      host: '0.0.0.0',
      dataDir,
      workers: 1,
      announcedIp: '127.0.0.1',
    });
    const tls = first.server.info.tls!;
    expect(tls.generated).toBe(true);
    expect(tls.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const port = new URL(first.url).port;
    const res = await httpsGet(`https://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    expect(res.fingerprint256).toBe(tls.fingerprint256);
    await first.server.close();

    const second = await startTestServer({
      host: '0.0.0.0',
      dataDir,
      workers: 1,
      announcedIp: '127.0.0.1',
    });
    expect(second.server.info.tls!.generated).toBe(false);
    expect(second.server.info.tls!.fingerprint256).toBe(tls.fingerprint256);
    await second.server.close();
  });

  it('needsTls() is false only for loopback hosts', () => {
    expect(needsTls(loadServerConfig([], {}))).toBe(false);
    expect(needsTls(loadServerConfig(['--host', '10.0.0.5'], {}))).toBe(true);
    expect(needsTls(loadServerConfig([], { PHONGHOP_HOST: '::1' }))).toBe(false);
  });
});

describe('loadServerConfig()', () => {
  it('reads PHONGHOP_* variables, lets flags override them, and rejects nonsense', () => {
    const config = loadServerConfig(['--port', '9000'], {
      PHONGHOP_PORT: '8000',
      PHONGHOP_DATA: '/tmp/x',
      PHONGHOP_WORKERS: '3',
    });
    expect(config).toMatchObject({ port: 9000, dataDir: '/tmp/x', workers: 3, host: '127.0.0.1' });
    expect(() => loadServerConfig([], { PHONGHOP_PORT: 'tám nghìn' })).toThrow();
    expect(() => loadServerConfig(['--unknown'], {})).toThrow();
  });
});
