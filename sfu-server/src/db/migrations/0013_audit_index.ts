import type { Kysely } from 'kysely';

/**
 * The administrators' audit screen (issue #15 §2) filters by person, action prefix and subject,
 * newest first: each filter walks an index in id order instead of the whole log. Additive only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_user_idx')
    .on('audit_log')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_action_idx')
    .on('audit_log')
    .columns(['action', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['subject', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'audit_log_at_idx',
    'audit_log_subject_idx',
    'audit_log_action_idx',
    'audit_log_user_idx',
  ])
    await db.schema.dropIndex(name).execute();
}
