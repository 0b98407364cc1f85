/**
 * One error taxonomy for every boundary (REST, signaling, IPC). A stable `code` survives
 * serialisation; `status` is what REST answers with.
 */
export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_state'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'incompatible'
  | 'internal';

export const statusByCode: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  incompatible: 426,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export class InvalidError extends AppError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, details);
    this.name = 'InvalidError';
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super('unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed for your role') {
    super('forbidden', message);
    this.name = 'ForbiddenError';
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super('not_found', message);
    this.name = 'NotFoundError';
  }
}
export class InvalidStateError extends AppError {
  constructor(message: string) {
    super('invalid_state', message);
    this.name = 'InvalidStateError';
  }
}

/** The shape an error takes on the wire (REST body, signaling response, IPC result). */
export interface SerializedError {
  code: ErrorCode;
  name: string;
  message: string;
  details?: unknown;
}

const errorCodes = new Set(Object.keys(statusByCode));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && errorCodes.has(value);
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    return { code: error.code, name: error.name, message: error.message, details: error.details };
  }
  return { code: 'internal', name: 'Error', message: 'Internal error' };
}

export function deserializeError(value: SerializedError): AppError {
  const error = new AppError(
    isErrorCode(value.code) ? value.code : 'internal',
    value.message,
    value.details,
  );
  error.name = value.name;
  return error;
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
