import type { z } from 'zod';
import { AppError, deserializeError, isErrorCode } from '../errors';
import {
  apiRoutes,
  buildPath,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from './api';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency';

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
    query?: RouteQuery<N>,
  ): Promise<RouteResponse<N>> {
    const def = apiRoutes[name];
    const url = new URL(
      buildPath(def.path, (params ?? {}) as Record<string, string>),
      this.#options.baseUrl,
    );
    for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>))
      if (value !== undefined) url.searchParams.set(key, String(value));
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
      throw unreachable(this.#options.baseUrl, cause);
    }
    return (await parseAnswer(response, def.response, name)) as RouteResponse<N>;
  }

  /**
   * A PUT of raw bytes (an attachment) to a streamed route; the JSON answer is checked against
   * `response`. The timeout grows with the size (a 20 MB file on a 2 Mbit/s district link takes
   * 80 s). Errors map to AppError as in `call`. `requestId` names the upload so that a retry
   * with the same id is answered as the first (common/protocol/idempotency.ts).
   */
  async putBytes<S extends z.ZodType>(
    path: string,
    bytes: Uint8Array,
    response: S,
    options: { requestId?: string } = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
    };
    if (options.requestId) headers[IDEMPOTENCY_KEY_HEADER] = options.requestId;
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
      throw unreachable(this.#options.baseUrl, cause);
    }
    return parseAnswer(answer, response, `PUT ${path}`);
  }

  /**
   * A POST of one file and a few text fields as multipart/form-data (a document upload), the
   * body streamed in chunks so `onProgress(sentBytes, totalBytes)` follows the bytes as fetch
   * takes them (`sentBytes` counts the whole body, framing included, and ends at `totalBytes`).
   * The timeout grows with the size as in `putBytes`, plus time for the server to check the file.
   * A streamed request body needs Node's fetch (main): Chromium streams uploads only over HTTP/2.
   * `requestId` names the upload so that a retry with the same id is answered as the first.
   */
  async postMultipart<S extends z.ZodType>(
    path: string,
    form: {
      fields: Record<string, string>;
      file: { field: string; name: string; type: string; bytes: Uint8Array };
    },
    response: S,
    onProgress: (sentBytes: number, totalBytes: number) => void = () => undefined,
    options: { requestId?: string } = {},
  ): Promise<z.infer<S>> {
    const { boundary, chunks, totalBytes } = multipartBody(form);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(totalBytes),
    };
    if (options.requestId) headers[IDEMPOTENCY_KEY_HEADER] = options.requestId;
    if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
    let next = 0;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const chunk = chunks[next++];
          if (!chunk) return controller.close();
          controller.enqueue(chunk);
          sent += chunk.byteLength;
          onProgress(sent, totalBytes);
        },
      },
      // NOTE: pull only when fetch has taken the previous chunk, so progress follows the socket.
      { highWaterMark: 0 },
    );
    const doFetch = this.#options.fetch ?? fetch;
    const timeoutMs =
      (this.#options.timeoutMs ?? 10_000) + 60_000 + Math.ceil(form.file.bytes.byteLength / 200);
    let answer: Response;
    try {
      answer = await doFetch(new URL(path, this.#options.baseUrl), {
        method: 'POST',
        headers,
        body,
        // Required by fetch for a streamed request body.
        duplex: 'half',
        signal: AbortSignal.timeout(timeoutMs),
      } as RequestInit);
    } catch (cause) {
      throw unreachable(this.#options.baseUrl, cause);
    }
    return parseAnswer(answer, response, `POST ${path}`);
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
      throw unreachable(this.#options.baseUrl, cause);
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
      // Why, for a client to word it (e.g. an upload's `reason`, a size cap's `maxBytes`).
      details: (error as { details?: unknown }).details,
    });
  }
  return new AppError('internal', `The server answered ${status}`);
}

/** A JSON answer checked against `response`; a refusal as the server's AppError. */
/**
 * A request that got no answer: `unavailable`, unless the fetch refused it with a reason of its
 * own (an AppError: main's server fetch refusing a certificate or a plain-HTTP address), which
 * the user must see rather than "cannot reach the server".
 */
function unreachable(baseUrl: string, cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  return new AppError('unavailable', `Cannot reach the server at ${baseUrl}`, {
    cause: String(cause),
  });
}

async function parseAnswer<S extends z.ZodType>(
  answer: Response,
  response: S,
  what: string,
): Promise<z.infer<S>> {
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
      `The server's answer to ${what} does not match this client's contract`,
    );
  return parsed.data;
}

const MULTIPART_CHUNK_BYTES = 64 * 1024;

/** A multipart/form-data body as browsers write it (names quoted, `"` CR LF percent-encoded). */
function multipartBody(form: {
  fields: Record<string, string>;
  file: { field: string; name: string; type: string; bytes: Uint8Array };
}): { boundary: string; chunks: Uint8Array[]; totalBytes: number } {
  const random = crypto.getRandomValues(new Uint8Array(12));
  const boundary = `----PhongHop${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const quote = (value: string) =>
    value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const encoder = new TextEncoder();
  let head = '';
  for (const [name, value] of Object.entries(form.fields))
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`;
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${quote(form.file.field)}"; ` +
    `filename="${quote(form.file.name)}"\r\nContent-Type: ${form.file.type}\r\n\r\n`;
  const chunks: Uint8Array[] = [encoder.encode(head)];
  const { bytes } = form.file;
  for (let offset = 0; offset < bytes.byteLength; offset += MULTIPART_CHUNK_BYTES)
    chunks.push(bytes.subarray(offset, offset + MULTIPART_CHUNK_BYTES));
  chunks.push(encoder.encode(`\r\n--${boundary}--\r\n`));
  return { boundary, chunks, totalBytes: chunks.reduce((n, c) => n + c.byteLength, 0) };
}
