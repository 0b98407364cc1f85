import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingPhase } from '../../common/domain/meeting';
import { verifyPassword } from '../../sfu-server/src/auth/passwords';
import { openDatabase, type OpenedDatabase } from '../../sfu-server/src/db/database';
import {
  currentUnitIn,
  predecessorsIn,
  successorLinks,
} from '../../sfu-server/src/directory/unitLineage';
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
const NOTICE_MEETING = 'hd-bcd-cds-2022-09-27';
const CURRENT_MEETINGS = ['hd-bcd-cds-review', 'hd-ubnd-upcoming'];
const CITY = 'hp-ubnd-tp';

/** A meeting's sites with their units, the host first. */
async function meetingSites(opened: OpenedDatabase, meetingId: string) {
  return opened.db
    .selectFrom('meeting_sites')
    .innerJoin('sites', 'sites.id', 'meeting_sites.site_id')
    .innerJoin('units', 'units.id', 'sites.unit_id')
    .select([
      'sites.id',
      'sites.name',
      'meeting_sites.is_host',
      'units.id as unit_id',
      'units.name as unit_name',
      'units.kind',
      'units.parent_id',
      'units.successor_id',
    ])
    .where('meeting_id', '=', meetingId)
    .orderBy('meeting_sites.is_host', 'desc')
    .orderBy('sites.name')
    .execute();
}

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
      site: 'Hội trường UBND thành phố',
    });
    expect(accounts.find((a) => a.username === 'gialoc')?.site).toBe('Điểm cầu xã Gia Lộc');
    const chair = await opened.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', 'chutri')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('PhongHop@2026', chair.password_hash)).toBe(true);

    const tasks = await opened.db
      .selectFrom('tasks')
      .selectAll()
      .where('meeting_id', '=', NOTICE_MEETING)
      .orderBy('id')
      .execute();
    expect(tasks.map((t) => t.lead_unit_name)).toEqual(expected.tasks.map((t) => t.lead));
    expect(
      tasks.map((t) => (JSON.parse(t.cooperating_json) as { name: string }[]).map((c) => c.name)),
    ).toEqual(expected.tasks.map((t) => t.cooperating));
    expect(tasks.map((t) => t.due_date)).toEqual(expected.tasks.map((t) => t.due));
    // The notice as a reader finds it (hai-duong-2022-10-conclusion.txt), written out here rather
    // than read from the file the seed reads: lead agency, cooperating agencies, due date. The
    // agencies are Hải Dương's of 2022, linked by id (permissions follow it); "các sở, ngành" is no
    // unit.
    const cooperating = (t: (typeof tasks)[number]) =>
      (JSON.parse(t.cooperating_json) as { id: string | null; name: string }[]).map((c) => [
        c.id,
        c.name,
      ]);
    expect(tasks).toHaveLength(8);
    expect(tasks.map((t) => t.id)).toEqual(
      Array.from({ length: 8 }, (_, i) => `${NOTICE_MEETING}-task-${i + 1}`),
    );
    expect(tasks[0]).toMatchObject({
      lead_unit_id: 'hd-so-tttt',
      lead_unit_name: 'Sở Thông tin và Truyền thông',
      due_date: null,
    });
    expect(cooperating(tasks[2]!)).toEqual([
      ['hd-so-khdt', 'Sở Kế hoạch và Đầu tư'],
      ['hd-so-tc', 'Sở Tài chính'],
      ['hd-kbnn', 'Kho bạc Nhà nước tỉnh'],
    ]);
    // "… hoàn thiện Báo cáo, gửi UBND tỉnh trước ngày 05/10/2022".
    expect(tasks[3]).toMatchObject({
      lead_unit_id: 'hd-so-tttt',
      due_date: '2022-10-05',
      report_to: 'UBND tỉnh',
    });
    expect(tasks[4]).toMatchObject({
      lead_unit_id: 'hd-so-khdt',
      lead_unit_name: 'Sở Kế hoạch và Đầu tư',
      due_date: null,
    });
    expect(cooperating(tasks[4]!)).toEqual([[null, 'các sở, ngành']]);
    expect(tasks[5]).toMatchObject({ lead_unit_id: null, lead_unit_name: 'các sở, ngành' });
    // "… báo cáo UBND tỉnh trước ngày 15/10/2022", with Sở GD&ĐT and Công an tỉnh.
    expect(tasks[7]).toMatchObject({
      lead_unit_id: 'hd-so-tttt',
      due_date: '2022-10-15',
      report_to: 'UBND tỉnh',
    });
    expect(cooperating(tasks[7]!)).toEqual([
      ['hd-so-gddt', 'Sở Giáo dục và Đào tạo'],
      ['hd-cong-an', 'Công an tỉnh'],
    ]);
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

  it('the 2022 meeting keeps Hải Dương’s names and sites; the current meetings are Hải Phòng’s, with its communes and wards; every district has a successor', async () => {
    await seedDemo(opened.db, dataDir, NOW);
    const meetings = await opened.db.selectFrom('meetings').selectAll().execute();
    const meeting = (id: string) => meetings.find((m) => m.id === id)!;

    // 2022: as the notice names it.
    expect(meeting(NOTICE_MEETING)).toMatchObject({
      title: 'Họp Ban Chỉ đạo Chuyển đổi số tỉnh',
      organizer: 'Văn phòng UBND tỉnh',
      place: 'Hội trường UBND tỉnh Hải Dương',
      preparing_unit_id: 'hd-vp-ubnd',
      hall_site_id: 'hd-hoi-truong',
    });
    expect(
      (await meetingSites(opened, NOTICE_MEETING)).map((s) => [s.name, s.is_host, s.unit_name]),
    ).toEqual([
      ['Hội trường UBND tỉnh', 1, 'UBND tỉnh Hải Dương'],
      ['Điểm cầu huyện Cẩm Giàng', 0, 'UBND huyện Cẩm Giàng'],
      ['Điểm cầu huyện Gia Lộc', 0, 'UBND huyện Gia Lộc'],
      ['Điểm cầu thị xã Kinh Môn', 0, 'UBND thị xã Kinh Môn'],
    ]);
    const presenters = await opened.db
      .selectFrom('agenda_items')
      .select('presenter')
      .where('meeting_id', '=', NOTICE_MEETING)
      .orderBy('position')
      .execute();
    expect(presenters.map((p) => p.presenter)).toEqual([
      'Sở TT&TT',
      'Sở TT&TT',
      'Sở TT&TT, Sở Tài chính',
      'Sở TT&TT',
    ]);

    // Today: the city's hall and the rooms of its communes and wards, all current units.
    for (const id of CURRENT_MEETINGS) {
      expect(meeting(id)).toMatchObject({
        organizer: 'Văn phòng UBND thành phố',
        place: 'Hội trường UBND thành phố Hải Phòng',
        preparing_unit_id: 'hp-vp-ubnd',
        hall_site_id: 'hp-hoi-truong',
        online: 1,
        status: 'published',
      });
      const [hall, ...online] = await meetingSites(opened, id);
      expect(hall).toMatchObject({
        name: 'Hội trường UBND thành phố',
        is_host: 1,
        unit_id: CITY,
        unit_name: 'UBND thành phố Hải Phòng',
        successor_id: null,
      });
      expect(online.map((s) => [s.name, s.unit_name, s.kind])).toEqual([
        ['Điểm cầu phường Kinh Môn', 'UBND phường Kinh Môn', 'ward'],
        ['Điểm cầu xã Cẩm Giàng', 'UBND xã Cẩm Giàng', 'commune'],
        ['Điểm cầu xã Gia Lộc', 'UBND xã Gia Lộc', 'commune'],
      ]);
      // Communes talk to the city directly: no district between them.
      for (const site of online)
        expect(site).toMatchObject({ parent_id: CITY, successor_id: null });
    }
    expect(meeting('hd-ubnd-upcoming').title).toBe(
      'Hội nghị trực tuyến UBND thành phố với các xã, phường về cải cách hành chính',
    );
    const upcomingPresenters = await opened.db
      .selectFrom('agenda_items')
      .select('presenter')
      .where('meeting_id', '=', 'hd-ubnd-upcoming')
      .orderBy('position')
      .execute();
    expect(upcomingPresenters.map((p) => p.presenter)).toEqual([
      'Văn phòng UBND thành phố',
      'UBND các xã, phường',
      null,
    ]);

    // No district is a current unit: each hands over to the commune or ward named after it, and
    // every chain of successors ends at a current unit of the city (no loop, no dead end).
    const units = await opened.db.selectFrom('units').selectAll().execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    const links = await successorLinks(opened.db);
    expect(units.filter((u) => u.kind === 'district' && u.successor_id === null)).toEqual([]);
    expect(
      units
        .filter((u) => u.kind === 'district')
        .map((u) => [u.name, byId.get(u.successor_id!)?.name])
        .sort(),
    ).toEqual([
      ['UBND huyện Cẩm Giàng', 'UBND xã Cẩm Giàng'],
      ['UBND huyện Gia Lộc', 'UBND xã Gia Lộc'],
      ['UBND thị xã Kinh Môn', 'UBND phường Kinh Môn'],
    ]);
    for (const unit of units) {
      const current = byId.get(currentUnitIn(links, unit.id))!;
      expect(current.successor_id).toBeNull();
      expect(current.id === CITY || current.parent_id === CITY).toBe(true);
    }
    expect(byId.get('hd-ubnd-tinh')?.successor_id).toBe(CITY);
    expect(units.filter((u) => u.parent_id === null && u.successor_id === null)).toEqual([
      expect.objectContaining({ id: CITY, kind: 'province' }),
    ]);

    // People work in today's units: none is in a merged one.
    const people = await opened.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.title', 'units.successor_id'])
      .execute();
    expect(people.filter((p) => p.successor_id !== null)).toEqual([]);
    expect(people.find((p) => p.id === 'chutri')?.title).toBe('Phó Chủ tịch UBND thành phố');

    // The 2022 tasks are found under the units that took their agencies over: Sở KH&CN answers for
    // Sở TT&TT's six, Sở Tài chính (Hải Phòng) for Sở KH&ĐT's; the review's are today's units'.
    const tasks = await opened.db
      .selectFrom('tasks')
      .select(['id', 'meeting_id', 'lead_unit_id'])
      .orderBy('id')
      .execute();
    const ledBy = (unitId: string) => {
      const answering = predecessorsIn(links, unitId);
      return tasks
        .filter((t) => t.meeting_id === NOTICE_MEETING && answering.has(t.lead_unit_id ?? ''))
        .map((t) => t.id.replace(`${NOTICE_MEETING}-task-`, ''));
    };
    expect(ledBy('hp-so-khcn')).toEqual(['1', '2', '3', '4', '7', '8']);
    expect(ledBy('hp-so-tc')).toEqual(['5']);
    const reviewLeads = tasks
      .filter((t) => t.meeting_id === 'hd-bcd-cds-review')
      .map((t) => t.lead_unit_id);
    expect(reviewLeads).toEqual(['hp-so-gddt', 'hp-so-tc', 'hp-xa-cam-giang']);
  });
});
