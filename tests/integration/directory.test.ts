/**
 * The directory (issue #15 §2) against a real server and its SQLite database (demo seed): units
 * as a tree (create, rename, move, merge; cycles refused), tasks found under a merged unit's
 * successor, accounts (the password policy, disable and enable), the spreadsheet import (a dry
 * run with a refused row writes nothing; a commit writes everything), and every route refusing a
 * delegate with 403 and writing nothing.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import type { DirectoryUser, ImportRow } from '../../common/domain/directory';
import type { User } from '../../common/domain/user';
import { apiRoutes, buildPath, type RouteName } from '../../common/protocol/api';
import { ApiClient } from '../../common/protocol/ApiClient';
import { directoryRoutes } from '../../common/protocol/directoryApi';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import type { TaskMutation } from '../../common/tasks/mutations';
import { DirectoryImportService } from '../../main/services/DirectoryImportService';
import type { Server } from '../../sfu-server/src/Server';
import { SyncService } from '../../sfu-server/src/sync/SyncService';
import { DEMO_PASSWORD, startTestServer } from '../helpers/testServer';

/** Today's province-level unit: Hải Phòng city (Hải Dương's units of 2022 are merged into it). */
const PROVINCE = 'hp-ubnd-tp';
const KHDT = 'hd-so-khdt';
/** Hải Phòng's Sở Tài chính, which took over Hải Dương's Sở Tài chính and Sở KH&ĐT in 2025. */
const TAI_CHINH = 'hp-so-tc';
const KHDT_TASK = 'hd-bcd-cds-2022-09-27-task-5'; // lead: Sở Kế hoạch và Đầu tư (2022)
const CAM_GIANG = 'hp-xa-cam-giang';
const GIA_LOC = 'hp-xa-gia-loc';
const CAM_GIANG_TASK = 'hd-bcd-cds-review-task-3'; // lead: UBND xã Cẩm Giàng
const HALL = 'hp-hoi-truong';

let server: Server;
let url: string;
let admin: ApiClient;
let delegate: ApiClient;

async function apiAs(username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const anonymous = new ApiClient({ baseUrl: url, timeoutMs: 30_000 });
  const { token } = await anonymous.call('login', {}, { username, password });
  return anonymous.withToken(token);
}

/** The AppError a call is refused with (fails the test when it succeeds). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const reasonOf = (error: AppError) => (error.details as { reason?: string } | undefined)?.reason;

async function auditCount(): Promise<number> {
  const row = await server.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'like', 'directory.%')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Everything the directory writes, to compare before and after a refusal. */
async function snapshot(): Promise<unknown> {
  const db = server.database.db;
  return {
    units: await db.selectFrom('units').selectAll().orderBy('id').execute(),
    sites: await db.selectFrom('sites').selectAll().orderBy('id').execute(),
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    roles: await db
      .selectFrom('user_roles')
      .selectAll()
      .orderBy('user_id')
      .orderBy('role')
      .execute(),
    revokedSessions: (
      await db
        .selectFrom('sessions')
        .select('token_hash')
        .where('revoked_at', 'is not', null)
        .execute()
    ).length,
    audit: await auditCount(),
  };
}

