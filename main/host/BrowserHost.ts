/**
 * Hosts the renderer for a plain browser: serves the built renderer and carries the IPC contract
 * over a WebSocket to the same main-process services Electron uses. Each browser profile (an id
 * the page keeps in localStorage) gets its own services and local store, as each desktop would.
 * This is how the end-to-end tests run here, and it doubles as the guest browser client.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL_VERSION,
  bridgeClientFrameSchema,
  decodeClientFrame,
  encodeHostFrame,
  MAX_CLIENT_MESSAGE_BYTES,
  type BridgeHostFrame,
} from '../../common/ipc/bridgeProtocol';
import type { ScreenSource } from '../../common/ipc/screenShare';
import { createMainServices, type MainServices } from '../composition';
import { FileSecretStore } from '../services/FileSecretStore';
import { contentSecurityPolicy } from './csp';
import { rendererContentType, resolveRendererFile } from './staticFiles';

export interface BrowserHostOptions {
  host: string;
  port: number;
  /** Built renderer (vite build output). */
  rendererDir: string;
  /** Where each profile's local store and secrets live. */
  dataDir: string;
  serverUrl: string;
  version: string;
  logger: Logger;
  /**
   * End-to-end tests only (`--test-network-control`): `POST /__test__/profiles/<id>/network`
   * with `{"reachable": false}` makes that profile's services fail every request to the server,
   * as a desktop whose link dropped would (the page's own connection to this host stays up, as
   * the renderer's IPC to Electron's main does). `POST /__test__/profiles/<id>/screen-sources`
   * with `{"sources": [...]}` asks that profile's in-app screen-share picker, as Electron's
   * getDisplayMedia handler does, and answers `{"sourceId": ...}` once the user picked (null:
   * cancelled). Off by default: nothing answers on those paths.
   */
  testNetworkControl?: boolean;
}

export class BrowserHost {
  readonly #options: BrowserHostOptions;
  readonly #http: http.Server;
  readonly #wss: WebSocketServer;
  readonly #profiles = new Map<string, MainServices>();
  /** Profiles the tests cut off from the server (testNetworkControl only). */
  readonly #unreachable = new Set<string>();
  readonly #csp: string;

