import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, NotFoundError, serializeError, type ErrorCode } from '../../../common/errors';

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
    else if (error.code && fastifyCodes[error.code])
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
