/**
 * The server's only better-sqlite3 import. Everything else speaks Kysely, so the same queries can
 * run on PostgreSQL (PostgresDialect) when a province outgrows one machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Migration,
  type MigrationProvider,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import type { Database } from './schema';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_document_versions';
import * as m0003 from './migrations/0003_task_sync';
import * as m0004 from './migrations/0004_meeting_session';
import * as m0005c from './migrations/0005_conclusions';
import * as m0006 from './migrations/0006_task_attachments';
import * as m0007a from './migrations/0007_annotations';
import * as m0008p from './migrations/0008_document_pages';
import * as m0009a from './migrations/0009_accounts';
import * as m0010d from './migrations/0010_directory';
import * as m0011 from './migrations/0011_meeting_planning';
import * as m0012 from './migrations/0012_audit_chain';
import * as m0013 from './migrations/0013_audit_index';
import * as m0014s from './migrations/0014_sync_delivered';
import * as m0015u from './migrations/0015_usage_index';
import * as m0016u from './migrations/0016_upload_requests';

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_document_versions': m0002,
  '0003_task_sync': m0003,
  '0004_meeting_session': m0004,
  '0005_conclusions': m0005c,
  '0006_task_attachments': m0006,
  '0007_annotations': m0007a,
  '0008_document_pages': m0008p,
  '0009_accounts': m0009a,
  '0011_meeting_planning': m0011,
  '0012_audit_chain': m0012,
  '0013_audit_index': m0013,
  '0014_sync_delivered': m0014s,
  '0015_usage_index': m0015u,
  '0010_directory': m0010d,
  '0016_upload_requests': m0016u,
};

class InCodeMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export type AppDatabase = Kysely<Database>;
export type SqlDialect = 'sqlite' | 'postgres';

function openSqlite(dataDir: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(path.join(dataDir, 'phonghop.sqlite3'));
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write (a synced task, a vote) survives a power cut on an office PC.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * better-sqlite3 as Kysely drives it, but a ROLLBACK after SQLite already rolled the transaction
 * back itself (it may on SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM) does nothing, instead of failing
 * with "cannot rollback - no transaction is active" and hiding the error that caused it: a full
 * disk must answer 507 with nothing applied, not 500 (issue #16).
 */
function rollbackTolerant(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const nothing = {
    reader: false,
    all: () => [],
    run: () => ({ changes: 0, lastInsertRowid: 0 }),
    iterate: () => [][Symbol.iterator](),
  };
  return {
    close: () => sqlite.close(),
    prepare: (query) =>
      !sqlite.inTransaction && /^\s*rollback\s*;?\s*$/i.test(query)
        ? nothing
        : sqlite.prepare(query),
  };
}

export interface OpenedDatabase {
  db: AppDatabase;
  dialect: SqlDialect;
  /** The schema version after migrating: the name of the last applied migration. */
  schemaVersion: string;
  close(): Promise<void>;
}

/**
 * Opens the server's database and migrates it: SQLite in `<dataDir>/phonghop.sqlite3`, or
 * PostgreSQL when `databaseUrl` (postgres://…) is given — a province that outgrows one machine
 * moves by configuration (docs/postgresql.md).
 */
export async function openDatabase(dataDir: string, databaseUrl?: string): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const dialect: SqlDialect = databaseUrl ? 'postgres' : 'sqlite';
  const db = new Kysely<Database>({
    dialect: databaseUrl
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 10 }) })
      : new SqliteDialect({ database: rollbackTolerant(openSqlite(dataDir)) }),
  });
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(),
    // Areas add migrations side by side; one landing after a later-numbered one must still run.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Database migration failed: ${String(error)}`, { cause: error });
  }
  const applied = await migrator.getMigrations();
  const last = applied.filter((m) => m.executedAt).at(-1)?.name ?? 'none';
  void results;
  return {
    db,
    dialect,
    schemaVersion: last,
    close: () => db.destroy(),
  };
}

/** A cheap round trip that proves the database answers (health check). */
export async function pingDatabase(db: AppDatabase): Promise<void> {
  await sql`select 1`.execute(db);
}
