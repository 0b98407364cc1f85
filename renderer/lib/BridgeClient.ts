/**
 * The browser shell's PhongHopApi: the same calls and events as the Electron preload, carried
 * over one WebSocket to a Node host (see common/ipc/bridgeProtocol.ts).
 *
 * Lifecycle: `BridgeClient.connect()` returns at once and connects in the background; calls made
 * before the host says `ready` wait (bounded by the call timeout). When the socket closes, every
 * call still waiting is rejected with AppError('unavailable') and the client reconnects with
 * exponential backoff. Event listeners are kept here, not on the host, so they survive a
 * reconnect without re-subscribing. `close()` is final and idempotent.
 */
import { AppError, assertUnreachable } from '../../common/errors';
import {
  BRIDGE_PROTOCOL_VERSION,
  bridgeHostFrameSchema,
  decodeHostFrame,
  encodeClientFrame,
  MAX_CLIENT_MESSAGE_BYTES,
  type BridgeClientFrame,
  type BridgeHostFrame,
} from '../../common/ipc/bridgeProtocol';
import type {
  IpcChannel,
  IpcEventName,
  IpcEventPayload,
  IpcRequest,
  IpcResponse,
  PhongHopApi,
} from '../../common/ipc/contract';
import { errorFromWire, parseEvent, parseResponse } from './contractChecks';

/**
 * connecting: a socket is opening or waiting for `ready`;
 * ready: calls are sent as they come;
 * disconnected: no socket, a reconnect is scheduled;
 * closed: `close()` was called, nothing more will happen.
 */
export type BridgeStatus = 'connecting' | 'ready' | 'disconnected' | 'closed';

export interface BridgeClientOptions {
  /** ws:// or wss:// URL of the bridge endpoint. */
  url: string;
  /** Selects this browser's own services and local store on the host. */
  profileId: string;
  /** @default 15000 */
  callTimeoutMs?: number;
  /** First reconnect delay; doubles per failed attempt. @default 500 */
  reconnectInitialMs?: number;
  /** @default 10000 */
  reconnectMaxMs?: number;
  /** Injected in tests. @default globalThis.WebSocket */
  WebSocketCtor?: typeof WebSocket;
}

/**
 * Calls that rightly outlast the usual timeout: an upload takes as long as the link needs (main
 * bounds it by the file's size), and its progress comes as events meanwhile.
 */
const CALL_TIMEOUT_MS: Partial<Record<IpcChannel, number>> = {
  'documents.upload': 60 * 60_000,
};

interface PendingCall {
  channel: IpcChannel;
  request: unknown;
  /** false while queued for the next `ready`. */
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
}

