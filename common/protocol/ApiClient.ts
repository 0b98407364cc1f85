import type { z } from 'zod';
import { AppError, deserializeError, isErrorCode } from '../errors';
import {
  apiRoutes,
  buildPath,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteResponse,
} from './api';

export interface ApiClientOptions {
  baseUrl: string;
  token?: string | null;
  /** Milliseconds before a request is abandoned as offline. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Typed REST client over the shared contract; validates every response it accepts. */
export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  withToken(token: string | null): ApiClient {
    return new ApiClient({ ...this.#options, token });
  }

  async call<N extends RouteName>(
    name: N,
    params?: RouteParams<N>,
    body?: RouteBody<N>,
  ): Promise<RouteResponse<N>> {
    const def = apiRoutes[name];
    const url = new URL(
      buildPath(def.path, (params ?? {}) as Record<string, string>),
      this.#options.baseUrl,
    );
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    let payload: string | undefined;
    if (def.method !== 'GET') {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body ?? {});
    }
    const doFetch = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: def.method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
    } catch (cause) {
      throw new AppError('unavailable', `Cannot reach the server at ${this.#options.baseUrl}`, {
        cause: String(cause),
      });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new AppError(
        'internal',
        `The server answered ${response.status} with a body that is not JSON`,
      );
    }
    if (!response.ok) throw errorFromBody(json, response.status);
    const parsed = def.response.safeParse(json);
    if (!parsed.success) {
      throw new AppError(
        'incompatible',
        `The server's answer to ${name} does not match this client's contract`,
      );
    }
    return parsed.data as RouteResponse<N>;
  }

  /**
   * A PUT of raw bytes (an attachment) to a streamed route; the JSON answer is checked against
   * `response`. The timeout grows with the size (a 20 MB file on a 2 Mbit/s district link takes
   * 80 s). Errors map to AppError as in `call`.
   */
  async putBytes<S extends z.ZodType>(
    path: string,
    bytes: Uint8Array,
    response: S,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
    };
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    const doFetch = this.#options.fetch ?? fetch;
    const timeoutMs = (this.#options.timeoutMs ?? 10_000) + Math.ceil(bytes.byteLength / 200);
    let answer: Response;
    try {
      answer = await doFetch(new URL(path, this.#options.baseUrl), {
        method: 'PUT',
        headers,
        // A copy with its own ArrayBuffer: what fetch's BodyInit accepts whatever backs `bytes`.
        body: new Uint8Array(bytes),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new AppError('unavailable', `Cannot reach the server at ${this.#options.baseUrl}`, {
        cause: String(cause),
      });
    }
    const text = await answer.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new AppError(
        'internal',
        `The server answered ${answer.status} with a body that is not JSON`,
      );
    }
    if (!answer.ok) throw errorFromBody(json, answer.status);
    const parsed = response.safeParse(json);
    if (!parsed.success)
      throw new AppError(
        'incompatible',
        `The server's answer to PUT ${path} does not match this client's contract`,
      );
    return parsed.data;
  }

  /**
   * A GET of bytes (a document version): the response once its headers say 2xx, 304 or 416,
   * for the caller to stream. The timeout covers the wait for the headers only; `signal`
   * aborts the whole transfer. Errors map to AppError as in `call`.
   */
  async fetchBytes(
    path: string,
    options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    const waiting = new AbortController();
    const timer = setTimeout(
      () => waiting.abort(new Error('timeout')),
      this.#options.timeoutMs ?? 10_000,
    );
    const signal = options.signal
      ? AbortSignal.any([options.signal, waiting.signal])
      : waiting.signal;
    const doFetch = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(new URL(path, this.#options.baseUrl), { headers, signal });
    } catch (cause) {
      if (options.signal?.aborted) throw new AppError('unavailable', 'The download was cancelled');
      throw new AppError('unavailable', `Cannot reach the server at ${this.#options.baseUrl}`, {
        cause: String(cause),
      });
    } finally {
      clearTimeout(timer);
    }
    if (response.ok || response.status === 304 || response.status === 416) return response;
    const text = await response.text().catch(() => '');
    let json: unknown = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON: reported by status below.
    }
    throw errorFromBody(json, response.status);
  }
}

/** The server's `{ error: { code, name, message } }`, or a plain error naming the status. */
function errorFromBody(json: unknown, status: number): AppError {
  const error = (json as { error?: { code?: unknown; name?: string; message?: string } } | null)
    ?.error;
  if (error && isErrorCode(error.code)) {
    return deserializeError({
      code: error.code,
      name: error.name ?? 'AppError',
      message: error.message ?? '',
    });
  }
  return new AppError('internal', `The server answered ${status}`);
}
