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
];