export class BridgeClient implements PhongHopApi {
  readonly #url: string;
  readonly #profileId: string;
  readonly #callTimeoutMs: number;
  readonly #reconnectInitialMs: number;
  readonly #reconnectMaxMs: number;
  readonly #WebSocketCtor: typeof WebSocket;
  /** In id order (Map keeps insertion order), so queued calls are sent in the order made. */
  readonly #pending = new Map<number, PendingCall>();
  readonly #listeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly #statusListeners = new Set<(status: BridgeStatus) => void>();
  #socket: WebSocket | null = null;
  #status: BridgeStatus = 'connecting';
  #nextId = 1;
  #failedAttempts = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  private constructor(options: BridgeClientOptions) {
    this.#url = options.url;
    this.#profileId = options.profileId;
    this.#callTimeoutMs = options.callTimeoutMs ?? 15_000;
    this.#reconnectInitialMs = options.reconnectInitialMs ?? 500;
    this.#reconnectMaxMs = options.reconnectMaxMs ?? 10_000;
    this.#WebSocketCtor = options.WebSocketCtor ?? globalThis.WebSocket;
  }

  /** Starts connecting; calls wait for the connection, so there is nothing to await here. */
  static connect(options: BridgeClientOptions): BridgeClient {
    const client = new BridgeClient(options);
    client.#openSocket();
    return client;
  }

  get status(): BridgeStatus {
    return this.#status;
  }

  get closed(): boolean {
    return this.#closed;
  }

  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
    if (this.#closed)
      return Promise.reject(new AppError('unavailable', 'The bridge client is closed'));
    const id = this.#nextId++;
    const timeoutMs = CALL_TIMEOUT_MS[channel] ?? this.#callTimeoutMs;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#settleWithError(
          id,
          new AppError('unavailable', `No answer to ${channel} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.#pending.set(id, { channel, request, sent: false, timer, resolve, reject });
    });
    if (this.#status === 'ready') this.#sendCall(id);
    // A call made while waiting out a backoff is the user asking now: try now.
    else if (this.#status === 'disconnected') this.reconnectNow();
    return answer.then((value) => parseResponse(channel, value));
  }

  on<E extends IpcEventName>(
    event: E,
    listener: (payload: IpcEventPayload<E>) => void,
  ): () => void {
    const wrapped = (payload: unknown): void => {
      const parsed = parseEvent(event, payload);
      if (parsed !== undefined) listener(parsed);
    };
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  /** Listens to connection status changes (e.g. to refetch after `ready` follows a disconnect). */
  onStatus(listener: (status: BridgeStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => {
      this.#statusListeners.delete(listener);
    };
  }

  /** Skips the remaining backoff (e.g. the browser reports it is online again). */
  reconnectNow(): void {
    if (this.#closed || this.#status !== 'disconnected') return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#openSocket();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    this.#socket = null;
    // NOTE: detach before closing so the socket's own close event cannot schedule a reconnect.
    if (socket) {
      detach(socket);
      socket.close(1000, 'client closed');
    }
    this.#rejectAll(new AppError('unavailable', 'The bridge client is closed'));
    this.#listeners.clear();
    this.#setStatus('closed');
    this.#statusListeners.clear();
  }

  #openSocket(): void {
    this.#setStatus('connecting');
    let socket: WebSocket;
    try {
      socket = new this.#WebSocketCtor(this.#url);
    } catch {
      // A malformed URL throws synchronously; treat it like a failed connection.
      this.#socketClosed();
      return;
    }
    this.#socket = socket;
    // Frames carrying bytes (documents.read) arrive as binary messages.
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.#send({ type: 'hello', version: BRIDGE_PROTOCOL_VERSION, profileId: this.#profileId });
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.#socket !== socket) return;
      this.#receive(event.data);
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#socketClosed();
    };
    // An error is always followed by close; nothing to do here.
    socket.onerror = null;
  }

  #socketClosed(): void {
    this.#rejectAll(new AppError('unavailable', 'The connection to the application host was lost'));
    if (this.#closed) return;
    this.#setStatus('disconnected');
    const base = Math.min(
      this.#reconnectMaxMs,
      this.#reconnectInitialMs * 2 ** this.#failedAttempts,
    );
    this.#failedAttempts++;
    // Jitter so that many browsers behind one flapping link do not reconnect in lockstep.
    const delay = base / 2 + Math.random() * (base / 2);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#openSocket();
    }, delay);
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string' && !(data instanceof ArrayBuffer)) return;
    let json: unknown;
    try {
      json = decodeHostFrame(data);
    } catch {
      return;
    }
    const parsed = bridgeHostFrameSchema.safeParse(json);
    if (!parsed.success) return;
    this.#handleFrame(parsed.data);
  }

  #handleFrame(frame: BridgeHostFrame): void {
    switch (frame.type) {
      case 'ready': {
        if (this.#status !== 'connecting') return;
        this.#failedAttempts = 0;
        this.#setStatus('ready');
        for (const [id, call] of this.#pending) if (!call.sent) this.#sendCall(id);
        return;
      }
      case 'result': {
        const call = this.#pending.get(frame.id);
        if (!call) return; // timed out already, or not ours
        this.#pending.delete(frame.id);
        clearTimeout(call.timer);
        if (frame.ok) call.resolve(frame.value);
        else call.reject(errorFromWire(frame.error));
        return;
      }
      case 'event': {
        const listeners = this.#listeners.get(frame.event);
        if (!listeners) return;
        for (const listener of [...listeners]) {
          try {
            listener(frame.payload);
          } catch (error) {
            // One failing listener must not starve the others; report it asynchronously.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
        return;
      }
      default:
        assertUnreachable(frame);
    }
  }

  #sendCall(id: number): void {
    const call = this.#pending.get(id);
    if (!call) return;
    call.sent = true;
    const message = encodeClientFrame({
      type: 'invoke',
      id,
      channel: call.channel,
      request: call.request,
    });
    // The host would close the socket on a larger message, failing every call: refuse this one.
    if (typeof message !== 'string' && message.byteLength > MAX_CLIENT_MESSAGE_BYTES) {
      const maxBytes = MAX_CLIENT_MESSAGE_BYTES - 1024 * 1024;
      this.#settleWithError(
        id,
        new AppError('too_large', 'The file is too large to send to the application host', {
          maxBytes,
        }),
      );
      return;
    }
    this.#send(message);
  }

  /** JSON text, or one binary message when the request carries bytes (a picked file). */
  #send(frameOrMessage: BridgeClientFrame | string | Uint8Array): void {
    const message =
      typeof frameOrMessage === 'string' || frameOrMessage instanceof Uint8Array
        ? frameOrMessage
        : encodeClientFrame(frameOrMessage);
    // A copy with its own ArrayBuffer: what WebSocket.send's types accept for any Uint8Array.
    this.#socket?.send(typeof message === 'string' ? message : new Uint8Array(message));
  }

  #settleWithError(id: number, error: AppError): void {
    const call = this.#pending.get(id);
    if (!call) return;
    this.#pending.delete(id);
    clearTimeout(call.timer);
    call.reject(error);
  }

  #rejectAll(error: AppError): void {
    for (const id of [...this.#pending.keys()]) this.#settleWithError(id, error);
  }

  #setStatus(status: BridgeStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    for (const listener of [...this.#statusListeners]) listener(status);
  }
}

function detach(socket: WebSocket): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
