import type { Kysely } from 'kysely';

/**
 * The administrators' usage figures (issue #15 §2) read a period of meetings by start, of tasks
 * by creation and of document versions by upload: each an index range instead of the whole
 * table. Stored times keep the offset they were typed with, so the range is a day wider on each
 * side and the exact instants are compared on the rows it finds. The room joins and leaves of
 * those meetings are found by meeting and action together: by action alone (0013) a report would
 * read every join the log ever recorded. Additive only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('meetings_starts_idx').on('meetings').column('starts_at').execute();
  await db.schema.createIndex('tasks_created_idx').on('tasks').column('created_at').execute();
  await db.schema
    .createIndex('document_versions_created_idx')
    .on('document_versions')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('audit_log_subject_action_idx')
    .on('audit_log')
    .columns(['subject', 'action'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'audit_log_subject_action_idx',
    'document_versions_created_idx',
    'tasks_created_idx',
    'meetings_starts_idx',
  ])
    await db.schema.dropIndex(name).execute();
}