async function tableCounts(): Promise<Record<'units' | 'sites' | 'users', number>> {
  const count = async (table: 'units' | 'sites' | 'users') =>
    Number(
      (
        await server.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { units: await count('units'), sites: await count('sites'), users: await count('users') };
}

beforeAll(async () => {
  ({ server, url } = await startTestServer({ seedDemo: true, workers: 1 }));
  admin = await apiAs('admin');
  delegate = await apiAs('sotc');
}, 60_000);
afterAll(async () => server?.close());

describe('units', () => {
  it('are created, renamed and moved in the tree, and a move under a sub-unit is refused as a cycle', async () => {
    const { unit: parent } = await admin.call(
      'createUnit',
      {},
      {
        name: 'Ban Chỉ đạo Chuyển đổi số thành phố',
        shortName: 'BCĐ CĐS',
        kind: 'other',
        parentId: PROVINCE,
      },
    );
    const { unit: child } = await admin.call(
      'createUnit',
      {},
      { name: 'Tổ giúp việc', shortName: null, kind: 'other', parentId: parent.id },
    );
    const { unit: grandchild } = await admin.call(
      'createUnit',
      {},
      { name: 'Nhóm chuyên gia', shortName: null, kind: 'other', parentId: child.id },
    );
    expect(child.parentId).toBe(parent.id);

    const { unit: renamed } = await admin.call(
      'updateUnit',
      { id: child.id },
      { name: 'Tổ giúp việc BCĐ', shortName: 'TGV', kind: 'office' },
    );
    expect(renamed).toMatchObject({ name: 'Tổ giúp việc BCĐ', shortName: 'TGV', kind: 'office' });

    // A unit under its own grandchild, or under itself: refused, the tree unchanged.
    const before = await snapshot();
    const cycle = await refusal(
      admin.call('moveUnit', { id: parent.id }, { parentId: grandchild.id }),
    );
    expect(cycle.code).toBe('invalid');
    expect(reasonOf(cycle)).toBe('cycle');
    expect(
      reasonOf(await refusal(admin.call('moveUnit', { id: parent.id }, { parentId: parent.id }))),
    ).toBe('cycle');
    expect((await admin.call('listUnits')).units.find((u) => u.id === parent.id)?.parentId).toBe(
      PROVINCE,
    );
    expect(await snapshot()).toEqual(before);

    // The grandchild moves up to the province, and the list shows the tree in order.
    const { unit: moved } = await admin.call(
      'moveUnit',
      { id: grandchild.id },
      { parentId: PROVINCE },
    );
    expect(moved.parentId).toBe(PROVINCE);
    const { units } = await admin.call('listUnits');
    const province = units.find((u) => u.id === PROVINCE)!;
    expect(province.childIds).toContain(grandchild.id);
    expect(units.find((u) => u.id === child.id)!.childIds).toEqual([]);
    const index = (id: string) => units.findIndex((u) => u.id === id);
    expect(index(PROVINCE)).toBeLessThan(index(parent.id));
    expect(index(parent.id)).toBeLessThan(index(child.id));

    // Two siblings of one name (case and diacritics aside) are refused.
    const taken = await refusal(
      admin.call(
        'createUnit',
        {},
        { name: 'SỞ TÀI CHÍNH', shortName: null, kind: 'department', parentId: PROVINCE },
      ),
    );
    expect(taken.code).toBe('invalid_state');
    expect(reasonOf(taken)).toBe('name_taken');
    // Every change above is in the audit log.
    const actions = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'user_id'])
      .where('subject', 'in', [parent.id, child.id, grandchild.id])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'directory.unit.create',
      'directory.unit.create',
      'directory.unit.create',
      'directory.unit.move',
      'directory.unit.update',
    ]);
    expect(new Set(actions.map((a) => a.user_id))).toEqual(new Set(['admin']));
  });

  it('a merge keeps the old unit, moves its sites, sub-units and people to the successor, and refuses what a merge cannot be', async () => {
    const { unit: old } = await admin.call(
      'createUnit',
      {},
      {
        name: 'Sở Giao thông vận tải',
        shortName: 'Sở GTVT',
        kind: 'department',
        parentId: PROVINCE,
      },
    );
    const { unit: successor } = await admin.call(
      'createUnit',
      {},
      { name: 'Sở Xây dựng', shortName: null, kind: 'department', parentId: PROVINCE },
    );
    const { unit: division } = await admin.call(
      'createUnit',
      {},
      { name: 'Phòng Quản lý vận tải', shortName: null, kind: 'other', parentId: old.id },
    );
    const { site } = await admin.call(
      'createSite',
      {},
      { name: 'Phòng họp Sở GTVT', unitId: old.id },
    );
    const { user } = await admin.call(
      'createUser',
      {},
      {
        fullName: 'Trần Văn Giao',
        title: 'Giám đốc Sở',
        unitId: old.id,
        siteId: site.id,
        roles: [],
        username: 'sogtvt',
        password: 'Giao-Thong-2025!',
      },
    );

    // Into itself, into its own sub-unit: refused.
    expect(
      reasonOf(await refusal(admin.call('mergeUnit', { id: old.id }, { successorId: old.id }))),
    ).toBe('merge_into_self');
    expect(
      reasonOf(
        await refusal(admin.call('mergeUnit', { id: old.id }, { successorId: division.id })),
      ),
    ).toBe('merge_into_descendant');

    const merged = await admin.call('mergeUnit', { id: old.id }, { successorId: successor.id });
    expect(merged.moved).toEqual({ units: 1, sites: 1, users: 1 });
    expect(merged.unit).toMatchObject({
      id: old.id,
      name: 'Sở Giao thông vận tải',
      merged: true,
      successor: { id: successor.id, name: 'Sở Xây dựng' },
      childIds: [],
    });
    const { units } = await admin.call('listUnits');
    expect(units.find((u) => u.id === division.id)?.parentId).toBe(successor.id);
    expect((await admin.call('listSites')).sites.find((s) => s.id === site.id)?.unit.id).toBe(
      successor.id,
    );
    const people = await admin.call('listDirectoryUsers', {}, {}, { q: 'sogtvt' });
    expect(people.users[0]?.unit).toEqual({ id: successor.id, name: 'Sở Xây dựng' });

    // A merged unit takes nothing new and is not merged twice.
    expect(
      reasonOf(await refusal(admin.call('mergeUnit', { id: old.id }, { successorId: PROVINCE }))),
    ).toBe('already_merged');
    expect(
      reasonOf(
        await refusal(
          admin.call(
            'createUnit',
            {},
            { name: 'Phòng mới', shortName: null, kind: 'other', parentId: old.id },
          ),
        ),
      ),
    ).toBe('unit_merged');
    expect(
      reasonOf(
        await refusal(admin.call('createSite', {}, { name: 'Phòng họp 2', unitId: old.id })),
      ),
    ).toBe('unit_merged');
    expect(user.unit.id).toBe(old.id);
  });
});

