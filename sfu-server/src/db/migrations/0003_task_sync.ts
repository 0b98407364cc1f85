import { sql, type Kysely } from 'kysely';
// integer, not bigint: node-postgres returns bigint columns as strings.

/**
 * Tasks become synced documents: a server clock on every change, the lead agency as a unit id
 * (permissions follow it), progress reports and extensions, and per-client sync bookkeeping.
 * Types and constraints are ones PostgreSQL accepts as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type] of [
    ['lead_unit_id', 'text'],
    ['conclusion_ref', 'text'],
    ['due_event', 'text'],
    ['status_set_by', 'text'],
    ['completed_at', 'text'],
    ['difficulties', 'text'],
    ['proposals', 'text'],
  ] as const) {
    await db.schema.alterTable('tasks').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('tasks')
    .addColumn('status_clock', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('clock', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Tasks written before this migration name their agencies only; link them to units by name and
  // keep cooperating agencies as {id, name} objects.
  await sql`update tasks set lead_unit_id = (select u.id from units u where u.name = tasks.lead_unit_name)`.execute(
    db,
  );
  const rows = await sql<{
    id: string;
    cooperating_json: string;
  }>`select id, cooperating_json from tasks`.execute(db);
  const units = await sql<{ id: string; name: string }>`select id, name from units`.execute(db);
  const unitIdByName = new Map(units.rows.map((u) => [u.name, u.id]));
  for (const row of rows.rows) {
    const names = JSON.parse(row.cooperating_json) as unknown[];
    const refs = names.map((n) =>
      typeof n === 'string' ? { id: unitIdByName.get(n) ?? null, name: n } : n,
    );
    await sql`update tasks set cooperating_json = ${JSON.stringify(refs)} where id = ${row.id}`.execute(
      db,
    );
  }
  await db.schema.createIndex('tasks_clock_idx').on('tasks').column('clock').execute();
  await db.schema.createIndex('tasks_lead_unit_idx').on('tasks').column('lead_unit_id').execute();

  await db.schema
    .createTable('task_reports')
    // Ids are chosen by clients, so they are unique per task only.
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by_id', 'text', (c) => c.notNull())
    .addColumn('reported_by_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_reports_pk', ['task_id', 'id'])
    .execute();
  await db.schema
    .createTable('task_extensions')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('previous_due', 'text')
    .addColumn('new_due', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('granted_by_id', 'text', (c) => c.notNull())
    .addColumn('granted_by_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_extensions_pk', ['task_id', 'id'])
    .execute();

  // One row: the server clock, advanced by one for every applied change.
  await db.schema
    .createTable('sync_clock')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into sync_clock (id, value) values (1, 0)`.execute(db);
  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_mutation_id', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sync_rejections')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('clock', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_rejections_pk', ['client_id', 'mutation_id'])
    .execute();
}
