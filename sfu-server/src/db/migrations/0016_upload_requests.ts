import type { Kysely } from 'kysely';

/**
 * Retried uploads answer with their first answer (issue #16, common/protocol/idempotency.ts): one
 * row per upload that carried an `Idempotency-Key`, written in the upload's own transaction with
 * its rows and its audit entry, keyed by the user and their request id. `target` and `sha256` say
 * what the id was used for, so the id of another upload is refused; old rows are pruned by the
 * orphan sweep. And an index to find a stored file's row by its name (the sweep). Additive only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('upload_requests')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('request_key', 'text', (c) => c.notNull())
    /** `document:<meeting>/<item>`, `version:<meeting>/<document>` or `attachment:<task>`. */
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_requests_pk', ['user_id', 'request_key'])
    .execute();
  await db.schema
    .createIndex('upload_requests_created_idx')
    .on('upload_requests')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('document_versions_stored_idx')
    .on('document_versions')
    .column('stored_name')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('document_versions_stored_idx').execute();
  await db.schema.dropTable('upload_requests').execute();
}
