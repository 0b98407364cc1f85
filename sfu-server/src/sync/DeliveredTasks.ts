/**
 * The tasks each sync client has been sent, so a pull names in `removedTaskIds` only tasks that
 * client holds: a task that leaves a user's view (reassigned to another agency, the user removed
 * from its meeting) is withdrawn from their replica, and the ids of tasks they never saw are not
 * disclosed.
 */
import type { Kysely } from 'kysely';
import type { User } from '../../../common/domain/user';
import type { Database } from '../db/schema';
import { chunks } from './TaskStore';

type Executor = Kysely<Database>;

// Well under SQLite's 32,766 bound parameters with three per row.
const CHUNK = 500;

export const DeliveredTasks = {
  /** Forgets everything sent to the client (a reset pull sends its whole view again). */
  async forget(trx: Executor, clientId: string): Promise<void> {
    await trx.deleteFrom('sync_delivered_tasks').where('client_id', '=', clientId).execute();
  },

  /**
   * Records `sentIds` as delivered to the client and returns which of `hiddenIds` it holds,
   * forgetting those: the pull tells the client to remove exactly them.
   */
  async update(
    trx: Executor,
    clientId: string,
    user: User,
    sentIds: readonly string[],
    hiddenIds: readonly string[],
  ): Promise<string[]> {
    const held: string[] = [];
    for (const ids of chunks(hiddenIds, CHUNK)) {
      const rows = await trx
        .deleteFrom('sync_delivered_tasks')
        .where('client_id', '=', clientId)
        .where('user_id', '=', user.id)
        .where('task_id', 'in', ids)
        .returning('task_id')
        .execute();
      held.push(...rows.map((r) => r.task_id));
    }
    for (const ids of chunks(sentIds, CHUNK))
      await trx
        .insertInto('sync_delivered_tasks')
        .values(ids.map((id) => ({ client_id: clientId, user_id: user.id, task_id: id })))
        .onConflict((oc) => oc.columns(['client_id', 'task_id']).doNothing())
        .execute();
    return held.sort();
  },
};