describe('tasks of a merged unit', () => {
  const push = (api: ApiClient, mutation: TaskMutation) =>
    api.call(
      'syncPush',
      {},
      {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId: randomUUID(),
        mutations: [{ id: 1, createdAt: new Date().toISOString(), mutation }],
      },
    );
  const pull = (api: ApiClient, since = 0) =>
    api.call(
      'syncPull',
      {},
      { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since },
    );

  /** A person of the directory as the server's services take a signed-in user. */
  const asUser = (person: DirectoryUser): User => ({
    id: person.id,
    username: person.username,
    fullName: person.fullName,
    title: person.title,
    agency: person.unit,
    site: person.site,
    roles: person.roles,
  });

  it('of 2022 are found under the units that took them over in 2025: Sở Tài chính sees, pulls and sets the status of Sở Kế hoạch và Đầu tư’s task', async () => {
    // Someone of Sở Tài chính who attends no meeting sees their agency's tasks: Sở KH&ĐT's too.
    const { user: newcomer } = await admin.call(
      'createUser',
      {},
      {
        fullName: 'Lê Thị Ngân',
        title: 'Chuyên viên',
        unitId: TAI_CHINH,
        siteId: HALL,
        roles: ['reporter'],
        username: 'letngan',
        password: 'Ngan-Sach-2025!',
      },
    );
    const sync = new SyncService(server.database.db);
    const seen = (
      await sync.pull(asUser(newcomer), {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId: randomUUID(),
        since: 0,
      })
    ).tasks;
    expect(seen.map((t) => t.id)).toContain(KHDT_TASK);
    // Named as the notice wrote it, with the id of the unit that answers for it today.
    expect(seen.find((t) => t.id === KHDT_TASK)?.lead).toEqual({
      id: TAI_CHINH,
      name: 'Sở Kế hoạch và Đầu tư',
    });

    const task = (await pull(delegate)).tasks.find((t) => t.id === KHDT_TASK)!;
    const set = await push(delegate, {
      name: 'task.setStatus',
      args: { taskId: KHDT_TASK, status: 'done', seenStatusClock: task.statusClock },
    });
    expect(set.results[0]).toEqual({ id: 1, status: 'applied' });
    const now = (await pull(delegate)).tasks.find((t) => t.id === KHDT_TASK)!;
    expect(now).toMatchObject({ status: 'done', statusSetBy: 'lead' });
    // Stored under the id it was given: the history keeps who was assigned.
    const row = await server.database.db
      .selectFrom('tasks')
      .select('lead_unit_id')
      .where('id', '=', KHDT_TASK)
      .executeTakeFirstOrThrow();
    expect(row.lead_unit_id).toBe(KHDT);
  });

  it('are found under the successor after UBND xã Cẩm Giàng merges into UBND xã Gia Lộc: seen, reported on and set by its people', async () => {
    const gialoc = await apiAs('gialoc');
    // Someone of Gia Lộc who attends no meeting sees only their agency's tasks.
    const { user: newcomer } = await admin.call(
      'createUser',
      {},
      {
        fullName: 'Phạm Thị Lộc',
        title: 'Công chức Văn phòng - Thống kê',
        unitId: GIA_LOC,
        siteId: 'hp-dc-gia-loc',
        roles: ['reporter'],
        username: 'phamloc',
        password: 'Gia-Loc-Xa-2025!',
      },
    );
    const sync = new SyncService(server.database.db);
    const seen = async () =>
      (
        await sync.pull(asUser(newcomer), {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          clientId: randomUUID(),
          since: 0,
        })
      ).tasks.map((t) => t.id);
    expect(await seen()).not.toContain(CAM_GIANG_TASK);

    // Before the merger, Gia Lộc may not set the status of Cẩm Giàng's task.
    const before = await push(gialoc, {
      name: 'task.setStatus',
      args: { taskId: CAM_GIANG_TASK, status: 'done', seenStatusClock: 0 },
    });
    expect(before.results[0]).toMatchObject({
      status: 'rejected',
      rejection: { code: 'not_lead_agency' },
    });
    const { clock: clockBefore } = await pull(gialoc);

    const merged = await admin.call('mergeUnit', { id: CAM_GIANG }, { successorId: GIA_LOC });
    expect(merged.unit.successor).toEqual({ id: GIA_LOC, name: 'UBND xã Gia Lộc' });
    // camgiang and the commune's site now belong to Gia Lộc.
    expect(merged.moved).toEqual({ units: 0, sites: 1, users: 1 });

    expect(await seen()).toContain(CAM_GIANG_TASK);
    // A client that had pulled everything pulls the task again, under the successor's id, named
    // as the meeting wrote it.
    const changed = await pull(gialoc, clockBefore);
    const task = changed.tasks.find((t) => t.id === CAM_GIANG_TASK);
    expect(task?.lead).toEqual({ id: GIA_LOC, name: 'UBND xã Cẩm Giàng' });

    const after = await push(gialoc, {
      name: 'task.setStatus',
      args: { taskId: CAM_GIANG_TASK, status: 'done', seenStatusClock: task!.statusClock },
    });
    expect(after.results[0]).toEqual({ id: 1, status: 'applied' });
    const now = (await pull(gialoc)).tasks.find((t) => t.id === CAM_GIANG_TASK)!;
    expect(now).toMatchObject({ status: 'done', statusSetBy: 'lead' });
    const row = await server.database.db
      .selectFrom('tasks')
      .select('lead_unit_id')
      .where('id', '=', CAM_GIANG_TASK)
      .executeTakeFirstOrThrow();
    expect(row.lead_unit_id).toBe(CAM_GIANG);

    // The 2022 district Cẩm Giàng now answers, through two mergers, as Gia Lộc.
    const { units } = await admin.call('listUnits');
    expect(units.find((u) => u.id === 'hd-cam-giang')?.successor?.id).toBe(CAM_GIANG);
    expect(units.find((u) => u.id === CAM_GIANG)?.successor?.id).toBe(GIA_LOC);
  });
});

