import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingPhase } from '../../common/domain/meeting';
import { verifyPassword } from '../../sfu-server/src/auth/passwords';
import { openDatabase, type OpenedDatabase } from '../../sfu-server/src/db/database';
import { seedDemo } from '../../sfu-server/src/seed/demoSeed';
import { resourcePath } from '../../sfu-server/src/seed/resources';

const expected = JSON.parse(
  fs.readFileSync(
    resourcePath('demo', 'notices', 'hai-duong-2022-10-conclusion.expected.json'),
    'utf8',
  ),
) as { tasks: { lead: string; cooperating: string[]; due: string | null }[] };

// Mid-hour, so the review meeting (hour − 1 h … + 3 h) is in progress and next week is upcoming.
const NOW = new Date('2026-03-10T02:37:00Z');

async function countRows(opened: OpenedDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'units',
    'sites',
    'users',
    'user_roles',
    'meetings',
    'agenda_items',
    'documents',
    'document_versions',
    'tasks',
    'audit_log',
  ] as const) {
    const row = await opened.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('seedDemo', () => {
  let dataDir: string;
  let opened: OpenedDatabase;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-seed-'));
    opened = await openDatabase(dataDir);
  });

  afterEach(async () => {
    await opened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seedDemo() on an empty database creates the demo province, and a second call adds nothing', async () => {
    const accounts = await seedDemo(opened.db, dataDir, NOW);

    expect(accounts.map((a) => a.username)).toEqual(
      expect.arrayContaining([
        'admin',
        'chutri',
        'thuky',
        'sotttt',
        'sokhdt',
        'sotc',
        'sogddt',
        'congan',
        'camgiang',
        'gialoc',
        'kinhmon',
        'baocao',
      ]),
    );
    expect(accounts.find((a) => a.username === 'chutri')).toMatchObject({
      fullName: 'Nguyễn Minh Hùng',
      roles: ['chair'],
      site: 'Hội trường UBND tỉnh',
    });
    expect(accounts.find((a) => a.username === 'gialoc')?.site).toBe('Điểm cầu huyện Gia Lộc');
    const chair = await opened.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', 'chutri')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('PhongHop@2026', chair.password_hash)).toBe(true);

    const sites = await opened.db
      .selectFrom('meeting_sites')
      .selectAll()
      .where('meeting_id', '=', 'hd-bcd-cds-2022-09-27')
      .execute();
    expect(sites).toHaveLength(4);
    expect(sites.filter((s) => s.is_host === 1).map((s) => s.site_id)).toEqual(['hd-hoi-truong']);

    const tasks = await opened.db
      .selectFrom('tasks')
      .selectAll()
      .where('meeting_id', '=', 'hd-bcd-cds-2022-09-27')
      .orderBy('id')
      .execute();
    expect(tasks.map((t) => t.lead_unit_name)).toEqual(expected.tasks.map((t) => t.lead));
    expect(
      tasks.map((t) => (JSON.parse(t.cooperating_json) as { name: string }[]).map((c) => c.name)),
    ).toEqual(expected.tasks.map((t) => t.cooperating));
    expect(tasks.map((t) => t.due_date)).toEqual(expected.tasks.map((t) => t.due));
    // Agencies of the organisation are linked by id (permissions follow it); "các sở, ngành" is not.
    expect(tasks[0]?.lead_unit_id).toBe('hd-so-tttt');
    expect(tasks.find((t) => t.lead_unit_name === 'các sở, ngành')?.lead_unit_id).toBeNull();
    // The tracking views need tasks in every state: done, in progress, not started.
    expect(new Set(tasks.map((t) => t.status))).toEqual(
      new Set(['done', 'in_progress', 'not_started']),
    );
    // Every seeded task carries a server clock, so a client's first pull (since 0) receives it.
    expect(tasks.every((t) => t.clock > 0)).toBe(true);

    const meetings = await opened.db
      .selectFrom('meetings')
      .selectAll()
      .orderBy('starts_at')
      .execute();
    expect(meetings.map((m) => [m.id, meetingPhase(m.starts_at, m.ends_at, NOW)])).toEqual([
      ['hd-bcd-cds-2022-09-27', 'past'],
      ['hd-bcd-cds-review', 'in_progress'],
      ['hd-ubnd-upcoming', 'upcoming'],
    ]);
    expect(meetings.find((m) => m.id === 'hd-ubnd-upcoming')?.starts_at).toBe(
      '2026-03-17T10:00:00+07:00',
    );

    // Each seeded document is its own version 1 (documents and their versions: migration 0002).
    const documents = await opened.db
      .selectFrom('documents')
      .innerJoin('document_versions as v', 'v.document_id', 'documents.id')
      .select(['v.stored_name', 'v.sha256', 'v.size_bytes', 'v.page_count', 'v.version'])
      .execute();
    expect(documents).toHaveLength(5);
    expect(documents.map((d) => d.version)).toEqual([1, 1, 1, 1, 1]);
    for (const doc of documents) {
      const bytes = fs.readFileSync(path.join(dataDir, 'documents', doc.stored_name));
      expect(doc.stored_name).toBe(`${doc.sha256}.pdf`);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
      expect(bytes.byteLength).toBe(doc.size_bytes);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(doc.page_count).toBeGreaterThan(0);
    }

    const audit = await opened.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(['seed.demo']);

    const before = await countRows(opened);
    const filesBefore = fs.readdirSync(path.join(dataDir, 'documents')).sort();
    expect(await seedDemo(opened.db, dataDir, NOW)).toEqual([]);
    expect(await countRows(opened)).toEqual(before);
    expect(fs.readdirSync(path.join(dataDir, 'documents')).sort()).toEqual(filesBefore);
  });
});
