/**
 * The desktop shell's contract, checked where no Electron binary can run: `npm run build:main`,
 * then the built entry loaded under Node with a test double of `electron` that records every call
 * (tests/helpers/electronDouble.ts). What Electron would do with these calls is Electron's; what
 * the shell asks of it (window preferences, scheme, handlers and their answers) is checked here.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certificateFingerprint256 } from '../../../../main/electron/tlsPinning';
import { copyInto, ElectronDouble, FakeEvent, loadEntry } from '../../../helpers/electronDouble';
import {
  makeCertificate,
  startHttpsServer,
  type Pems,
  type TestHttpsServer,
} from '../../../helpers/tlsFixture';

const root = path.resolve(import.meta.dirname, '../../../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
};
const serverUrl = 'http://127.0.0.1:8443';

/** A copy of the build laid out as the package is (main/ beside renderer/), private to this file. */
let layout: string;
let entry: string;
const started: ElectronDouble[] = [];

beforeAll(() => {
  const before = Date.now();
  execFileSync('npm', ['run', '--silent', 'build:main'], { cwd: root, stdio: 'pipe' });
  const built = path.join(root, packageJson.main);
  // The entry package.json names is what the build wrote, just now.
  expect(fs.statSync(built).mtimeMs).toBeGreaterThanOrEqual(before - 1000);
  // NOTE: under the checkout, so the bundle's external modules (better-sqlite3) resolve from its
  // node_modules; a copy, so a concurrent build of dist/ cannot change what this file loads.
  fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
  layout = fs.mkdtempSync(path.join(root, '.cache', 'electron-contract-'));
  entry = copyInto(built, path.join(layout, 'main'));
  copyInto(path.join(path.dirname(built), 'preload.cjs'), path.join(layout, 'main'));
  // The renderer's page as written (the built one is the same page with its assets linked).
  copyInto(path.join(root, 'renderer', 'index.html'), path.join(layout, 'renderer'));
  fs.mkdirSync(path.join(layout, 'renderer', 'assets'));
  fs.writeFileSync(path.join(layout, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(layout, 'secret.txt'), 'outside the renderer');
  process.env.PHONGHOP_LOG_LEVEL = 'silent';
  // NOTE: each load of the bundle adds its modules' process listeners again (only tests reload it).
  process.setMaxListeners(100);
  process.env.PHONGHOP_SERVER_URL = serverUrl;
}, 120_000);

afterAll(() => {
  if (layout) fs.rmSync(layout, { recursive: true, force: true });
});

afterEach(() => {
  // Closes the services (timers, the local store) as closing the last window does.
  for (const double of started.splice(0)) double.app.emit('window-all-closed');
});

/** Loads the built entry under a fresh double; `ready` makes the app ready first. */
async function startShell(
  options: { ready?: boolean; singleInstanceLock?: boolean } = {},
): Promise<ElectronDouble> {
  const double = new ElectronDouble({
    userData: fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-shell-')),
    singleInstanceLock: options.singleInstanceLock,
  });
  loadEntry(entry, double);
  started.push(double);
  if (options.ready !== false) await double.ready();
  return double;
}

describe('the built entry', () => {
  it('package.json main names a CommonJS file under dist/main, with the preload beside it', () => {
    expect(packageJson.main).toBe('dist/main/index.cjs');
    expect(fs.existsSync(path.join(root, 'dist', 'main', 'preload.cjs'))).toBe(true);
  });

  it('loads under Node and, before ready, registers app:// as a standard and secure scheme and takes the single-instance lock', async () => {
    const double = await startShell({ ready: false });
    expect(double.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      },
    ]);
    const privileges = double.privilegedSchemes[0]!.privileges!;
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.allowServiceWorkers).toBeUndefined();
    expect(double.callsTo('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(double.windows).toHaveLength(0);
  });

  it('once ready, opens one sandboxed, context-isolated window on app://phonghop/ with the built preload', async () => {
    const double = await startShell();
    const window = double.mainWindow;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.preload).toBe(path.join(layout, 'main', 'preload.cjs'));
    expect(fs.existsSync(prefs.preload as string)).toBe(true);
    expect(double.callsTo('BrowserWindow.loadURL')).toEqual([['app://phonghop/index.html']]);
    expect(double.callsTo('BrowserWindow.loadFile')).toEqual([]);
    // Every channel of the contract is handled once, and nothing else.
    expect([...double.ipcHandlers.keys()].every((c) => c.startsWith('phonghop:'))).toBe(true);
  });

  it('a second instance (no lock) quits before making a window or a service', async () => {
    const double = await startShell({ singleInstanceLock: false });
    expect(double.callsTo('app.quit')).toHaveLength(1);
    expect(double.windows).toHaveLength(0);
    expect(double.protocolHandlers.size).toBe(0);
  });
});

