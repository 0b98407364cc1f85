/**
 * Uploads sent with a request id (`Idempotency-Key`, common/protocol/idempotency.ts): the first
 * answer is kept in `upload_requests` in the upload's own transaction, with its rows and audit
 * entry, and a repeat of the request gets that answer back with nothing stored again. Two
 * copies of one request racing each other both reach the insert: the second fails on the primary
 * key, its transaction is rolled back, and it answers with the first one's row (`settle`).
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError, InvalidError } from '../../../common/errors';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeySchema } from '../../../common/protocol/idempotency';
import type { Database } from '../db/schema';

type Executor = Kysely<Database>;

/** What an upload answered: its status and JSON body. */
export interface UploadAnswer<T = unknown> {
  status: number;
  body: T;
}

/** One request id of one user, and what it was used for. */
export interface UploadRequestId {
  userId: string;
  key: string;
  /** `document:<meeting>/<item>`, `version:<meeting>/<document>` or `attachment:<task>`. */
  target: string;
}

export interface StoredUploadRequest extends UploadRequestId {
  sha256: string;
  answer: UploadAnswer;
}

/** The request id of an upload, or undefined when it carries none; a malformed one is refused. */
export function requestKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success)
    throw new InvalidError(
      `Invalid ${IDEMPOTENCY_KEY_HEADER} header: ${parsed.error.issues[0]?.message ?? 'bad value'}`,
      {
        reason: 'idempotency_key',
      },
    );
  return parsed.data;
}

function reused(): AppError {
  return new AppError(
    'invalid_state',
    'Mã yêu cầu (Idempotency-Key) này đã được dùng cho một lần tải lên khác (tệp hoặc nơi nhận khác); không lưu gì thêm. Hãy gửi lần tải lên mới với mã mới.',
    {
      reason: 'idempotency_key_reused',
      en: 'This Idempotency-Key was used for another upload (other content or target); nothing was stored',
    },
  );
}

export const UploadRequests = {
  async find(db: Executor, userId: string, key: string): Promise<StoredUploadRequest | undefined> {
    const row = await db
      .selectFrom('upload_requests')
      .selectAll()
      .where('user_id', '=', userId)
      .where('request_key', '=', key)
      .executeTakeFirst();
    return (
      row && {
        userId: row.user_id,
        key: row.request_key,
        target: row.target,
        sha256: row.sha256,
        answer: { status: Number(row.status), body: JSON.parse(row.response_json) as unknown },
      }
    );
  },

  /**
   * The first answer to a repeat of `stored`: the same target and (when known) the same content;
   * a request id used for another upload is refused (409 `idempotency_key_reused`).
   */
  replay(stored: StoredUploadRequest, target: string, sha256?: string): UploadAnswer {
    if (stored.target !== target || (sha256 !== undefined && stored.sha256 !== sha256))
      throw reused();
    return stored.answer;
  },

  /** Keeps the answer of a request (in the transaction that wrote the upload's rows). */
  async save(
    trx: Executor,
    id: UploadRequestId,
    sha256: string,
    answer: UploadAnswer,
    now = new Date(),
  ): Promise<void> {
    await trx
      .insertInto('upload_requests')
      .values({
        user_id: id.userId,
        request_key: id.key,
        target: id.target,
        sha256,
        status: answer.status,
        response_json: JSON.stringify(answer.body),
        created_at: now.toISOString(),
      })
      .execute();
  },

  /**
   * After an upload's transaction failed: the answer of the copy of the same request that won
   * (its row is there now), or undefined when the failure was something else.
   */
  async settle(
    db: Executor,
    id: UploadRequestId,
    sha256: string,
  ): Promise<UploadAnswer | undefined> {
    const stored = await UploadRequests.find(db, id.userId, id.key).catch(() => undefined);
    return stored && UploadRequests.replay(stored, id.target, sha256);
  },

  /** Forgets requests older than `before` (a retry comes within minutes, not weeks). */
  async prune(db: Executor, before: Date): Promise<number> {
    const result = await db
      .deleteFrom('upload_requests')
      .where('created_at', '<', before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
