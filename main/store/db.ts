/** The client's only better-sqlite3 import: opens the local store and migrates it. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { localMigrations } from './migrations/index';

export type LocalDatabase = Database.Database;

export function openLocalStore(dir: string): LocalDatabase {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'local.sqlite3'));
  db.pragma('journal_mode = WAL');
  // FULL: a mutation acknowledged to the user is on disk before the outbox pushes it.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: LocalDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > localMigrations.length) {
    throw new Error(
      `Local store is version ${current}, newer than this app (${localMigrations.length}); update the app`,
    );
  }
  const apply = db.transaction(() => {
    for (let v = current; v < localMigrations.length; v++) db.exec(localMigrations[v]!);
    db.pragma(`user_version = ${localMigrations.length}`);
  });
  apply();
}
