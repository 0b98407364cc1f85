import { sql, type Kysely } from 'kysely';

/**
 * Issue #4: a document is the logical document on an agenda item (title, confidential, current
 * version); each uploaded file is an immutable row of `document_versions`. Existing documents
 * become their own version 1. Which item is being discussed is kept in `agenda_current`, one row
 * per meeting at most (no row: none). Types and constraints PostgreSQL accepts as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_versions')
    .addColumn('document_id', 'text', (c) =>
      c.notNull().references('documents.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('search_text', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'version'])
    .execute();
  await sql`
    insert into document_versions
      (document_id, version, stored_name, sha256, size_bytes, page_count, search_text, uploaded_by, created_at)
    select id, 1, stored_name, sha256, size_bytes, page_count, null, null, created_at from documents
  `.execute(db);
  await db.schema
    .alterTable('documents')
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('documents')
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One column per statement: SQLite's ALTER TABLE drops one at a time.
  for (const column of ['stored_name', 'sha256', 'size_bytes', 'page_count'])
    await db.schema.alterTable('documents').dropColumn(column).execute();
  await db.schema
    .createIndex('documents_item_idx')
    .on('documents')
    .column('agenda_item_id')
    .execute();

  await db.schema
    .createTable('agenda_current')
    .addColumn('meeting_id', 'text', (c) =>
      c.primaryKey().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('agenda_item_id', 'text', (c) =>
      c.notNull().references('agenda_items.id').onDelete('cascade'),
    )
    .addColumn('set_by', 'text', (c) => c.references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agenda_current').execute();
  await db.schema.dropIndex('documents_item_idx').execute();
  await db.schema.alterTable('documents').addColumn('stored_name', 'text').execute();
  await db.schema.alterTable('documents').addColumn('sha256', 'text').execute();
  await db.schema.alterTable('documents').addColumn('size_bytes', 'integer').execute();
  await db.schema.alterTable('documents').addColumn('page_count', 'integer').execute();
  // Back to one file per document: the current version's.
  await sql`
    update documents set
      stored_name = v.stored_name, sha256 = v.sha256, size_bytes = v.size_bytes,
      page_count = v.page_count
    from document_versions v
    where v.document_id = documents.id and v.version = documents.current_version
  `.execute(db);
  await db.schema.alterTable('documents').dropColumn('current_version').execute();
  await db.schema.alterTable('documents').dropColumn('confidential').execute();
  await db.schema.dropTable('document_versions').execute();
}
