/**
 * Client side of the signaling contract over a browser-style WebSocket: request/response with
 * ids and timeouts, notifications to listeners. Isomorphic (uses the global WebSocket).
 */
import { AppError, deserializeError, isErrorCode } from '../errors';
import {
  MAX_SIGNALING_MESSAGE_BYTES,
  signalingRequests,
  signalingServerMessageSchema,
  SIGNALING_PROTOCOL_VERSION,
  type SignalingMethod,
  type SignalingRequestData,
  type SignalingResponseData,
} from './signaling';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  method: SignalingMethod;
}

export class SignalingClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #timeoutMs: number;
  #nextId = 1;
  onNotification: (method: string, data: unknown) => void = () => undefined;
  onClose: (code: number, reason: string) => void = () => undefined;

  private constructor(socket: WebSocket, timeoutMs: number) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onclose = (event) => {
      for (const pending of this.#pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(
          new AppError('unavailable', `Signaling closed: ${event.reason || event.code}`),
        );
      }
      this.#pending.clear();
      this.onClose(event.code, event.reason);
    };
  }

  static connect(
    signalingUrl: string,
    ticket: string,
    timeoutMs = 10_000,
  ): Promise<SignalingClient> {
    const url = new URL(signalingUrl);
    url.searchParams.set('ticket', ticket);
    url.searchParams.set('v', String(SIGNALING_PROTOCOL_VERSION));
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.onopen = () => resolve(new SignalingClient(socket, timeoutMs));
      socket.onerror = () =>
        reject(new AppError('unavailable', 'Cannot open the signaling connection'));
      socket.onclose = (event) =>
        reject(new AppError('unavailable', `Signaling refused: ${event.reason || event.code}`));
    });
  }

  request<M extends SignalingMethod>(
    method: M,
    data: SignalingRequestData<M>,
  ): Promise<SignalingResponseData<M>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new AppError('unavailable', `Signaling request ${method} timed out`));
      }, this.#timeoutMs);
      const text = JSON.stringify({ type: 'request', id, method, data });
      // The server would refuse it without an id to answer; say so now, not after the timeout.
      // (A UTF-8 character is at most 3 bytes per UTF-16 unit: most messages skip the encoding.)
      if (
        text.length * 3 > MAX_SIGNALING_MESSAGE_BYTES &&
        new TextEncoder().encode(text).byteLength > MAX_SIGNALING_MESSAGE_BYTES
      ) {
        clearTimeout(timer);
        reject(new AppError('too_large', `The ${method} request is too large to send`));
        return;
      }
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, method });
      this.#socket.send(text);
    });
  }

  /** Whether requests can still be sent (the socket has neither closed nor begun to). */
  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.#socket.close(1000, 'bye');
  }

  #onMessage(raw: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch {
      return;
    }
    const parsed = signalingServerMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'notification') {
      this.onNotification(message.method, message.data);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) {
      const data = signalingRequests[pending.method].response.safeParse(message.data);
      if (data.success) pending.resolve(data.data);
      else pending.reject(new AppError('incompatible', `Unexpected response to ${pending.method}`));
    } else {
      const { code, name, message: text, details } = message.error;
      pending.reject(
        deserializeError({
          code: isErrorCode(code) ? code : 'internal',
          name,
          message: text,
          details,
        }),
      );
    }
  }
}
