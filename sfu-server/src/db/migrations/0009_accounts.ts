import type { Kysely } from 'kysely';

/**
 * Accounts made by a province, not by the demo (issue #15): a password an administrator reset
 * must be changed at the next sign-in, and failed sign-ins are counted per normalised username
 * in the database, so a lock-out survives a restart and holds across server processes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('login_failures')
    /** `normalizeUsername()` of what was typed, whether or not such an account exists. */
    .addColumn('username_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}
