/**
 * Local store migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Append only: never edit a migration that has shipped.
 */
export const localMigrations: readonly string[] = [
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE meeting_cache (
     server_url TEXT NOT NULL,
     user_id TEXT NOT NULL,
     key TEXT NOT NULL,          -- 'list' or a meeting id
     json TEXT NOT NULL,
     fetched_at TEXT NOT NULL,
     PRIMARY KEY (server_url, user_id, key)
   );`,
  // Follow-up tasks: the server's confirmed copies, the user's view, the outbox (issue #6).
  `CREATE TABLE task_replicas (
     scope TEXT PRIMARY KEY,     -- server URL | user id
     client_id TEXT NOT NULL,
     pulled_clock INTEGER NOT NULL,
     last_mutation_id INTEGER NOT NULL
   );
   CREATE TABLE server_tasks (
     scope TEXT NOT NULL,
     id TEXT NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (scope, id)
   );
   CREATE TABLE tasks (
     scope TEXT NOT NULL,
     id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     lead_unit_id TEXT,
     status TEXT NOT NULL,
     due_date TEXT,
     json TEXT NOT NULL,
     PRIMARY KEY (scope, id)
   );
   CREATE INDEX tasks_meeting_idx ON tasks (scope, meeting_id);
   CREATE TABLE task_outbox (
     scope TEXT NOT NULL,
     mutation_id INTEGER NOT NULL,
     task_id TEXT NOT NULL,
     json TEXT NOT NULL,
     actor_json TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (scope, mutation_id)
   );
   CREATE INDEX task_outbox_task_idx ON task_outbox (scope, task_id);
   CREATE TABLE task_rejections (
     scope TEXT NOT NULL,
     mutation_id INTEGER NOT NULL,
     name TEXT NOT NULL,
     task_id TEXT NOT NULL,
     code TEXT NOT NULL,
     message TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (scope, mutation_id)
   );`,
  // Agenda documents kept for offline reading (issue #4): one row per version the user's agenda
  // lists; the file itself is document-cache/<sha256>.pdf, shared by rows with the same content.
  `CREATE TABLE document_cache (
     server_url TEXT NOT NULL,
     user_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     document_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     title TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size_bytes INTEGER NOT NULL,
     cached_at TEXT,             -- set once the file's SHA-256 was verified; NULL: not on disk
     PRIMARY KEY (server_url, user_id, document_id, version)
   );
   CREATE INDEX document_cache_meeting_idx ON document_cache (server_url, user_id, meeting_id);
   CREATE INDEX document_cache_sha_idx ON document_cache (sha256);`,
  // Files of progress reports (issue #6), by SHA-256: picked here and waiting to be sent, or
  // downloaded to read (a cache). In SQLite rather than loose files, so a report's outbox row and
  // the files it names are committed in one transaction. `task_outbox_attachments` says which
  // pending mutation names which file for which task, and whether the server has it yet; its
  // foreign key keeps a file from being pruned while an unsent report needs it.
  `CREATE TABLE attachment_blobs (
     sha256 TEXT PRIMARY KEY,
     size_bytes INTEGER NOT NULL,
     bytes BLOB NOT NULL,
     stored_at TEXT NOT NULL     -- when stored or last read: old files no report waits for are pruned
   );
   CREATE TABLE task_outbox_attachments (
     scope TEXT NOT NULL,
     mutation_id INTEGER NOT NULL,
     task_id TEXT NOT NULL,
     sha256 TEXT NOT NULL REFERENCES attachment_blobs (sha256),
     uploaded_at TEXT,           -- NULL until the server answered the upload
     PRIMARY KEY (scope, mutation_id, sha256)
   );
   CREATE INDEX task_outbox_attachments_sha_idx ON task_outbox_attachments (sha256);`,
  // Desktop reminders already shown (issue #6): one per user, task, kind and day, so a restart on
  // the same day does not show them again.
  `CREATE TABLE task_reminder_log (
     scope TEXT NOT NULL,        -- server URL | user id, as task_replicas
     task_id TEXT NOT NULL,
     kind TEXT NOT NULL,         -- due_soon | weekly_report
     day TEXT NOT NULL,          -- YYYY-MM-DD, Vietnam time
     notified_at TEXT NOT NULL,
     PRIMARY KEY (scope, task_id, kind, day)
   );`,
  // Annotations on agenda documents (issue #4), kept as tasks are: the server's confirmed copies,
  // the user's view (confirmed copies with the pending mutations applied), the outbox (main/store/
  // outbox.ts) and refused changes. The view is what the viewer lists per document.
  `CREATE TABLE annotation_replicas (
     scope TEXT PRIMARY KEY,     -- server URL | user id
     client_id TEXT NOT NULL,
     pulled_clock INTEGER NOT NULL,
     last_mutation_id INTEGER NOT NULL
   );
   CREATE TABLE server_annotations (
     scope TEXT NOT NULL,
     id TEXT NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (scope, id)
   );
   CREATE TABLE annotations (
     scope TEXT NOT NULL,
     id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     document_id TEXT NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (scope, id)
   );
   CREATE INDEX annotations_document_idx ON annotations (scope, meeting_id, document_id);
   CREATE TABLE annotation_outbox (
     scope TEXT NOT NULL,
     mutation_id INTEGER NOT NULL,
     annotation_id TEXT NOT NULL,
     json TEXT NOT NULL,
     actor_json TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (scope, mutation_id)
   );
   CREATE INDEX annotation_outbox_subject_idx ON annotation_outbox (scope, annotation_id);
   CREATE TABLE annotation_rejections (
     scope TEXT NOT NULL,
     mutation_id INTEGER NOT NULL,
     name TEXT NOT NULL,
     annotation_id TEXT NOT NULL,
     code TEXT NOT NULL,
     message TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (scope, mutation_id)
   );`,
  // Refused annotation changes shown to the user (issue #4): which document and annotation each
  // was about (the outbox row and, for a refused creation, the annotation itself are gone once
  // acknowledged, so what the user needs to recognise it is kept here), and when the user
  // dismissed the notice. Rows kept before this migration take their document from the view.
  `ALTER TABLE annotation_rejections ADD COLUMN meeting_id TEXT;
   ALTER TABLE annotation_rejections ADD COLUMN document_id TEXT;
   ALTER TABLE annotation_rejections ADD COLUMN action TEXT;      -- create|update|share|unshare|delete
   ALTER TABLE annotation_rejections ADD COLUMN kind TEXT;        -- ink|highlight|note
   ALTER TABLE annotation_rejections ADD COLUMN page INTEGER;
   ALTER TABLE annotation_rejections ADD COLUMN excerpt TEXT;     -- the highlight's or note's text, shortened
   ALTER TABLE annotation_rejections ADD COLUMN dismissed_at TEXT; -- NULL: still shown
   UPDATE annotation_rejections SET
     meeting_id = (SELECT a.meeting_id FROM annotations a
                   WHERE a.scope = annotation_rejections.scope AND a.id = annotation_rejections.annotation_id),
     document_id = (SELECT a.document_id FROM annotations a
                    WHERE a.scope = annotation_rejections.scope AND a.id = annotation_rejections.annotation_id);
   CREATE INDEX annotation_rejections_document_idx
     ON annotation_rejections (scope, meeting_id, document_id, dismissed_at);`,
];
