import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../main/store/db';
import { AnnotationReplicaRepository } from '../../../main/store/repos/AnnotationReplicaRepository';
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

  it('an annotation refusal kept before refusals were shown is listed under its annotation’s document after the upgrade', () => {
    const dir = tempDir('store');
    const raw = new Database(path.join(dir, 'local.sqlite3'));
    const before = localMigrations.findIndex((m) => m.includes('dismissed_at'));
    raw.exec(localMigrations.slice(0, before).join(';\n'));
    raw.pragma(`user_version = ${before}`);
    const scope = 'http://server|gialoc';
    raw
      .prepare(
        `INSERT INTO annotations (scope, id, meeting_id, document_id, json) VALUES (?, 'a1', 'm1', 'd1', '{}')`,
      )
      .run(scope);
    raw
      .prepare(
        `INSERT INTO annotation_rejections (scope, mutation_id, name, annotation_id, code, message, at)
         VALUES (?, 3, 'annotation.setShared', 'a1', 'share_not_allowed', 'No', '2022-09-27T02:00:00Z')`,
      )
      .run(scope);
    raw.close();

    const db = openLocalStore(dir);
    const replica = new AnnotationReplicaRepository(db);
    const listed = replica.rejections(
      { serverUrl: 'http://server', userId: 'gialoc' },
      { document: { meetingId: 'm1', documentId: 'd1' } },
    );
    expect(listed).toMatchObject([
      {
        mutationId: 3,
        annotationId: 'a1',
        rejection: { code: 'share_not_allowed' },
        action: null,
        annotation: null,
        dismissedAt: null,
      },
    ]);
    db.close();
  });
});
