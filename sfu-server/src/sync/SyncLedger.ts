/**
 * The bookkeeping every push/pull protocol of this server shares (tasks: SyncService; annotations:
 * AnnotationService): the one server clock, and per client the user it belongs to and the last
 * mutation id processed, which makes pushes exactly-once. Every function takes the transaction it
 * runs in, so a push reads, checks and writes these with its data in one transaction.
 */
import type { Kysely } from 'kysely';
import { AppError, ForbiddenError } from '../../../common/errors';
import type { User } from '../../../common/domain/user';
import type { Database } from '../db/schema';

type Executor = Kysely<Database>;

/** Refuses a protocol version outside `min`…`max` with `incompatible`. */
export function requireProtocol(what: string, version: number, min: number, max: number): void {
  if (version < min || version > max) {
    throw new AppError(
      'incompatible',
      `${what} protocol ${version} is not supported; this server speaks ${min} to ${max}`,
    );
  }
}

export const SyncLedger = {
  /**
   * The server clock. Pushes read it with `lock`: on PostgreSQL that takes the row first and so
   * serializes them, so clocks are handed out in commit order and a pull never passes a change
   * that commits later with a lower clock. (SQLite runs one write transaction at a time anyway.)
   */
  async readClock(trx: Executor, lock = false): Promise<number> {
    const query = trx.selectFrom('sync_clock').select('value').where('id', '=', 1);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return Number(row?.value ?? 0);
  },

  async writeClock(trx: Executor, value: number): Promise<void> {
    await trx.updateTable('sync_clock').set({ value }).where('id', '=', 1).execute();
  },

  /**
   * The last mutation id processed for `clientId` (0 for a new client). A client id is one user's
   * replica; another user presenting it would read that user's rejections and skip mutation ids.
   */
  async lastMutationId(trx: Executor, clientId: string, user: User): Promise<number> {
    const client = await trx
      .selectFrom('sync_clients')
      .select(['user_id', 'last_mutation_id'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (client && client.user_id !== user.id)
      throw new ForbiddenError('This sync client belongs to another user');
    return Number(client?.last_mutation_id ?? 0);
  },

  async saveClient(
    trx: Executor,
    clientId: string,
    user: User,
    lastMutationId: number,
    at: string,
  ): Promise<void> {
    await trx
      .insertInto('sync_clients')
      .values({
        client_id: clientId,
        user_id: user.id,
        last_mutation_id: lastMutationId,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('client_id').doUpdateSet({ last_mutation_id: lastMutationId, updated_at: at }),
      )
      .execute();
  },
};
