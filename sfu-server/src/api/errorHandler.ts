import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import {
  AppError,
  InsufficientStorageError,
  InvalidError,
  NotFoundError,
  serializeError,
  type ErrorCode,
} from '../../../common/errors';
import { isDiskFull } from '../storage/DiskSpace';

/** Fastify's own errors that are the client's fault, mapped onto the shared taxonomy. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid',
  FST_ERR_VALIDATION: 'invalid',
};

/** One central mapping from errors to `{ error: { code, name, message } }` with the right status. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    // A write that met a full disk: rolled back or its temporary file removed, nothing kept.
    else if (isDiskFull(error)) {
      request.log.error({ err: error }, 'disk full');
      appError = new InsufficientStorageError();
    } else if (error.code && fastifyCodes[error.code])
      appError = new AppError(fastifyCodes[error.code]!, error.message);
    else if (error.statusCode === 429)
      appError = new AppError('rate_limited', 'Too many requests, try again later');
    else if (error instanceof SyntaxError || error.statusCode === 400)
      appError = new AppError('invalid', 'Malformed request body');
    else if (error.statusCode === 413)
      appError = new AppError('too_large', 'Request body too large');
    else {
      request.log.error({ err: error }, 'request failed');
      appError = new AppError('internal', 'Internal error');
    }
    void reply.status(appError.status).send({ error: serializeError(appError) });
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new NotFoundError(`No route ${request.method} ${request.url.split('?')[0]}`);
    void reply.status(404).send({ error: serializeError(error) });
  });
}

/**
 * Errors Fastify meets before any route runs (a path parameter over the router's length limit, a
 * malformed percent-encoding), answered in the shared shape instead of Fastify's own (its
 * `frameworkErrors` option).
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const appError = new InvalidError(
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'Malformed URL',
  );
  void reply.status(appError.status).send({ error: serializeError(appError) });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL too large, a
 * malformed request, a client too slow), answered in the shared shape (its `clientErrorHandler`).
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket): void {
  // A connection reset: nothing left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, appError] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, new AppError('too_large', 'Request headers (or the URL) too large')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, new InvalidError('The request took too long to arrive')]
        : [400, new InvalidError('Malformed HTTP request')];
  const body = JSON.stringify({ error: serializeError(appError) });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
