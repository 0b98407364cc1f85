import { sql } from 'kysely';
import type { AppDatabase } from '../database';

export const LOGIN_LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

/**
 * Failed sign-ins per normalised username, in the database: a lock-out survives a restart and
 * several server processes count into one row (an upsert that adds, never a read-then-write).
 * Unknown usernames are counted too, so the answer does not reveal which accounts exist.
 */
export class LoginFailureRepository {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  /** When the account's lock ends, or undefined when sign-in may be tried now. */
  async lockedUntil(usernameKey: string, now = new Date()): Promise<Date | undefined> {
    const row = await this.#db
      .selectFrom('login_failures')
      .select('locked_until')
      .where('username_key', '=', usernameKey)
      .executeTakeFirst();
    return row?.locked_until && row.locked_until > now.toISOString()
      ? new Date(row.locked_until)
      : undefined;
  }

  /** Counts one failure; the fifth in a row locks the account and restarts the count. */
  async recordFailure(usernameKey: string, now = new Date()): Promise<{ lockedUntil?: Date }> {
    const at = now.toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('login_failures')
        .values({ username_key: usernameKey, failures: 1, last_failure_at: at, locked_until: null })
        .onConflict((oc) =>
          oc.column('username_key').doUpdateSet({
            failures: sql`login_failures.failures + 1`,
            last_failure_at: at,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      if (row.failures < LOGIN_LOCKOUT.maxFailures) return {};
      const lockedUntil = new Date(now.getTime() + LOGIN_LOCKOUT.lockMs);
      await trx
        .updateTable('login_failures')
        .set({ failures: 0, locked_until: lockedUntil.toISOString() })
        .where('username_key', '=', usernameKey)
        .execute();
      return { lockedUntil };
    });
  }

  async clear(usernameKey: string): Promise<void> {
    await this.#db.deleteFrom('login_failures').where('username_key', '=', usernameKey).execute();
  }
}
