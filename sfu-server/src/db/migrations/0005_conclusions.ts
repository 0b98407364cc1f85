import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * Live conclusions (issue #5): the Yjs updates of each meeting's conclusions, appended as they
 * arrive and compacted into one row now and then, and where the conclusions stand (draft or
 * issued, and which version). Updates are base64 text so both dialects store them alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conclusions')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    /** draft | issued */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('notice_document_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('conclusion_updates')
    .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('update_b64', 'text', (c) => c.notNull())
    /** Who sent it; null for a compacted row that merges several people's edits. */
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conclusion_updates_meeting_idx')
    .on('conclusion_updates')
    .columns(['meeting_id', 'version', 'id'])
    .execute();
}
