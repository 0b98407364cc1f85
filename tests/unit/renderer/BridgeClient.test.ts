import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../common/errors';
import { BRIDGE_PROTOCOL_VERSION } from '../../../common/ipc/bridgeProtocol';
import { BridgeClient, type BridgeStatus } from '../../../renderer/lib/BridgeClient';

/** Just enough of the DOM WebSocket for BridgeClient; the test plays the host. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  closedByClient = false;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.closedByClient = true;
    this.onclose?.({ code: 1000, reason: '' });
  }
  // Host side.
  open(): void {
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(): void {
    this.onclose?.({ code: 1006, reason: '' });
  }
  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  }
}

const signedOut = { status: 'signed_out', serverUrl: 'https://hop.haiphong.gov.vn' };
const signedIn = {
  status: 'signed_in',
  serverUrl: 'https://hop.haiphong.gov.vn',
  user: {
    id: 'u1',
    username: 'chutri',
    fullName: 'Nguyễn Minh Hùng',
    title: 'Phó Chủ tịch UBND tỉnh',
    agency: { id: 'a1', name: 'UBND tỉnh' },
    site: { id: 's1', name: 'Hội trường UBND tỉnh' },
    roles: ['chair'],
  },
};

function connect(): BridgeClient {
  return BridgeClient.connect({
    url: 'ws://127.0.0.1:5173/bridge',
    profileId: 'profile-0001',
    WebSocketCtor: FakeWebSocket as unknown as typeof WebSocket,
    reconnectInitialMs: 500,
    reconnectMaxMs: 10_000,
  });
}

function readyClient(): { client: BridgeClient; socket: FakeWebSocket } {
  const client = connect();
  const socket = FakeWebSocket.latest();
  socket.open();
  socket.receive({ type: 'ready' });
  return { client, socket };
}

beforeEach(() => {
  FakeWebSocket.instances = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BridgeClient', () => {
  it('connect() sends hello with the protocol version and profile id before anything else', () => {
    connect();
    const socket = FakeWebSocket.latest();
    expect(socket.url).toBe('ws://127.0.0.1:5173/bridge');
    socket.open();
    expect(socket.sent).toEqual([
      { type: 'hello', version: BRIDGE_PROTOCOL_VERSION, profileId: 'profile-0001' },
    ]);
  });

  it('invoke() before ready waits, then sends in call order once the host is ready', async () => {
    const client = connect();
    const socket = FakeWebSocket.latest();
    const first = client.invoke('session.get', {});
    const second = client.invoke('app.info', {});
    socket.open();
    expect(socket.sent).toHaveLength(1);
    socket.receive({ type: 'ready' });
    expect(socket.sent.slice(1)).toEqual([
      { type: 'invoke', id: 1, channel: 'session.get', request: {} },
      { type: 'invoke', id: 2, channel: 'app.info', request: {} },
    ]);
    socket.receive({
      type: 'result',
      id: 2,
      ok: true,
      value: { version: '0.1.0', shell: 'browser' },
    });
    socket.receive({ type: 'result', id: 1, ok: true, value: signedOut });
    await expect(first).resolves.toEqual(signedOut);
    await expect(second).resolves.toEqual({ version: '0.1.0', shell: 'browser' });
  });

  it('invoke() with an error result rejects with the AppError rebuilt from the wire', async () => {
    const { client, socket } = readyClient();
    const call = client.invoke('session.login', {
      serverUrl: 'https://x.vn',
      username: 'a',
      password: 'b',
    });
    socket.receive({
      type: 'result',
      id: 1,
      ok: false,
      error: { code: 'unauthorized', name: 'UnauthorizedError', message: 'Wrong credentials' },
    });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'unauthorized',
      name: 'UnauthorizedError',
      message: 'Wrong credentials',
    });
  });

  it('invoke() with a response that breaks the contract rejects with incompatible', async () => {
    const { client, socket } = readyClient();
    const call = client.invoke('session.get', {});
    socket.receive({ type: 'result', id: 1, ok: true, value: { status: 'signed_in' } });
    await expect(call).rejects.toMatchObject({ code: 'incompatible' });
  });

  it('invoke() without an answer rejects with unavailable after 15 s and ignores a late result', async () => {
    const { client, socket } = readyClient();
    const call = client.invoke('session.get', {});
    const outcome = call.catch((e: unknown) => e);
    vi.advanceTimersByTime(14_999);
    socket.receive({ type: 'result', id: 99, ok: true, value: signedOut }); // not ours
    vi.advanceTimersByTime(1);
    expect(await outcome).toMatchObject({ code: 'unavailable' });
    expect(() =>
      socket.receive({ type: 'result', id: 1, ok: true, value: signedOut }),
    ).not.toThrow();
  });

  it('a dropped socket rejects pending calls with unavailable and reconnects with backoff', async () => {
    const { client, socket } = readyClient();
    const statuses: BridgeStatus[] = [];
    client.onStatus((s) => statuses.push(s));
    const call = client.invoke('session.get', {});
    socket.drop();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.status).toBe('disconnected');
    expect(FakeWebSocket.instances).toHaveLength(1);

    vi.advanceTimersByTime(500); // first delay is at most the initial backoff
    expect(FakeWebSocket.instances).toHaveLength(2);
    const second = FakeWebSocket.latest();
    second.drop();
    vi.advanceTimersByTime(499); // the second is at least half of 1000 ms
    expect(FakeWebSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(501);
    expect(FakeWebSocket.instances).toHaveLength(3);
    const third = FakeWebSocket.latest();
    third.open();
    expect(third.sent[0]).toMatchObject({ type: 'hello' });
    third.receive({ type: 'ready' });
    expect(statuses).toEqual(['disconnected', 'connecting', 'disconnected', 'connecting', 'ready']);
  });

  it('on() listeners keep receiving events after a reconnect, validated against the contract', () => {
    const { client, socket } = readyClient();
    const received: unknown[] = [];
    client.on('session.changed', (payload) => received.push(payload));
    socket.receive({ type: 'event', event: 'session.changed', payload: signedIn });
    socket.drop();
    vi.advanceTimersByTime(500);
    const next = FakeWebSocket.latest();
    next.open();
    next.receive({ type: 'ready' });
    next.receive({ type: 'event', event: 'session.changed', payload: signedOut });
    next.receive({ type: 'event', event: 'session.changed', payload: { status: 'weird' } });
    expect(received).toEqual([signedIn, signedOut]);
  });

  it('on() returns an unsubscribe that stops delivery', () => {
    const { client, socket } = readyClient();
    const listener = vi.fn();
    const off = client.on('session.changed', listener);
    off();
    socket.receive({ type: 'event', event: 'session.changed', payload: signedOut });
    expect(listener).not.toHaveBeenCalled();
  });

  it('frames that are not JSON or not in the protocol are ignored', async () => {
    const { client, socket } = readyClient();
    const call = client.invoke('session.get', {});
    socket.receive('not json');
    socket.receive({ type: 'result', id: 'one', ok: true, value: signedOut });
    socket.receive({ type: 'surprise' });
    socket.receive({ type: 'result', id: 1, ok: true, value: signedOut });
    await expect(call).resolves.toEqual(signedOut);
  });

  it('invoke() while waiting out a backoff reconnects at once', () => {
    const { client, socket } = readyClient();
    socket.drop();
    expect(FakeWebSocket.instances).toHaveLength(1);
    void client.invoke('session.get', {}).catch(() => {});
    expect(FakeWebSocket.instances).toHaveLength(2);
    const next = FakeWebSocket.latest();
    next.open();
    next.receive({ type: 'ready' });
    expect(next.sent[1]).toMatchObject({ type: 'invoke', channel: 'session.get' });
  });

  it('close() is idempotent, rejects pending calls, and never reconnects', async () => {
    const { client, socket } = readyClient();
    const call = client.invoke('session.get', {});
    client.close();
    client.close();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    expect(socket.closedByClient).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await expect(client.invoke('session.get', {})).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.status).toBe('closed');
  });
});
