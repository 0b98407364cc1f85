/**
 * A test double of the `electron` module for loading the built main entry under plain Node (no
 * Electron binary can run on these machines). It records every call (`calls`), keeps what the
 * shell registered (protocol handlers, IPC handlers, permission handlers, windows) so a test can
 * drive them as Electron would, and enforces Electron's ordering rules that matter to the shell:
 * schemes are registered before `ready`, protocols handled and windows created after it.
 *
 * `interceptElectron(double)` makes `require('electron')` (what the CommonJS bundle does) answer
 * the double, through Node's CommonJS loader.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

export interface RecordedCall {
  api: string;
  args: unknown[];
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type PermissionRequestHandler = (
  webContents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string; isMainFrame?: boolean },
) => void;
type PermissionCheckHandler = (
  webContents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame?: boolean },
) => boolean;
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
/** Electron's Certificate, as far as the shell reads it. */
export interface FakeCertificate {
  data: string;
  issuerCert?: FakeCertificate;
}
type CertificateVerifyProc = (
  request: { hostname: string; certificate: FakeCertificate },
  callback: (result: number) => void,
) => void;

/** An Electron event: `preventDefault()` is how a handler refuses. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame: { url: string };
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };
  /** What main sent to this page (`webContents.send`). */
  readonly sent: { channel: string; payload: unknown }[] = [];
  constructor(private readonly double: ElectronDouble) {
    super();
    this.mainFrame = { url: '' };
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.double.record('webContents.setWindowOpenHandler', [handler]);
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.double.record('webContents.send', [channel, payload]);
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return false;
  }
  focus(): void {
    this.double.record('webContents.focus', []);
  }
  /** Emits a navigation event as Electron does; true when the shell refused it. */
  navigate(eventName: string, url: string, extra: Record<string, unknown> = {}): boolean {
    const event = new FakeEvent({ url, ...extra });
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

export class ElectronDouble {
  readonly calls: RecordedCall[] = [];
  readonly windows: FakeBrowserWindow[] = [];
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  readonly ipcHandlers = new Map<string, IpcHandler>();
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  permissionRequestHandler?: PermissionRequestHandler;
  permissionCheckHandler?: PermissionCheckHandler;
  certificateVerifyProc?: CertificateVerifyProc;
  isReady = false;
  readonly app: EventEmitter;
  /** What `require('electron')` returns. */
  readonly module: Record<string, unknown>;
  #resolveReady!: () => void;
  readonly #ready = new Promise<void>((resolve) => (this.#resolveReady = resolve));

  constructor(
    readonly options: {
      userData: string;
      /** What `requestSingleInstanceLock()` answers (false: another instance runs). */
      singleInstanceLock?: boolean;
    },
  ) {
    // The fake classes below have their own `this`; they reach the double through this name.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const double = this;
    const rec =
      <A extends unknown[], R>(api: string, impl: (...args: A) => R) =>
      (...args: A): R => {
        double.record(api, args);
        return impl(...args);
      };
    const app = Object.assign(new EventEmitter(), {
      isPackaged: false,
      requestSingleInstanceLock: rec(
        'app.requestSingleInstanceLock',
        () => options.singleInstanceLock ?? true,
      ),
      quit: rec('app.quit', () => undefined),
      exit: rec('app.exit', (_code?: number) => undefined),
      focus: rec('app.focus', (_options?: unknown) => undefined),
      setAppUserModelId: rec('app.setAppUserModelId', (_id: string) => undefined),
      setAsDefaultProtocolClient: rec(
        'app.setAsDefaultProtocolClient',
        (..._args: unknown[]) => true,
      ),
      whenReady: rec('app.whenReady', () => double.#ready),
      isReady: () => double.isReady,
      getPath: rec('app.getPath', (name: string) => {
        if (name !== 'userData') throw new Error(`double: app.getPath(${name}) not modelled`);
        return options.userData;
      }),
      getVersion: () => '0.0.0-test',
    });
    const origOn = app.on.bind(app);
    app.on = (event: string | symbol, listener: (...args: unknown[]) => void) => {
      double.record('app.on', [event]);
      return origOn(event, listener);
    };
    this.app = app;

    class BrowserWindow extends FakeBrowserWindow {
      constructor(windowOptions: Record<string, unknown>) {
        if (!double.isReady) throw new Error('Cannot create BrowserWindow before app is ready');
        super(double, windowOptions);
      }
      static getAllWindows = () => double.windows;
    }
    class Notification extends EventEmitter {
      static isSupported = () => false;
      show = rec('Notification.show', () => undefined);
    }
    const defaultSession = {
      webRequest: { onHeadersReceived: rec('webRequest.onHeadersReceived', () => undefined) },
      setPermissionRequestHandler: rec(
        'session.setPermissionRequestHandler',
        (handler: PermissionRequestHandler) => (double.permissionRequestHandler = handler),
      ),
      setPermissionCheckHandler: rec(
        'session.setPermissionCheckHandler',
        (handler: PermissionCheckHandler) => (double.permissionCheckHandler = handler),
      ),
      setDisplayMediaRequestHandler: rec('session.setDisplayMediaRequestHandler', () => undefined),
      setCertificateVerifyProc: rec(
        'session.setCertificateVerifyProc',
        (proc: CertificateVerifyProc) => (double.certificateVerifyProc = proc),
      ),
    };
    this.module = {
      app,
      BrowserWindow,
      Notification,
      session: { defaultSession },
      protocol: {
        registerSchemesAsPrivileged: rec(
          'protocol.registerSchemesAsPrivileged',
          (schemes: ElectronDouble['privilegedSchemes']) => {
            // Electron ignores it after ready; the double fails loudly instead.
            if (double.isReady) throw new Error('registerSchemesAsPrivileged after ready');
            double.privilegedSchemes.push(...schemes);
          },
        ),
        handle: rec('protocol.handle', (scheme: string, handler: ProtocolHandler) => {
          if (!double.isReady) throw new Error('protocol.handle before ready');
          double.protocolHandlers.set(scheme, handler);
        }),
      },
      ipcMain: {
        handle: rec('ipcMain.handle', (channel: string, handler: IpcHandler) => {
          if (double.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
          double.ipcHandlers.set(channel, handler);
        }),
        on: rec('ipcMain.on', () => undefined),
      },
      shell: { openExternal: rec('shell.openExternal', async (_url: string) => undefined) },
      desktopCapturer: { getSources: rec('desktopCapturer.getSources', async () => []) },
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (value: string) => Buffer.from(`sealed:${value}`),
        decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
      },
      dialog: {
        showErrorBox: rec('dialog.showErrorBox', (..._args: unknown[]) => undefined),
        showMessageBox: rec('dialog.showMessageBox', async (..._args: unknown[]) => ({
          response: 0,
          checkboxChecked: false,
        })),
      },
      // The preload's side.
      contextBridge: {
        exposeInMainWorld: rec(
          'contextBridge.exposeInMainWorld',
          (_key: string, _api: unknown) => undefined,
        ),
      },
      ipcRenderer: {
        invoke: rec('ipcRenderer.invoke', async (..._args: unknown[]) => ({ ok: true, value: {} })),
        on: rec('ipcRenderer.on', (..._args: unknown[]) => undefined),
        off: rec('ipcRenderer.off', (..._args: unknown[]) => undefined),
      },
    };
  }

  record(api: string, args: unknown[]): void {
    this.calls.push({ api, args });
  }

  /** Arguments of every call to `api`, in order. */
  callsTo(api: string): unknown[][] {
    return this.calls.filter((c) => c.api === api).map((c) => c.args);
  }

  /** Makes the app ready (`whenReady` resolves, `ready` is emitted), then lets its callbacks run. */
  async ready(): Promise<void> {
    this.isReady = true;
    this.#resolveReady();
    this.app.emit('ready');
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** The only window, as the shell opens one. */
  get mainWindow(): FakeBrowserWindow {
    if (this.windows.length !== 1) throw new Error(`${this.windows.length} windows, not one`);
    return this.windows[0]!;
  }

  /** Calls the registered handler for an `app:`-like scheme as Chromium would. */
  async fetchScheme(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`no protocol handler for ${url}`);
    return handler(new Request(url, init));
  }

  /** An IPC call from a frame at `frameUrl` (the window's top frame unless `isMainFrame` is false). */
  async invoke(
    channel: string,
    request: unknown,
    frame: { url: string; isMainFrame?: boolean } = { url: this.mainWindow.webContents.getURL() },
  ): Promise<unknown> {
    const handler = this.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no IPC handler for ${channel}`);
    const sender = this.mainWindow.webContents;
    const senderFrame = frame.isMainFrame === false ? { url: frame.url } : sender.mainFrame;
    const previous = sender.mainFrame.url;
    if (frame.isMainFrame !== false) sender.mainFrame.url = frame.url;
    try {
      return await handler({ sender, senderFrame }, request);
    } finally {
      sender.mainFrame.url = previous;
    }
  }

  /** Asks the session's certificate verify proc as Chromium would: 0, -2 or -3. */
  verifyCertificate(hostname: string, certificatePem: string): number {
    const proc = this.certificateVerifyProc;
    if (!proc) throw new Error('no certificate verify proc');
    let result: number | undefined;
    proc({ hostname, certificate: { data: certificatePem } }, (r) => (result = r));
    if (result === undefined) throw new Error('the verify proc did not answer at once');
    return result;
  }

  /** Emits `certificate-error` as Electron does; what the shell answered and whether it took it. */
  certificateError(url: string, certificatePem: string): { trusted?: boolean; taken: boolean } {
    const event = new FakeEvent();
    const answer: { trusted?: boolean; taken: boolean } = { taken: false };
    this.app.emit(
      'certificate-error',
      event,
      this.mainWindow.webContents,
      url,
      'net::ERR_CERT_AUTHORITY_INVALID',
      { data: certificatePem },
      (trusted: boolean) => (answer.trusted = trusted),
      true,
    );
    answer.taken = event.defaultPrevented;
    return answer;
  }

  /** Asks the session's permission handler as Chromium would; resolves with the answer. */
  requestPermission(
    permission: string,
    requestingUrl: string,
    isMainFrame = true,
  ): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) throw new Error('no permission request handler');
    return new Promise((resolve) =>
      handler(this.mainWindow.webContents, permission, resolve, { requestingUrl, isMainFrame }),
    );
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  minimized = false;
  visible = false;
  constructor(
    private readonly double: ElectronDouble,
    readonly options: Record<string, unknown>,
  ) {
    super();
    double.record('new BrowserWindow', [options]);
    this.webContents = new FakeWebContents(double);
    double.windows.push(this);
    // Electron announces every new page to the app.
    double.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.double.record('BrowserWindow.loadURL', [url]);
    this.webContents.mainFrame.url = url;
  }
  async loadFile(file: string): Promise<void> {
    this.double.record('BrowserWindow.loadFile', [file]);
    this.webContents.mainFrame.url = `file://${file}`;
  }
  show(): void {
    this.double.record('BrowserWindow.show', []);
    this.visible = true;
  }
  focus(): void {
    this.double.record('BrowserWindow.focus', []);
  }
  restore(): void {
    this.double.record('BrowserWindow.restore', []);
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return false;
  }
}

/**
 * Makes `require('electron')` answer `double` until the returned function is called. The built
 * entry is CommonJS, so Node's CommonJS loader is where the request is caught.
 */
export function interceptElectron(double: ElectronDouble): () => void {
  const loader = Module as unknown as {
    _load(request: string, parent: unknown, isMain: boolean): unknown;
  };
  const original = loader._load;
  loader._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return double.module;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    loader._load = original;
  };
}

/**
 * Loads a built entry afresh under the double (any earlier load of it is forgotten) and returns
 * what the entry exported.
 */
export function loadEntry(entry: string, double: ElectronDouble): unknown {
  const restore = interceptElectron(double);
  try {
    const require = Module.createRequire(entry);
    const resolved = require.resolve(entry);
    delete require.cache[resolved];
    return require(resolved);
  } finally {
    restore();
  }
}

/** Copies a file, creating its directory. */
export function copyInto(file: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, path.basename(file));
  fs.copyFileSync(file, target);
  return target;
}
