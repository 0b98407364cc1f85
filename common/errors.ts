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
  | 'insufficient_storage'
  /** The server's TLS certificate is not the one the client was configured to trust. */
  | 'certificate_mismatch'
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
  insufficient_storage: 507,
  // Never sent by the server: the client's own refusal of a connection (as a gateway's 502).
  certificate_mismatch: 502,
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

/**
 * An upload over a meeting's or a task's storage quota (`details.reason`: `meeting_quota` or
 * `task_quota`; `details.limit`: `bytes` or `files`). 413, not 409: the same request will meet
 * the same refusal until files are removed, which no client can mend by re-reading state, and
 * clients already treat `too_large` as final (the task outbox moves on instead of retrying).
 * The message is Vietnamese (the user's language); `details.en` carries it in English.
 */
export class QuotaExceededError extends AppError {
  constructor(
    message: string,
    details: { reason: 'meeting_quota' | 'task_quota'; en: string } & Record<string, unknown>,
  ) {
    super('too_large', message, details);
    this.name = 'QuotaExceededError';
  }
}

/**
 * The server's disk is (nearly) full: nothing of the request was kept, and it may be sent again
 * once space is freed (507 Insufficient Storage).
 */
export class InsufficientStorageError extends AppError {
  constructor(
    message = 'Máy chủ đã hết dung lượng lưu trữ, chưa lưu được dữ liệu. Vui lòng báo bộ phận kỹ thuật giải phóng ổ đĩa rồi gửi lại.',
    details: unknown = {
      en: 'The server is out of disk space and kept nothing; send it again once space is freed',
    },
  ) {
    super('insufficient_storage', message, details);
    this.name = 'InsufficientStorageError';
  }
}

/**
 * What one connection to a meeting's room may hold (issue #18): at most two transports, one
 * producer per source (microphone, camera, screen) and one consumer per producer. Past a limit
 * the request is refused before anything is made (`invalid_state`, 409: the connection already
 * holds what it asks for). `details.reason` is the message key; the message is Vietnamese and
 * `details.en` English, as QuotaExceededError's.
 */
export type PeerLimitReason = 'transport_limit' | 'source_taken' | 'already_consuming';

const peerLimitText: Record<PeerLimitReason, { vi: string; en: string }> = {
  transport_limit: {
    vi: 'Mỗi kết nối vào phòng họp chỉ mở được 2 đường truyền (gửi và nhận).',
    en: 'A connection to the room may open at most 2 transports (send and receive)',
  },
  source_taken: {
    vi: 'Nguồn này (micrô, camera hoặc màn hình) đang được gửi; hãy dừng luồng đang gửi trước.',
    en: 'This source (microphone, camera or screen) is already being sent; stop it first',
  },
  already_consuming: {
    vi: 'Bạn đang nhận luồng này rồi.',
    en: 'This stream is already being received on this connection',
  },
};

export class PeerLimitError extends AppError {
  constructor(reason: PeerLimitReason, details: Record<string, unknown> = {}) {
    super('invalid_state', peerLimitText[reason].vi, {
      reason,
      en: peerLimitText[reason].en,
      ...details,
    });
    this.name = 'PeerLimitError';
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
