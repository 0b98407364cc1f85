/**
 * Pinning the server's certificate, against real HTTPS servers on 127.0.0.1 with certificates
 * made here: self-signed ones (as the server makes at first start) and ones from a CA of our own
 * (as a province's intranet CA would issue).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { i18n } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, deserializeError, serializeError } from '../../../../common/errors';
import { ApiClient } from '../../../../common/protocol/ApiClient';
import { errorMessage } from '../../../../renderer/i18n/errorMessage';
import { DesktopConfigError, loadDesktopConfig } from '../../../../main/electron/desktopConfig';
import {
  CertificateMismatchError,
  certificateFingerprint256,
  createServerFetch,
  decideChromiumCertificate,
  normaliseFingerprint,
  type ServerTrust,
} from '../../../../main/electron/tlsPinning';
import { createTestI18n } from '../../../helpers/testI18n';
import {
  makeCertificate as certificate,
  startHttpsServer as httpsServer,
  type Pems,
  type TestHttpsServer,
} from '../../../helpers/tlsFixture';

let selfSigned: Pems;
let otherSelfSigned: Pems;
let ca: Pems;
let issued: Pems;
let issuedForAnotherName: Pems;
let pinnedServer: TestHttpsServer;
let caServer: TestHttpsServer;
let wrongNameServer: TestHttpsServer;
let i18n: i18n;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [selfSigned, otherSelfSigned, ca] = await Promise.all([
    certificate('127.0.0.1'),
    certificate('127.0.0.1'),
    certificate('CA Tỉnh Hải Dương (thử)', { isCa: true }),
  ]);
  [issued, issuedForAnotherName] = await Promise.all([
    certificate('hop.haiduong.test', { ca }),
    certificate('hop.haiduong.test', { ca, ip: '10.9.9.9' }),
  ]);
  [pinnedServer, caServer, wrongNameServer] = await Promise.all([
    httpsServer(selfSigned),
    httpsServer(issued),
    httpsServer(issuedForAnotherName),
  ]);
  i18n = await createTestI18n();
}, 60_000);

afterAll(async () => {
  await Promise.all([pinnedServer, caServer, wrongNameServer].map((s) => s?.close()));
  await Promise.all(closers.map((close) => close()));
});

function serverFetch(trust: ServerTrust | null, fallback?: typeof fetch) {
  const made = createServerFetch(trust, fallback);
  closers.push(made.close);
  return made.fetch;
}

const pinned = (serverUrl: string, pem: string): ServerTrust => ({
  kind: 'pinned',
  serverUrl,
  fingerprint256: certificateFingerprint256(pem),
});

describe('normaliseFingerprint()', () => {
  it('reads the ways an administrator may paste a SHA-256 fingerprint', () => {
    const canonical = certificateFingerprint256(selfSigned.cert);
    const hex = canonical.replace(/:/g, '');
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    for (const raw of [
      canonical,
      canonical.toLowerCase(),
      hex,
      ` ${hex.toLowerCase()}\n`,
      `SHA256 Fingerprint=${canonical}`,
      `sha256/${base64}`,
    ]) {
      expect(normaliseFingerprint(raw), raw).toBe(canonical);
    }
    for (const raw of ['', 'AB:CD', hex.slice(2), `${hex}00`, 'sha256/AAAA', 'zz'.repeat(32)]) {
      expect(normaliseFingerprint(raw), raw).toBeNull();
    }
  });
});

describe('createServerFetch()', () => {
  it('connects to the configured server when it presents the pinned certificate', async () => {
    const doFetch = serverFetch(pinned(pinnedServer.url, selfSigned.cert));
    const response = await doFetch(`${pinnedServer.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    // And through the API client, as every service does.
    const health = await new ApiClient({ baseUrl: pinnedServer.url, fetch: doFetch }).call(
      'health',
    );
    expect(health.status).toBe('ok');
  });

  it('refuses any other certificate, naming the expected and the received fingerprint', async () => {
    const expected = certificateFingerprint256(otherSelfSigned.cert);
    const received = certificateFingerprint256(selfSigned.cert);
    const doFetch = serverFetch(pinned(pinnedServer.url, otherSelfSigned.cert));
    const refusal = await doFetch(`${pinnedServer.url}/api/health`).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CertificateMismatchError);
    const error = refusal as CertificateMismatchError;
    expect(error.code).toBe('certificate_mismatch');
    expect(error.message).toContain('không khớp với chứng chỉ đã cấu hình');
    expect(error.message).toContain(`Mã SHA-256 cần có: ${expected}`);
    expect(error.message).toContain(`máy chủ gửi: ${received}`);
    expect(error.details).toMatchObject({ expected, received });

    // Through the API client the refusal keeps its code, not "cannot reach the server".
    const viaClient = await new ApiClient({ baseUrl: pinnedServer.url, fetch: doFetch })
      .call('health')
      .catch((e: unknown) => e);
    expect(viaClient).toBeInstanceOf(AppError);
    expect((viaClient as AppError).code).toBe('certificate_mismatch');

    // As the renderer shows it, after crossing IPC as a value.
    const crossed = deserializeError(serializeError(viaClient));
    await i18n.changeLanguage('vi');
    const shown = errorMessage(i18n.t, crossed, 'login');
    expect(shown).toContain(`Mã SHA-256 cần có: ${expected}; máy chủ gửi: ${received}`);
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, crossed, 'login')).toContain(
      `Expected SHA-256: ${expected}; the server sent: ${received}`,
    );
  });

  it('trusts, in CA mode, a certificate from the configured CA for the server’s address only', async () => {
    const ok = serverFetch({ kind: 'ca', serverUrl: caServer.url, caPem: ca.cert });
    expect((await ok(`${caServer.url}/api/health`)).status).toBe(200);

    for (const [server, why] of [
      [wrongNameServer, 'issued for another address'],
      [pinnedServer, 'self-signed, not from the CA'],
    ] as const) {
      const doFetch = serverFetch({ kind: 'ca', serverUrl: server.url, caPem: ca.cert });
      const refusal = await doFetch(`${server.url}/api/health`).catch((e: unknown) => e);
      expect(refusal, why).toBeInstanceOf(CertificateMismatchError);
    }
  });

  it('refuses plain http:// to anything but this computer, before connecting', async () => {
    const reached: string[] = [];
    const fallback = (async (input: string | URL | Request) => {
      reached.push(String(input));
      return new Response('{}');
    }) as typeof fetch;
    const doFetch = serverFetch(pinned(pinnedServer.url, selfSigned.cert), fallback);
    for (const url of ['http://10.0.0.5:8443/api/health', 'http://hop.haiduong.gov.vn/api']) {
      const refusal = await doFetch(url).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('invalid');
      expect((refusal as AppError).details).toMatchObject({ reason: 'insecure_server_url' });
      expect((refusal as AppError).message).toContain('http:// không mã hóa');
    }
    // Loopback over http, and other https hosts, go to the ordinary fetch (the CA store).
    await doFetch('http://127.0.0.1:8443/api/health');
    await doFetch('http://localhost:8443/api/health');
    await doFetch('https://example.org/');
    expect(reached).toEqual([
      'http://127.0.0.1:8443/api/health',
      'http://localhost:8443/api/health',
      'https://example.org/',
    ]);
  });
});

describe('decideChromiumCertificate()', () => {
  it('for the configured host accepts exactly the trusted certificate; other hosts keep Chromium’s verdict', () => {
    const trust = pinned('https://hop.haiduong.gov.vn:8443', selfSigned.cert);
    const host = 'hop.haiduong.gov.vn';
    expect(
      decideChromiumCertificate(trust, { hostname: host, certificatePem: selfSigned.cert }),
    ).toBe('accept');
    expect(
      decideChromiumCertificate(trust, { hostname: host, certificatePem: otherSelfSigned.cert }),
    ).toBe('reject');
    // Even a certificate a CA would vouch for is not the pinned one.
    expect(decideChromiumCertificate(trust, { hostname: host, certificatePem: issued.cert })).toBe(
      'reject',
    );
    expect(decideChromiumCertificate(trust, { hostname: host, certificatePem: 'garbage' })).toBe(
      'reject',
    );
    expect(
      decideChromiumCertificate(trust, { hostname: 'example.org', certificatePem: issued.cert }),
    ).toBe('default');
    expect(
      decideChromiumCertificate(null, { hostname: host, certificatePem: selfSigned.cert }),
    ).toBe('default');

    const caTrust: ServerTrust = {
      kind: 'ca',
      serverUrl: 'https://127.0.0.1:8443',
      caPem: ca.cert,
    };
    expect(
      decideChromiumCertificate(caTrust, { hostname: '127.0.0.1', certificatePem: issued.cert }),
    ).toBe('accept');
    expect(
      decideChromiumCertificate(caTrust, {
        hostname: '127.0.0.1',
        certificatePem: issuedForAnotherName.cert,
      }),
    ).toBe('reject');
  });
});

describe('loadDesktopConfig()', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-config-'));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('reads the server and its pin from the file beside the program, ignoring the environment', () => {
    const fingerprint = certificateFingerprint256(selfSigned.cert);
    const file = write('pin.json', {
      serverUrl: 'https://hop.haiduong.gov.vn:8443/',
      serverCertificateSha256: fingerprint.replace(/:/g, '').toLowerCase(),
    });
    const config = loadDesktopConfig({
      candidates: [path.join(dir, 'missing.json'), file],
      env: { PHONGHOP_SERVER_FINGERPRINT: 'AA'.repeat(32) },
      packaged: true,
    });
    expect(config).toEqual({
      serverUrl: 'https://hop.haiduong.gov.vn:8443',
      trust: {
        kind: 'pinned',
        serverUrl: 'https://hop.haiduong.gov.vn:8443',
        fingerprint256: fingerprint,
      },
      source: file,
    });
  });

  it('reads a CA file named relative to the configuration', () => {
    write('ca-tinh.pem', ca.cert);
    const file = write('ca.json', { serverUrl: 'https://hop.test', serverCaFile: 'ca-tinh.pem' });
    const config = loadDesktopConfig({ candidates: [file], env: {}, packaged: true });
    expect(config.trust).toEqual({ kind: 'ca', serverUrl: 'https://hop.test', caPem: ca.cert });
  });

  it('a wrong file stops the app with a message naming the file and the fault', () => {
    const cases: [unknown, string][] = [
      ['{ not json', 'không đọc được JSON'],
      [{ serverUrl: 'http://10.0.0.5:8443' }, 'serverUrl'],
      [{ serverUrl: 'https://h.test', serverCertificateSha256: 'AB:CD' }, 'SHA-256'],
      [
        {
          serverUrl: 'https://h.test',
          serverCertificateSha256: 'AB'.repeat(32),
          serverCaFile: 'x.pem',
        },
        'not both',
      ],
      [{ serverUrl: 'https://h.test', serverCaFile: 'missing.pem' }, 'không đọc được serverCaFile'],
      [{ serverUrl: 'https://h.test', pin: 'x' }, 'pin'],
    ];
    for (const [content, fault] of cases) {
      const file = write('bad.json', content as object);
      const load = () => loadDesktopConfig({ candidates: [file], env: {}, packaged: true });
      expect(load, fault).toThrow(DesktopConfigError);
      expect(load, fault).toThrow(`Tệp cấu hình ${file} không hợp lệ`);
      expect(load, fault).toThrow(fault);
    }
  });

  it('a development run may take the server and pin from the environment; a packaged one never', () => {
    const env = {
      PHONGHOP_SERVER_URL: 'https://127.0.0.1:9443',
      PHONGHOP_SERVER_FINGERPRINT: certificateFingerprint256(selfSigned.cert),
    };
    expect(loadDesktopConfig({ candidates: [], env, packaged: false }).trust).toMatchObject({
      kind: 'pinned',
      serverUrl: 'https://127.0.0.1:9443',
    });
    expect(loadDesktopConfig({ candidates: [], env, packaged: true })).toEqual({
      trust: null,
      source: null,
    });
  });
});
