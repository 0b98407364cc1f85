import type { Kysely } from 'kysely';

/**
 * Annotations on agenda documents (issue #4): one row per annotation, with its shape and anchor
 * as JSON text, stamped with the server clock of its last change (the one `sync_clock` the task
 * sync uses, so pulls of either kind never see a clock go back). Deleted annotations stay as
 * tombstones so every replica drops them. `was_shared` remembers that an annotation was shown to
 * everyone once: when it is made private again, the others' replicas are told to drop it, while
 * never-shared annotations stay unknown to anyone but their author.
 *
 * Refusals are kept per client and mutation id (`annotation_rejections`), as `sync_rejections`
 * keeps the tasks' ones, so a repeated push gets the same answer. Client ids and their last
 * mutation ids live in `sync_clients` with the tasks' (an annotation replica has an id of its own).
 * Types are ones PostgreSQL holds the same way (integer booleans and clocks, text timestamps).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annotations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('page', 'integer', (c) => c.notNull())
    /** ink | highlight | note */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('was_shared', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('shape_json', 'text', (c) => c.notNull())
    .addColumn('anchor_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('clock', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint(
      'annotations_version_fk',
      ['document_id', 'version'],
      'document_versions',
      ['document_id', 'version'],
    )
    .execute();
  await db.schema.createIndex('annotations_clock_idx').on('annotations').column('clock').execute();
  await db.schema
    .createIndex('annotations_document_idx')
    .on('annotations')
    .columns(['meeting_id', 'document_id'])
    .execute();
  await db.schema
    .createTable('annotation_rejections')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('annotation_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('clock', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('annotation_rejections_pk', ['client_id', 'mutation_id'])
    .execute();
}
