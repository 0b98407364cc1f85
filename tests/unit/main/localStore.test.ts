import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../main/store/db';
import { localMigrations } from '../../../main/store/migrations/index';
import { tempDir } from '../../helpers/testServer';

describe('openLocalStore()', () => {
  it('migrates a new file to the latest version in WAL mode with synchronous=FULL, and is idempotent', () => {
    const dir = tempDir('store');
    const db = openLocalStore(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(localMigrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run();
    db.close();
    const again = openLocalStore(dir);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'a'").get()).toEqual({
      value: 'b',
    });
    again.close();
  });

  it('refuses a store written by a newer app version rather than corrupting it', () => {
    const dir = tempDir('store');
    const raw = new Database(path.join(dir, 'local.sqlite3'));
    raw.pragma(`user_version = ${localMigrations.length + 5}`);
    raw.close();
    expect(() => openLocalStore(dir)).toThrow(/newer than this app/);
  });
});
