import type { Kysely } from 'kysely';

/**
 * Which tasks each sync client has been sent. A pull tells a client to drop a task only if it
 * holds it, so `removedTaskIds` never names another agency's task (issue #16). Additive only;
 * replicas synced before this migration are not told of tasks that left their view until their
 * next reset.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_delivered_tasks')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_delivered_tasks_pk', ['client_id', 'task_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_delivered_tasks').execute();
}
