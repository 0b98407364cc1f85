/**
 * The server's only better-sqlite3 import. Everything else speaks Kysely, so the same queries can
 * run on PostgreSQL (PostgresDialect) when a province outgrows one machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  SqliteDialect,
  sql,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Database } from './schema';
import * as m0001 from './migrations/0001_initial';

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};

class InCodeMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export type AppDatabase = Kysely<Database>;

export interface OpenedDatabase {
  db: AppDatabase;
  /** The schema version after migrating: the name of the last applied migration. */
  schemaVersion: string;
  close(): Promise<void>;
}

export async function openDatabase(dataDir: string): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(path.join(dataDir, 'phonghop.sqlite3'));
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write (a synced task, a vote) survives a power cut on an office PC.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider() });
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
    schemaVersion: last,
    close: () => db.destroy(),
  };
}

/** A cheap round trip that proves the database answers (health check). */
export async function pingDatabase(db: AppDatabase): Promise<void> {
  await sql`select 1`.execute(db);
}
