import { createHash, randomBytes } from 'node:crypto';
import type { AppDatabase } from '../database';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

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

  /** Revokes every live session of a user but `keepToken`'s (a password change keeps its own). */
  async revokeAllOf(userId: string, keepToken?: string, now = new Date()): Promise<void> {
    let query = this.#db
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keepToken) query = query.where('token_hash', '!=', hashToken(keepToken));
    await query.execute();
  }

  /**
   * Of the given sessions (by token hash), those still live: not revoked or expired, their user
   * not disabled. One query for every open signaling socket (`SessionWatch`).
   */
  async liveOf(tokenHashes: readonly string[], now = new Date()): Promise<Set<string>> {
    const live = new Set<string>();
    for (let i = 0; i < tokenHashes.length; i += 500) {
      const rows = await this.#db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.token_hash')
        .where('sessions.token_hash', 'in', tokenHashes.slice(i, i + 500))
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', now.toISOString())
        .where('users.disabled', '=', 0)
        .execute();
      for (const r of rows) live.add(r.token_hash);
    }
    return live;
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
