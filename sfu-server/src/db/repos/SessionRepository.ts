import { createHash, randomBytes } from 'node:crypto';
import type { AppDatabase } from '../database';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque, revocable bearer tokens; only their hashes are stored. */
export class SessionRepository {
  readonly #db: AppDatabase;
  readonly #ttlMs: number;

  constructor(db: AppDatabase, ttlMs = 7 * 24 * 3600 * 1000) {
    this.#db = db;
    this.#ttlMs = ttlMs;
  }

  async create(userId: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.#ttlMs).toISOString();
    await this.#db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The user id of a live session, or undefined for an unknown, expired or revoked token. */
  async resolve(token: string, now = new Date()): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.user_id', 'sessions.expires_at', 'sessions.revoked_at', 'users.disabled'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || row.disabled || row.expires_at <= now.toISOString())
      return undefined;
    return row.user_id;
  }

  async revoke(token: string, now = new Date()): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .execute();
  }
}
