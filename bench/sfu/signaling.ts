/**
 * A minimal signaling client for the benchmark's synthetic participants: REST login and join
 * ticket, then requests over the WebSocket with the same envelope the app uses.
 */
import WebSocket from 'ws';
import { AppError, isErrorCode } from '../../common/errors';
import {
  SIGNALING_PROTOCOL_VERSION,
  type SignalingMethod,
  type SignalingRequestData,
  type SignalingResponseData,
} from '../../common/protocol/signaling';

export const MEETING_ID = 'hd-bcd-cds-review';
export const DEMO_PASSWORD = 'PhongHop@2026';
/** The demo seed's users, all invited to the demo meeting. */
export const DEMO_USERS = [
  'chutri',
  'thuky',
  'sotttt',
  'sokhdt',
  'sotc',
  'sogddt',
  'congan',
  'camgiang',
  'gialoc',
  'kinhmon',
  'baocao',
] as const;

export async function login(serverUrl: string, username: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function joinTicket(
  serverUrl: string,
  token: string,
): Promise<{ ticket: string; signalingUrl: string }> {
  const res = await fetch(`${serverUrl}/api/meetings/${MEETING_ID}/join-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`join-ticket failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { ticket: string; signalingUrl: string };
}

type Pending = { resolve: (data: unknown) => void; reject: (error: Error) => void };

export class BenchSignaling {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  onNotification: (method: string, data: unknown) => void = () => {};

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (raw) => this.#onMessage(String(raw)));
    ws.on('close', () => {
      for (const p of this.#pending.values()) p.reject(new Error('signaling closed'));
      this.#pending.clear();
    });
  }

  static connect(signalingUrl: string, ticket: string): Promise<BenchSignaling> {
    const url = `${signalingUrl}?ticket=${encodeURIComponent(ticket)}&v=${SIGNALING_PROTOCOL_VERSION}`;
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new BenchSignaling(ws)));
      ws.once('error', reject);
    });
  }

  request<M extends SignalingMethod>(
    method: M,
    data: SignalingRequestData<M>,
    timeoutMs = 15_000,
  ): Promise<SignalingResponseData<M>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method} timed out`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d as SignalingResponseData<M>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#ws.send(JSON.stringify({ type: 'request', id, method, data }));
    });
  }

  close(): void {
    this.#ws.close();
  }

  #onMessage(text: string): void {
    const msg = JSON.parse(text) as {
      type: string;
      id?: number;
      ok?: boolean;
      data?: unknown;
      method?: string;
      error?: { code: string; message: string };
    };
    if (msg.type === 'notification' && msg.method) return this.onNotification(msg.method, msg.data);
    if (msg.type !== 'response' || msg.id === undefined) return;
    const pending = this.#pending.get(msg.id);
    if (!pending) return;
    this.#pending.delete(msg.id);
    if (msg.ok) pending.resolve(msg.data);
    else {
      const code = msg.error?.code ?? 'internal';
      pending.reject(
        new AppError(isErrorCode(code) ? code : 'internal', msg.error?.message ?? 'request failed'),
      );
    }
  }
}