  private constructor(options: BrowserHostOptions) {
    this.#options = options;
    this.#csp = contentSecurityPolicy([options.serverUrl]);
    this.#http = http.createServer((req, res) => {
      if (options.testNetworkControl && this.#testRoutes(req, res)) return;
      this.#serveStatic(req, res);
    });
    // Room for one picked attachment (tasks.stageAttachment) in a binary frame.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
    this.#http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== BRIDGE_PATH || !this.#sameOrigin(req)) {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onBridge(ws));
    });
  }

  static async start(options: BrowserHostOptions): Promise<BrowserHost> {
    if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
      throw new Error(`No built renderer in ${options.rendererDir}; run "npm run build:renderer"`);
    }
    const host = new BrowserHost(options);
    await new Promise<void>((resolve, reject) => {
      host.#http.once('error', reject);
      host.#http.listen(options.port, options.host, () => resolve());
    });
    return host;
  }

  get url(): string {
    const address = this.#http.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    return `http://${this.#options.host}:${address.port}`;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
    for (const services of this.#profiles.values()) services.close();
    this.#profiles.clear();
  }

  /** The bridge is for pages this host served: a cross-site page must not drive a profile. */
  #sameOrigin(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host}`;
  }

  #profile(profileId: string): MainServices {
    let services = this.#profiles.get(profileId);
    if (!services) {
      const dir = path.join(this.#options.dataDir, 'profiles', profileId);
      services = createMainServices({
        dataDir: dir,
        secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
        defaultServerUrl: this.#options.serverUrl,
        shell: 'browser',
        version: this.#options.version,
        onError: (channel, error) =>
          this.#options.logger.error({ channel, err: error }, 'ipc handler failed'),
        fetch: this.#options.testNetworkControl
          ? (input, init) =>
              this.#unreachable.has(profileId)
                ? Promise.reject(new TypeError('fetch failed: server cut off by the test'))
                : fetch(input, init)
          : undefined,
      });
      this.#profiles.set(profileId, services);
    }
    return services;
  }

  #onBridge(ws: WebSocket): void {
    let services: MainServices | undefined;
    const send = (frame: BridgeHostFrame) => {
      // Binary values (document bytes) go as one binary message, everything else as JSON text.
      if (ws.readyState === ws.OPEN) ws.send(encodeHostFrame(frame));
    };
    const forward = (event: string, payload: unknown) => send({ type: 'event', event, payload });
    ws.on('message', async (raw, isBinary) => {
      let json: unknown;
      try {
        // Text frames are JSON; binary ones carry bytes (see bridgeProtocol.ts).
        json = isBinary
          ? decodeClientFrame(Buffer.isBuffer(raw) ? raw : Buffer.concat(raw as Buffer[]))
          : JSON.parse(String(raw));
      } catch {
        return ws.close(1007, 'malformed frame');
      }
      const frame = bridgeClientFrameSchema.safeParse(json);
      if (!frame.success) return ws.close(1007, 'malformed frame');
      if (frame.data.type === 'hello') {
        if (services) return;
        if (frame.data.version !== BRIDGE_PROTOCOL_VERSION)
          return ws.close(4400, 'incompatible bridge version');
        services = this.#profile(frame.data.profileId);
        services.router.on('event', forward);
        return send({ type: 'ready' });
      }
      if (!services) return ws.close(4401, 'hello first');
      const result = await services.router.handle(frame.data.channel, frame.data.request);
      send(
        result.ok
          ? { type: 'result', id: frame.data.id, ok: true, value: result.value }
          : { type: 'result', id: frame.data.id, ok: false, error: result.error },
      );
    });
    ws.on('close', () => services?.router.off('event', forward));
  }

  /** Handles the test-only routes (see `testNetworkControl`); false for other requests. */
  #testRoutes(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const match = /^\/__test__\/profiles\/([a-zA-Z0-9-]{8,64})\/(network|screen-sources)$/.exec(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    if (!match || req.method !== 'POST') return false;
    const profileId = match[1]!;
    readJsonBody(req).then(
      (body) =>
        match[2] === 'network'
          ? this.#setReachable(profileId, body, res)
          : this.#pickScreenSource(profileId, body, res),
      () => res.writeHead(400).end(),
    );
    return true;
  }

  #setReachable(profileId: string, body: unknown, res: http.ServerResponse): void {
    const reachable = (body as { reachable?: unknown } | null)?.reachable;
    if (typeof reachable !== 'boolean') {
      res.writeHead(400).end();
      return;
    }
    if (reachable) this.#unreachable.delete(profileId);
    else this.#unreachable.add(profileId);
    this.#options.logger.info({ profileId, reachable }, 'test: server reachability changed');
    res.writeHead(204).end();
  }

  /** What Electron's getDisplayMedia handler does, with the test's fake sources. */
  #pickScreenSource(profileId: string, body: unknown, res: http.ServerResponse): void {
    const sources = (body as { sources?: unknown } | null)?.sources;
    this.#profile(profileId)
      .screenSources.choose(sources as ScreenSource[])
      .then(
        (sourceId) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ sourceId }));
        },
        // Sources that do not match the contract.
        () => res.writeHead(400).end(),
      );
  }

  #serveStatic(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = resolveRendererFile(this.#options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    res.writeHead(200, {
      'content-type': rendererContentType(file),
      'content-security-policy': this.#csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html')
        ? 'no-cache'
        : 'public, max-age=31536000, immutable',
    });
    // A file can vanish between the check and the read (a rebuild of the renderer).
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }
}

/** A test route's JSON body (a few fake thumbnails at most). */
function readJsonBody(req: http.IncomingMessage, maxBytes = 1_000_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > maxBytes) {
        reject(new Error('body too large'));
        req.destroy();
      }
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(body));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}
