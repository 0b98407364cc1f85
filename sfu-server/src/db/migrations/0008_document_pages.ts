import type { Kysely } from 'kysely';

/**
 * Search across a meeting's documents (issue #4) needs the text per page: one row per page of a
 * document version, as written (`text`, in its searchable form: NFC, whitespace collapsed) and
 * folded (`folded_text`: lower case, no diacritics, the same length, so offsets carry over).
 * `document_versions.search_text` (all pages in one) could not say on which page a hit is.
 *
 * No backfill here: a migration has no access to the files. Versions without pages get them
 * from their stored PDF when the server starts (documents/pageTexts.ts), new uploads at upload.
 * Types are ones PostgreSQL holds the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_pages')
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** 1-based. */
    .addColumn('page', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('folded_text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_pages_pk', ['document_id', 'version', 'page'])
    .addForeignKeyConstraint(
      'document_pages_version_fk',
      ['document_id', 'version'],
      'document_versions',
      ['document_id', 'version'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_pages').execute();
}