describe('the app origin, app://phonghop/', () => {
  it('serves the renderer with the CSP for the configured server as a header, without unsafe-eval', async () => {
    const double = await startShell();
    const page = await double.fetchScheme('app://phonghop/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ${serverUrl} ws://127.0.0.1:8443`);
    expect(csp).not.toContain('unsafe-eval');
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('http-equiv="Content-Security-Policy"');

    const script = await double.fetchScheme('app://phonghop/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('refuses paths that leave the renderer directory, other hosts of the scheme, and writes', async () => {
    const double = await startShell();
    for (const url of [
      'app://phonghop/..%2Fsecret.txt',
      'app://phonghop/assets/..%2F..%2Fsecret.txt',
      'app://phonghop/..%5Csecret.txt',
      'app://phonghop/%2e%2e%2fsecret.txt',
      'app://phonghop/index.html%00.js',
    ]) {
      const response = await double.fetchScheme(url);
      expect(response.status, url).toBe(403);
    }
    expect((await double.fetchScheme('app://other/index.html')).status).toBe(404);
    expect(
      (await double.fetchScheme('app://phonghop/', { method: 'POST', body: 'x' })).status,
    ).toBe(405);
  });

  it('refuses navigation to any other URL: another site, the server, a local or dropped file', async () => {
    const double = await startShell();
    const contents = double.mainWindow.webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.navigate(event, 'app://phonghop/index.html'), event).toBe(false);
      for (const url of [
        'https://example.org/',
        `${serverUrl}/api/health`,
        'file:///C:/Users/an/Downloads/bao-cao.html',
        'file:///home/an/Downloads/tai-lieu.pdf',
        'app://phonghop.evil/index.html',
        'app://phonghop@evil/index.html',
        'app://phonghop:80/index.html',
        'javascript:alert(1)',
      ]) {
        expect(contents.navigate(event, url), `${event} ${url}`).toBe(true);
      }
    }
  });

  it('never opens a new window; an https link goes to the system browser, anything else nowhere', async () => {
    const double = await startShell();
    const open = double.mainWindow.webContents.windowOpenHandler!;
    expect(open({ url: 'https://dichvucong.gov.vn/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://phonghop/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(double.callsTo('shell.openExternal')).toEqual([['https://dichvucong.gov.vn/']]);
  });

  it('refuses to attach a webview', async () => {
    const double = await startShell();
    expect(double.mainWindow.webContents.navigate('will-attach-webview', 'https://x.org/')).toBe(
      true,
    );
  });

  it('answers IPC only from the app’s own top frame', async () => {
    const double = await startShell();
    const appInfo = await double.invoke('phonghop:app.info', {});
    expect(appInfo).toMatchObject({ ok: true, value: { shell: 'electron' } });
    const forbidden = {
      ok: false,
      error: expect.objectContaining({ code: 'forbidden' }),
    };
    for (const frame of [
      { url: 'file:///home/an/Downloads/bao-cao.html' },
      { url: 'https://example.org/' },
      { url: `${serverUrl}/` },
      { url: 'app://phonghop/index.html', isMainFrame: false },
      { url: 'app://phonghop.evil/index.html' },
    ]) {
      expect(await double.invoke('phonghop:session.get', {}, frame), frame.url).toEqual(forbidden);
    }
  });

  it('grants camera, microphone, screen and notifications to the app’s origin only', async () => {
    const double = await startShell();
    for (const permission of ['media', 'display-capture', 'notifications']) {
      expect(await double.requestPermission(permission, 'app://phonghop/index.html')).toBe(true);
      for (const url of [
        'https://example.org/',
        'file:///home/an/bao-cao.html',
        `${serverUrl}/`,
        'app://phonghop.evil/',
      ]) {
        expect(await double.requestPermission(permission, url), `${permission} ${url}`).toBe(false);
      }
      expect(await double.requestPermission(permission, 'app://phonghop/', false)).toBe(false);
      const check = double.permissionCheckHandler!;
      expect(check(null, permission, 'app://phonghop', {})).toBe(true);
      expect(check(null, permission, 'https://example.org', {})).toBe(false);
      expect(check(null, permission, 'file://', {})).toBe(false);
    }
    for (const permission of ['geolocation', 'midi', 'openExternal', 'hid', 'serial']) {
      expect(await double.requestPermission(permission, 'app://phonghop/')).toBe(false);
    }
  });
});

describe('the built preload', () => {
  it('exposes only invoke/on for the contract’s channels and guards the window against dropped files', async () => {
    const double = new ElectronDouble({ userData: os.tmpdir() });
    const listened: string[] = [];
    const page = globalThis as { window?: unknown };
    page.window = { addEventListener: (type: string) => listened.push(type) };
    try {
      loadEntry(path.join(layout, 'main', 'preload.cjs'), double);
    } finally {
      delete page.window;
    }
    const exposed = double.callsTo('contextBridge.exposeInMainWorld');
    expect(exposed).toHaveLength(1);
    const [key, bridge] = exposed[0] as [
      string,
      { invoke(channel: string, request: unknown): Promise<unknown> },
    ];
    expect(key).toBe('phonghop');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(await bridge.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    await bridge.invoke('app.info', {});
    expect(double.callsTo('ipcRenderer.invoke')).toEqual([['phonghop:app.info', {}]]);
    expect(listened.sort()).toEqual(['dragover', 'drop']);
  });
});

describe('single instance and meeting links', () => {
  const deepLinkEvents = (double: ElectronDouble) =>
    double.mainWindow.webContents.sent.filter((m) => m.channel === 'phonghop:app.deepLink');

  it('a second launch with a valid link brings the window forward and hands the link to the renderer, once', async () => {
    const double = await startShell();
    double.mainWindow.minimized = true;
    double.app.emit('second-instance', new FakeEvent(), [
      'C:\\Program Files\\Phòng Họp\\Phòng Họp.exe',
      '--allow-file-access-from-files',
      'phonghop://join/hd-bcd-cds-review',
    ]);
    expect(double.callsTo('BrowserWindow.restore')).toHaveLength(1);
    expect(double.callsTo('BrowserWindow.focus')).toHaveLength(1);
    const link = { action: 'join', meetingId: 'hd-bcd-cds-review' };
    expect(deepLinkEvents(double).map((m) => m.payload)).toEqual([link]);
    expect(await double.invoke('phonghop:app.pendingDeepLink', {})).toEqual({
      ok: true,
      value: { link },
    });
    expect(await double.invoke('phonghop:app.pendingDeepLink', {})).toEqual({
      ok: true,
      value: { link: null },
    });
    expect(double.callsTo('dialog.showMessageBox')).toEqual([]);
  });

  it('a malformed link is refused with a message naming it, and nothing reaches the renderer', async () => {
    const double = await startShell();
    double.app.emit('second-instance', new FakeEvent(), [
      'phonghop.exe',
      'phonghop://join/m1?redirect=https://evil.example',
    ]);
    expect(double.callsTo('BrowserWindow.focus')).toHaveLength(1);
    expect(deepLinkEvents(double)).toEqual([]);
    expect(await double.invoke('phonghop:app.pendingDeepLink', {})).toEqual({
      ok: true,
      value: { link: null },
    });
    const [[parent, box]] = double.callsTo('dialog.showMessageBox') as [[unknown, never]];
    expect(parent).toBe(double.mainWindow);
    expect(box).toMatchObject({ type: 'warning', message: 'Không mở được liên kết' });
    expect((box as { detail: string }).detail).toContain(
      '“phonghop://join/m1?redirect=https://evil.example”',
    );
  });

  it('a plain second launch only brings the window forward', async () => {
    const double = await startShell();
    double.app.emit('second-instance', new FakeEvent(), ['phonghop.exe']);
    expect(double.callsTo('BrowserWindow.focus')).toHaveLength(1);
    expect(deepLinkEvents(double)).toEqual([]);
    expect(double.callsTo('dialog.showMessageBox')).toEqual([]);
  });

  it('macOS open-url, before and after ready, and a cold start by a link reach the renderer too', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'phonghop://open/hd-ubnd-upcoming'];
    let double: ElectronDouble;
    try {
      double = await startShell({ ready: false });
    } finally {
      process.argv = argv;
    }
    const early = new FakeEvent();
    double.app.emit('open-url', early, 'phonghop://join/m-early');
    expect(early.defaultPrevented).toBe(true);
    await double.ready();
    // Both waited for the window; the last one is the one to show.
    expect(deepLinkEvents(double).map((m) => m.payload)).toEqual([
      { action: 'open', meetingId: 'hd-ubnd-upcoming' },
      { action: 'join', meetingId: 'm-early' },
    ]);
    double.app.emit('open-url', new FakeEvent(), `${serverUrl}/open/m-late`);
    expect(await double.invoke('phonghop:app.pendingDeepLink', {})).toEqual({
      ok: true,
      value: { link: { action: 'open', meetingId: 'm-late' } },
    });
    // Registering the scheme is the installer's job in development runs (not packaged).
    expect(double.callsTo('app.setAsDefaultProtocolClient')).toEqual([]);
  });
});

describe('trusting the configured server’s certificate', () => {
  let pinnedCert: Pems;
  let otherCert: Pems;
  let server: TestHttpsServer;
  beforeAll(async () => {
    [pinnedCert, otherCert] = await Promise.all([
      makeCertificate('127.0.0.1'),
      makeCertificate('127.0.0.1'),
    ]);
    // The server presents another certificate than the pinned one (a swapped or intercepted one).
    server = await startHttpsServer(otherCert);
  }, 60_000);
  afterAll(() => server?.close());

  /** A development run configured by the environment (a packaged one reads the file). */
  async function startPinnedShell(fingerprint: string): Promise<ElectronDouble> {
    const saved = { ...process.env };
    process.env.PHONGHOP_SERVER_URL = server.url;
    process.env.PHONGHOP_SERVER_FINGERPRINT = fingerprint;
    try {
      return await startShell();
    } finally {
      process.env.PHONGHOP_SERVER_URL = saved.PHONGHOP_SERVER_URL;
      delete process.env.PHONGHOP_SERVER_FINGERPRINT;
    }
  }

  it('Chromium (verify proc and certificate-error) accepts only the pinned certificate for the server’s host', async () => {
    const double = await startPinnedShell(certificateFingerprint256(pinnedCert.cert));
    expect(double.verifyCertificate('127.0.0.1', pinnedCert.cert)).toBe(0);
    expect(double.verifyCertificate('127.0.0.1', otherCert.cert)).toBe(-2);
    expect(double.verifyCertificate('example.org', otherCert.cert)).toBe(-3);
    expect(double.certificateError(`${server.url}/`, pinnedCert.cert)).toEqual({
      trusted: true,
      taken: true,
    });
    expect(double.certificateError(`${server.url}/`, otherCert.cert)).toEqual({
      trusted: false,
      taken: false,
    });
    expect(double.certificateError('https://example.org/', otherCert.cert)).toEqual({
      trusted: false,
      taken: false,
    });
  });

  it('signing in to the server when it presents another certificate fails, naming both fingerprints', async () => {
    const expected = certificateFingerprint256(pinnedCert.cert);
    const received = certificateFingerprint256(otherCert.cert);
    const double = await startPinnedShell(expected);
    const answer = (await double.invoke('phonghop:session.login', {
      serverUrl: server.url,
      username: 'chutri',
      password: 'PhongHop@2026',
    })) as { ok: boolean; error: { code: string; message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('certificate_mismatch');
    expect(answer.error.message).toContain(
      `Mã SHA-256 cần có: ${expected}; máy chủ gửi: ${received}`,
    );
  });

  it('signing in over plain http:// to a server on the network is refused, in Vietnamese', async () => {
    const double = await startShell();
    const answer = (await double.invoke('phonghop:session.login', {
      serverUrl: 'http://10.0.0.5:8443',
      username: 'chutri',
      password: 'PhongHop@2026',
    })) as { ok: boolean; error: { code: string; message: string; details: unknown } };
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: { reason: 'insecure_server_url' } },
    });
    expect(answer.error.message).toContain('http:// không mã hóa');
  });

  it('a wrong configuration stops the app with a message before any window opens', async () => {
    const double = await startPinnedShell('AB:CD');
    expect(double.callsTo('dialog.showErrorBox')).toEqual([
      ['Phòng Họp', expect.stringContaining('Tệp cấu hình environment không hợp lệ')],
    ]);
    expect(double.callsTo('app.exit')).toEqual([[1]]);
    expect(double.windows).toHaveLength(0);
    expect(double.protocolHandlers.size).toBe(0);
  });
});
