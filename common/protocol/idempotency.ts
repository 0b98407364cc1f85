/**
 * Retried uploads (issue #16). A client names each upload with a request id of its own choosing
 * in the `Idempotency-Key` header and sends the same id again when it retries (a dropped link, a
 * timeout): the server answers a repeat of a stored upload with the first answer, status and body
 * as they were, and stores nothing twice. The idea is the sync push's (a client's mutation ids are
 * applied once): here the id names one request instead of one mutation.
 *
 * - The id is the user's: the same id from another user is another request.
 * - A repeat must carry the same content to the same target (the same SHA-256 to the same agenda
 *   item, document or task); the id of another upload is refused as `invalid_state` (409,
 *   `details.reason = 'idempotency_key_reused'`), and nothing is stored.
 * - Without the header an upload is as before: each one is a new request.
 */
import { z } from 'zod';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** A UUID fits, as does `<client id>.<mutation id>.<sha256 prefix>`; nothing a path could hold. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{16,128}$/, '16 to 128 letters, digits, ".", "_", ":" or "-"');