describe('users', () => {
  it('a weak initial password is refused with the policy’s reasons, and nothing is written', async () => {
    const before = await snapshot();
    const weak = await refusal(
      admin.call(
        'createUser',
        {},
        {
          fullName: 'Phạm Văn Yếu',
          title: 'Chuyên viên',
          unitId: TAI_CHINH,
          siteId: HALL,
          roles: [],
          username: 'phamyeu',
          password: 'matkhau123',
        },
      ),
    );
    expect(weak.code).toBe('invalid');
    expect(reasonOf(weak)).toBe('weak_password');
    expect((weak.details as { problems: string[] }).problems).toEqual(
      expect.arrayContaining(['too_common']),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a taken username is refused (in any case), and nothing is written', async () => {
    const before = await snapshot();
    const taken = await refusal(
      admin.call(
        'createUser',
        {},
        {
          fullName: 'Người Trùng Tên',
          title: '',
          unitId: TAI_CHINH,
          siteId: HALL,
          roles: [],
          username: ' SOTC ',
          password: 'Khong-Trung-2025',
        },
      ),
    );
    expect(reasonOf(taken)).toBe('username_taken');
    expect(await snapshot()).toEqual(before);
  });

  it('is created with roles and must change the password at first sign-in; edited; disabled (signed out at once) and enabled', async () => {
    const { user } = await admin.call(
      'createUser',
      {},
      {
        fullName: 'Đỗ Thị Văn Phòng',
        title: 'Chuyên viên Văn phòng UBND thành phố',
        unitId: 'hp-vp-ubnd',
        siteId: HALL,
        roles: ['office'],
        username: 'dtvanphong',
        email: 'VanPhong@HaiPhong.gov.vn',
        password: 'Van-Phong-2025!',
      },
    );
    expect(user).toMatchObject({
      username: 'dtvanphong',
      email: 'vanphong@haiphong.gov.vn',
      roles: ['office'],
      disabled: false,
      hasPassword: true,
      mustChangePassword: true,
    });
    const session = await apiAs('dtvanphong', 'Van-Phong-2025!');
    expect((await session.call('me')).mustChangePassword).toBe(true);

    const { user: edited } = await admin.call(
      'updateUser',
      { id: user.id },
      {
        fullName: 'Đỗ Thị Văn Phòng',
        title: 'Phó Chánh Văn phòng',
        unitId: 'hp-vp-ubnd',
        siteId: HALL,
        roles: ['office', 'reporter'],
        email: '',
      },
    );
    expect(edited).toMatchObject({
      title: 'Phó Chánh Văn phòng',
      roles: ['office', 'reporter'],
      email: null,
    });

    const { user: disabled } = await admin.call(
      'setUserDisabled',
      { id: user.id },
      { disabled: true },
    );
    expect(disabled.disabled).toBe(true);
    expect((await refusal(session.call('me'))).code).toBe('unauthorized');
    expect((await refusal(apiAs('dtvanphong', 'Van-Phong-2025!'))).code).toBe('unauthorized');
    const filtered = await admin.call('listDirectoryUsers', {}, {}, { status: 'disabled' });
    expect(filtered.users.map((u) => u.username)).toContain('dtvanphong');

    await admin.call('setUserDisabled', { id: user.id }, { disabled: false });
    await apiAs('dtvanphong', 'Van-Phong-2025!');
  });

  it('an administrator cannot disable their own account or take away their own admin role', async () => {
    const before = await snapshot();
    expect(
      reasonOf(await refusal(admin.call('setUserDisabled', { id: 'admin' }, { disabled: true }))),
    ).toBe('own_account');
    expect(
      reasonOf(
        await refusal(
          admin.call(
            'updateUser',
            { id: 'admin' },
            {
              fullName: 'Quản trị',
              title: 'Quản trị hệ thống',
              unitId: 'hp-vp-ubnd',
              siteId: HALL,
              roles: [],
            },
          ),
        ),
      ),
    ).toBe('own_account');
    expect(await snapshot()).toEqual(before);
  });

  it('are searched without case or diacritics and filtered by unit and role', async () => {
    const found = await admin.call('listDirectoryUsers', {}, {}, { q: 'nguyen minh hung' });
    expect(found.users.map((u) => u.username)).toEqual(['chutri']);
    const reporters = await admin.call(
      'listDirectoryUsers',
      {},
      {},
      { role: 'reporter', unitId: 'hp-so-khcn' },
    );
    expect(reporters.users.map((u) => u.username)).toEqual(['baocao']);
  });
});

/** An office's sheet: a title row, the header, then people. */
async function spreadsheet(people: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['DANH SÁCH CÁN BỘ ĐĂNG KÝ TÀI KHOẢN PHÒNG HỌP']);
  sheet.addRow(['STT', 'Họ và tên', 'CHỨC VỤ', 'Đơn vị', 'Điểm cầu', 'Tên đăng nhập', 'Email']);
  people.forEach((person, i) => sheet.addRow([i + 1, ...person]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('import from Excel', () => {
  const people = [
    // line 3: a new commune and its site
    [
      'Nguyễn Văn An',
      'Chủ tịch UBND xã',
      'UBND xã Cẩm Vũ',
      'Điểm cầu xã Cẩm Vũ',
      'xacamvu',
      'camvu@haiphong.gov.vn',
    ],
    // line 4: the same new commune and site again
    [
      'Trần Thị Bình',
      'Công chức Văn phòng - Thống kê',
      'UBND xa Cam Vu',
      'Điểm cầu xã Cẩm Vũ',
      'tranbinh',
      '',
    ],
    // line 5: a taken username
    ['Phạm Văn Cường', 'Phó Giám đốc', 'Sở Tài chính', 'Hội trường UBND thành phố', 'sotc', ''],
    // line 6: an existing unit by its short name, an existing site
    ['Lý Thị Dung', 'Chuyên viên', 'Sở KH&CN', 'Hội trường UBND thành phố', 'lydung', ''],
  ];

  it('a dry run answers every row, refuses the taken username in Vietnamese, and writes nothing; the commit writes everything in one go', async () => {
    const reader = new DirectoryImportService();
    const parsed = await reader.readSpreadsheet('can-bo.xlsx', await spreadsheet(people));
    expect(parsed.headerLine).toBe(2);
    expect(parsed.rows.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(parsed.rows[0]).toMatchObject({ fullName: 'Nguyễn Văn An', username: 'xacamvu' });

    const before = await snapshot();
    const counts = await tableCounts();
    const dry = await admin.call(
      'importDirectory',
      {},
      { parentUnitId: PROVINCE, dryRun: true, rows: parsed.rows },
    );
    expect(dry.committed).toBe(false);
    expect(dry.rows.map((r) => r.errors)).toEqual([
      [],
      [],
      ["Dòng 5: tên đăng nhập 'sotc' đã có"],
      [],
    ]);
    expect(dry.rows[0]).toMatchObject({
      unit: { action: 'create', name: 'UBND xã Cẩm Vũ' },
      site: { action: 'create', name: 'Điểm cầu xã Cẩm Vũ' },
      user: { action: 'create', id: null },
    });
    expect(dry.rows[1]).toMatchObject({ unit: { action: 'earlier' }, site: { action: 'earlier' } });
    expect(dry.rows[3]).toMatchObject({
      unit: { action: 'exists', id: 'hp-so-khcn', name: 'Sở Khoa học và Công nghệ' },
      site: { action: 'exists', id: HALL },
    });
    expect(dry.summary).toEqual({
      rows: 4,
      refused: 1,
      unitsCreated: 1,
      sitesCreated: 1,
      usersCreated: 3,
    });
    expect(await snapshot()).toEqual(before);

    // Committing while a row is refused writes nothing either.
    const refusedCommit = await admin.call(
      'importDirectory',
      {},
      { parentUnitId: PROVINCE, dryRun: false, rows: parsed.rows },
    );
    expect(refusedCommit.committed).toBe(false);
    expect(await snapshot()).toEqual(before);

    // The office corrects the username and imports again.
    people[2]![4] = 'phamcuong';
    const fixed = await reader.readSpreadsheet('can-bo.xlsx', await spreadsheet(people));
    const done = await admin.call(
      'importDirectory',
      {},
      { parentUnitId: PROVINCE, dryRun: false, rows: fixed.rows },
    );
    expect(done.committed).toBe(true);
    expect(done.rows.every((r) => r.errors.length === 0 && r.user.id !== null)).toBe(true);
    const after = await tableCounts();
    expect(after).toEqual({
      units: counts.units + 1,
      sites: counts.sites + 1,
      users: counts.users + 4,
    });

    const { units } = await admin.call('listUnits');
    const commune = units.find((u) => u.name === 'UBND xã Cẩm Vũ')!;
    expect(commune).toMatchObject({
      parentId: PROVINCE,
      kind: 'commune',
      userCount: 2,
      siteCount: 1,
    });
    const imported = await admin.call('listDirectoryUsers', {}, {}, { status: 'no_password' });
    expect(imported.users.map((u) => u.username).sort()).toEqual([
      'lydung',
      'phamcuong',
      'tranbinh',
      'xacamvu',
    ]);
    const an = imported.users.find((u) => u.username === 'xacamvu')!;
    expect(an).toMatchObject({
      email: 'camvu@haiphong.gov.vn',
      hasPassword: false,
      unit: { id: commune.id },
    });

    // No password yet: no sign-in, until the administrator sets a temporary one.
    expect((await refusal(apiAs('xacamvu', 'anything-at-all'))).code).toBe('unauthorized');
    await admin.call('resetUserPassword', { id: an.id }, { newPassword: 'Cam-Vu-Tam-2025' });
    expect((await (await apiAs('xacamvu', 'Cam-Vu-Tam-2025')).call('me')).mustChangePassword).toBe(
      true,
    );
  });

  it('a unit named as it was before a merger is matched to its successor, with a note', async () => {
    const rows: ImportRow[] = [
      {
        line: 2,
        fullName: 'Vũ Văn Hải',
        title: 'Chuyên viên',
        unit: 'Sở KH&ĐT',
        site: 'Hội trường UBND thành phố',
        username: 'vuhai',
        email: '',
      },
    ];
    // Sở KH&ĐT merged into Sở Tài chính in 2025 (the demo's Hải Dương into Hải Phòng's).
    const dry = await admin.call('importDirectory', {}, { parentUnitId: null, dryRun: true, rows });
    expect(dry.rows[0]).toMatchObject({
      unit: { action: 'exists', id: TAI_CHINH, name: 'Sở Tài chính' },
      notes: ["'Sở KH&ĐT' đã sáp nhập vào 'Sở Tài chính'"],
      errors: [],
    });
  });

  it('refuses more than 2000 rows as a whole, and a sheet without the columns in main', async () => {
    const row = (line: number): ImportRow => ({
      line,
      fullName: 'A',
      title: '',
      unit: 'Sở Tài chính',
      site: 'Hội trường UBND thành phố',
      username: `u${line}`,
      email: '',
    });
    const tooMany = await refusal(
      admin.call(
        'importDirectory',
        {},
        {
          parentUnitId: null,
          dryRun: true,
          rows: Array.from({ length: 2001 }, (_, i) => row(i + 2)),
        },
      ),
    );
    expect(['invalid', 'too_large']).toContain(tooMany.code);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['Họ tên', 'Đơn vị']);
    const noHeader = await refusal(
      new DirectoryImportService().readSpreadsheet(
        'sai.xlsx',
        new Uint8Array(await workbook.xlsx.writeBuffer()),
      ),
    );
    expect(noHeader.details).toMatchObject({
      reason: 'no_header',
      missing: ['title', 'site', 'username'],
    });
    const notXlsx = await refusal(
      new DirectoryImportService().readSpreadsheet(
        'ds.csv',
        new TextEncoder().encode('Họ tên,Đơn vị'),
      ),
    );
    expect(notXlsx.details).toMatchObject({ reason: 'not_xlsx' });
  });
});

describe('refusals', () => {
  /** A body each route would accept from an admin, so only the role is in the way. */
  const bodies: Record<keyof typeof directoryRoutes, unknown> = {
    listUnits: {},
    createUnit: { name: 'Đơn vị lạ', shortName: null, kind: 'other', parentId: PROVINCE },
    updateUnit: { name: 'Sở Tài chính mới', shortName: null, kind: 'department' },
    moveUnit: { parentId: null },
    mergeUnit: { successorId: PROVINCE },
    listSites: {},
    createSite: { name: 'Điểm cầu lạ', unitId: PROVINCE },
    updateSite: { name: 'Hội trường mới' },
    listDirectoryUsers: {},
    createUser: {
      fullName: 'Kẻ Lạ',
      title: '',
      unitId: TAI_CHINH,
      siteId: HALL,
      roles: ['admin'],
      username: 'kela',
      password: 'Ke-La-Dot-Nhap-1',
    },
    updateUser: { fullName: 'Kẻ Lạ', title: '', unitId: TAI_CHINH, siteId: HALL, roles: ['admin'] },
    setUserDisabled: { disabled: true },
    importDirectory: {
      parentUnitId: null,
      dryRun: false,
      rows: [
        {
          line: 2,
          fullName: 'Kẻ Lạ',
          title: '',
          unit: 'Sở Tài chính',
          site: 'Hội trường UBND thành phố',
          username: 'kela2',
          email: '',
        },
      ],
    },
  };

  async function raw(name: RouteName, token: string | null) {
    const def = apiRoutes[name];
    const params: Record<string, string> = def.path.includes(':id')
      ? {
          id: def.path.includes('sites') ? HALL : def.path.includes('users') ? 'chutri' : TAI_CHINH,
        }
      : {};
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (def.method !== 'GET') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(bodies[name as keyof typeof directoryRoutes]);
    }
    const res = await fetch(new URL(buildPath(def.path, params), url), {
      method: def.method,
      headers,
      body,
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  }

  let token: string;
  beforeAll(async () => {
    // Signed in once: sign-ins are rate-limited per person.
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sogddt', password: DEMO_PASSWORD }),
    });
    token = ((await res.json()) as { token: string }).token;
  });

  for (const name of Object.keys(directoryRoutes) as (keyof typeof directoryRoutes)[]) {
    it(`${name} answers a delegate 403 and writes nothing, and 401 without a token`, async () => {
      const before = await snapshot();
      const answer = await raw(name, token);
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('forbidden');
      expect((await raw(name, null)).status).toBe(401);
      expect(await snapshot()).toEqual(before);
    });
  }
});
