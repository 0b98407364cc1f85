import type { Kysely } from 'kysely';

/**
 * Files attached to progress reports (issue #6). The bytes live in `<dataDir>/task-attachments/`
 * under their SHA-256; `task_attachment_blobs` says which are there, `task_attachment_uploads`
 * for which task each was sent (a report may only name a file sent for its own task), and
 * `task_report_attachments` what each report lists, in order, under which name.
 * Types are ones PostgreSQL holds the same way (integer sizes: at most 20 MB).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('task_attachment_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    /** pdf | zip (docx, xlsx) | png | jpeg: what the first bytes say. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('task_attachment_uploads')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('task_attachment_blobs.sha256'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_attachment_uploads_pk', ['task_id', 'sha256'])
    .execute();
  await db.schema
    .createTable('task_report_attachments')
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('task_attachment_blobs.sha256'))
    .addPrimaryKeyConstraint('task_report_attachments_pk', ['task_id', 'report_id', 'id'])
    .addForeignKeyConstraint(
      'task_report_attachments_report_fk',
      ['task_id', 'report_id'],
      'task_reports',
      ['task_id', 'id'],
    )
    .execute();
}
