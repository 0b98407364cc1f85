/**
 * The audit log nobody can rewrite (issue #16): the database refuses UPDATE and DELETE of its
 * rows whoever connects, every row is chained to the one before, and `npm run audit:verify`
 * passes on a fresh and on a busy database and names the first row changed behind its back.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../sfu-server/src/db/repos/AuditLog';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, login, startTestServer } from '../helpers/testServer';

const root = path.resolve(import.meta.dirname, '../..');
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function auditVerify(dataDir: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['sfu-server/src/cli/auditVerify.ts', '--data', dataDir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

async function busyDay(url: string): Promise<void> {
  // Sign-ins, failures and a lock-out, concurrently: each writes audit rows.
  await Promise.all(['chutri', 'thuky', 'sotc', 'sotttt', 'camgiang'].map((u) => login(url, u)));
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: i % 2 ? 'gialoc' : 'kinhmon', password: 'sai-mat-khau' }),
      }),
    ),
  );
  const thuky = await login(url, 'thuky');
  const res = await fetch(`${url}/api/meetings/hd-bcd-cds-review/agenda/current`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${thuky}`, 'content-type': 'application/json' },
    body: JSON.stringify({ itemId: null }),
  });
  expect(res.status).toBe(200);
}

describe('the audit log', () => {
  it('audit:verify passes on a fresh database and after a busy day of concurrent writes', async () => {
    const fresh = await startTestServer({ workers: 1, seedDemo: false });
    servers.push(fresh.server);
    expect((await auditVerify(fresh.dataDir)).code).toBe(0);

    const { server, url, dataDir } = await startTestServer({ workers: 1 });
    servers.push(server);
    await busyDay(url);
    // Writers outside any request, all at once: they must chain one after another, not fork.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        new AuditLog(server.database.db).record({
          userId: null,
          action: 'test.parallel',
          subject: String(i),
          details: { i },
        }),
      ),
    );
    const rows = await server.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeGreaterThanOrEqual(60);
    const verdict = await auditVerify(dataDir);
    expect(verdict.stdout).toMatch(/intact/);
    expect(verdict.code).toBe(0);
  });

  it('the database refuses to change or delete a row, through the server’s own connection', async () => {
    const { server, url } = await startTestServer({ workers: 1 });
    servers.push(server);
    await login(url, 'chutri', DEMO_PASSWORD);
    const db = server.database.db;
    await expect(
      db.updateTable('audit_log').set({ action: 'auth.nothing' }).where('id', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    expect(await new AuditLog(db).verify()).toMatchObject({ ok: true });
  });

  it('a row altered in the database file directly is named by audit:verify', async () => {
    const { server, url, dataDir } = await startTestServer({ workers: 1 });
    servers.push(server);
    await busyDay(url);
    await server.close();
    servers.length = 0;
    // Someone with the file: the trigger has to go first, then the row is "corrected".
    const file = new Database(path.join(dataDir, 'phonghop.sqlite3'));
    const target = file
      .prepare("SELECT id FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id LIMIT 1")
      .get() as { id: number };
    file.exec('DROP TRIGGER audit_log_no_update');
    file
      .prepare("UPDATE audit_log SET action = 'auth.login', subject = 'chutri' WHERE id = ?")
      .run(target.id);
    file.close();
    const verdict = await auditVerify(dataDir);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain(`row ${target.id} `);
    expect(verdict.stdout).toContain(`dòng ${target.id} `);
  });

  it('a deleted row breaks the chain at the row after it', async () => {
    const { server, url, dataDir } = await startTestServer({ workers: 1 });
    servers.push(server);
    await busyDay(url);
    await server.close();
    servers.length = 0;
    const file = new Database(path.join(dataDir, 'phonghop.sqlite3'));
    const [a, b] = file.prepare('SELECT id FROM audit_log ORDER BY id LIMIT 3 OFFSET 2').all() as {
      id: number;
    }[];
    file.exec('DROP TRIGGER audit_log_no_delete');
    file.prepare('DELETE FROM audit_log WHERE id = ?').run(a!.id);
    file.close();
    const verdict = await auditVerify(dataDir);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain(`row ${b!.id} `);
  });
});
