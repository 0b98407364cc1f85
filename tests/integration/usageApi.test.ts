/**
 * Usage figures for administrators (issue #15 §2) on a real server, on SQLite and (where
 * PHONGHOP_TEST_DATABASE_URL names a PostgreSQL server whose role may create databases) on
 * PostgreSQL. Units made by the administrator; meetings planned and published by the Office
 * through the planning API (with a cancelled, a postponed and a draft one that must not count);
 * room joins and leaves recorded by a real signaling join and by the audit log's own writer at
 * chosen times; document versions and tasks written by the server's own code with chosen clocks,
 * and others through the HTTP routes now. Every figure is asserted exactly, at the edges of
 * Vietnam months (a meeting at 06:30 on 1 December is 30 November in UTC). Non-admins get 403,
 * a malformed or too long period 400, an unknown unit 404.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { ApiClient } from '../../common/protocol/ApiClient';
import { buildPath } from '../../common/protocol/api';
import { documentPaths } from '../../common/protocol/documentsApi';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import type { UsageReport } from '../../common/protocol/usageApi';
import type { NewTask } from '../../common/tasks/mutations';
import { vietnamDate } from '../../common/domain/task';
import { AuditLog } from '../../sfu-server/src/db/repos/AuditLog';
import { UserRepository } from '../../sfu-server/src/db/repos/UserRepository';
import { DocumentRepository } from '../../sfu-server/src/documents/DocumentRepository';
import type { Server } from '../../sfu-server/src/Server';
import { SyncService } from '../../sfu-server/src/sync/SyncService';
import { joinRoomWithoutMedia, until } from '../helpers/signalingPeer';
import { DEMO_PASSWORD, startTestServer } from '../helpers/testServer';

const SLOW = 120_000;
const PERIOD = { from: '2019-11-01', to: '2020-01-31' };

const adminUrl = process.env.PHONGHOP_TEST_DATABASE_URL;
const pgDatabase = `phonghop_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const backends = [
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
] as const;

describe.each(backends)('usage figures on $name', { timeout: SLOW }, ({ postgres }) => {
  const skip = postgres && !adminUrl;
  let server: Server;
  let url: string;
  let admin: ApiClient;
  let office: ApiClient;
  let delegate: ApiClient;
  let delegateToken: string;
  /** Units made for this test: A, B, and C (merged into A after its meeting was planned). */
  const unit = { a: '', b: '', c: '' };
  const names = {
    a: 'Sở Thử nghiệm Thống kê',
    b: 'Ban Thử nghiệm Báo cáo',
    c: 'Chi cục Thử nghiệm Sáp nhập',
  };
  /** Seconds the real signaling join stayed in the room (read back from the audit log). */
  let realRoomSeconds = 0;
  /** The delegate's own site, which their real join records. */
  let delegateSite = '';
  /** The meeting planned for tomorrow (unit B), and when its HTTP upload and push happened. */
  let future = '';
  let nowMonth = '';

  const signIn = async (username: string) => {
    const anonymous = new ApiClient({ baseUrl: url, timeoutMs: 30_000 });
    const { token } = await anonymous.call('login', {}, { username, password: DEMO_PASSWORD });
    return { api: anonymous.withToken(token), token };
  };

  /** A meeting planned by the Office for `unitId`, published unless `status` says otherwise. */
  const meeting = async (
    startsAt: string,
    endsAt: string,
    unitId: string,
    status: 'published' | 'draft' | 'cancelled' | 'postponed' = 'published',
  ): Promise<{ id: string; itemId: string }> => {
    const plan = await office.call(
      'createMeeting',
      {},
      {
        title: `Họp thử thống kê ${startsAt}`,
        kind: 'working_meeting',
        startsAt,
        endsAt,
        chairUserId: 'chutri',
        secretaryUserId: 'thuky',
        preparingUnitId: unitId,
        hallSiteId: null,
        place: 'Phòng họp số 2',
        online: true,
        unitIds: [],
        siteIds: [],
        persons: [{ userId: 'sotc', role: 'delegate' }],
        signer: null,
      },
    );
    const withAgenda = await office.call(
      'updateAgenda',
      { id: plan.id },
      {
        items: [
          {
            title: 'Báo cáo tình hình',
            presentingUnitId: null,
            plannedStartMinutes: null,
            plannedMinutes: null,
          },
        ],
      },
    );
    if (status !== 'draft') await office.call('publishMeeting', { id: plan.id }, {});
    if (status === 'cancelled' || status === 'postponed')
      await office.call('setMeetingStatus', { id: plan.id }, { status, reason: 'Thử nghiệm' });
    return { id: plan.id, itemId: withAgenda.agenda[0]!.id };
  };

  const task = (meetingId: string, lead: NewTask['lead']): NewTask => ({
    id: randomUUID(),
    meetingId,
    conclusionRef: null,
    lead,
    cooperating: [],
    content: 'Tổng hợp số liệu sử dụng hệ thống',
    dueDate: null,
    dueEvent: null,
    reportTo: null,
    recurrence: null,
  });

  beforeAll(async () => {
    if (skip) return;
    let databaseUrl: string | undefined;
    if (postgres) {
      await adminQuery(`create database ${pgDatabase}`);
      const target = new URL(adminUrl!);
      target.pathname = `/${pgDatabase}`;
      databaseUrl = target.toString();
    }
    ({ server, url } = await startTestServer({ workers: 1, databaseUrl }));
    const db = server.database.db;
    admin = (await signIn('admin')).api;
    let officeToken: string;
    ({ api: office, token: officeToken } = await signIn('thuky'));
    ({ api: delegate, token: delegateToken } = await signIn('sotc'));

    for (const key of ['a', 'b', 'c'] as const)
      unit[key] = (
        await admin.call(
          'createUnit',
          {},
          { name: names[key], shortName: null, kind: 'department', parentId: null },
        )
      ).unit.id;

    // Before the period (23:00 on 31 October in Vietnam): not counted.
    await meeting('2019-10-31T23:00:00+07:00', '2019-11-01T00:30:00+07:00', unit.a);
    const nov = await meeting('2019-11-15T08:00:00+07:00', '2019-11-15T11:00:00+07:00', unit.a);
    // 06:30 on 1 December in Vietnam is 23:30 on 30 November in UTC.
    await meeting('2019-12-01T06:30:00+07:00', '2019-12-01T08:00:00+07:00', unit.b);
    await meeting('2019-12-10T08:00:00+07:00', '2019-12-10T10:00:00+07:00', unit.a, 'cancelled');
    await meeting('2019-12-12T08:00:00+07:00', '2019-12-12T10:00:00+07:00', unit.a, 'postponed');
    await meeting('2019-12-14T08:00:00+07:00', '2019-12-14T10:00:00+07:00', unit.a, 'draft');
    const janC = await meeting('2020-01-20T14:00:00+07:00', '2020-01-20T16:00:00+07:00', unit.c);
    const janReal = await meeting('2020-01-25T09:00:00+07:00', '2020-01-25T10:00:00+07:00', unit.b);
    // After the period (00:00 on 1 February in Vietnam): not counted.
    await meeting('2020-02-01T00:00:00+07:00', '2020-02-01T02:00:00+07:00', unit.a);
    // C's meeting was planned while C existed; C is now part of A.
    await admin.call('mergeUnit', { id: unit.c }, { successorId: unit.a });

    // Room joins and leaves as SignalingSession records them, at chosen times.
    delegateSite = (
      await db
        .selectFrom('users')
        .select('site_id')
        .where('id', '=', 'sotc')
        .executeTakeFirstOrThrow()
    ).site_id;
    const log = new AuditLog(db);
    const room = async (
      action: 'room.join' | 'room.leave',
      meetingId: string,
      userId: string,
      peerId: string,
      at: string,
      siteId?: string,
    ) =>
      log.record(
        {
          userId,
          action,
          subject: meetingId,
          details: action === 'room.join' ? { peerId, siteId } : { peerId },
        },
        new Date(at),
      );
    // November: two sites overlap, then the delegate comes back: 07:55–10:30 and 10:45–11:15.
    await room('room.join', nov.id, 'sotc', 'p1', '2019-11-15T07:55:00+07:00', delegateSite);
    await room('room.join', nov.id, 'camgiang', 'p2', '2019-11-15T08:05:00+07:00', 'usage-site-2');
    await room('room.leave', nov.id, 'sotc', 'p1', '2019-11-15T10:00:00+07:00');
    await room('room.leave', nov.id, 'camgiang', 'p2', '2019-11-15T10:30:00+07:00');
    await room('room.join', nov.id, 'sotc', 'p3', '2019-11-15T10:45:00+07:00', delegateSite);
    await room('room.leave', nov.id, 'sotc', 'p3', '2019-11-15T11:15:00+07:00');
    // January, C's meeting: a join with no leave counts until the planned end (15:00–16:00).
    await room('room.join', janC.id, 'gialoc', 'p4', '2020-01-20T15:00:00+07:00', 'usage-site-3');

    // A real join of B's January meeting through signaling, then leaving.
    const client = await joinRoomWithoutMedia(url, delegateToken, janReal.id);
    client.close();
    const realRows = async () =>
      db
        .selectFrom('audit_log')
        .select(['action', 'at', 'details_json'])
        .where('subject', '=', janReal.id)
        .where('action', 'in', ['room.join', 'room.leave'])
        .orderBy('id')
        .execute();
    await until(async () => (await realRows()).some((r) => r.action === 'room.leave'));
    // Both are written beside the media path: the leave may be committed first.
    const rows = await realRows();
    const joined = rows.find((r) => r.action === 'room.join');
    const left = rows.find((r) => r.action === 'room.leave');
    expect(JSON.parse(joined!.details_json!)).toMatchObject({ siteId: delegateSite });
    realRoomSeconds = Math.round((Date.parse(left!.at) - Date.parse(joined!.at)) / 1000);

    // Document versions, by the server's own repository at chosen times.
    const documents = new DocumentRepository(db);
    const file = {
      storedName: 'usage-test',
      sha256: '0'.repeat(64),
      sizeBytes: 1,
      pageCount: 1,
      searchText: 'thu',
      pages: ['thu'],
    };
    const upload = async (id: string, itemId: string, at: string) =>
      documents.createDocument(
        {
          id,
          agendaItemId: itemId,
          title: 'Báo cáo',
          confidential: false,
          uploadedBy: 'thuky',
          file,
        },
        new Date(at),
      );
    await upload('usage-doc-1', nov.itemId, '2019-11-10T10:00:00+07:00');
    // Its second version at 06:00 on 1 December in Vietnam (30 November in UTC).
    await documents.addVersion('usage-doc-1', file, 'thuky', new Date('2019-12-01T06:00:00+07:00'));
    await upload('usage-doc-2', janC.itemId, '2020-01-05T09:00:00+07:00');
    await upload('usage-doc-3', janC.itemId, '2020-02-01T00:00:00+07:00');

    // Tasks, by the server's own sync at chosen times.
    const sync = new SyncService(db);
    const thuky = (await new UserRepository(db).get('thuky'))!;
    let mutationId = 0;
    const clientId = randomUUID();
    const create = async (t: NewTask, at: string) => {
      const pushed = await sync.push(
        thuky,
        {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          clientId,
          mutations: [
            {
              id: ++mutationId,
              createdAt: at,
              mutation: { name: 'task.create', args: { task: t } },
            },
          ],
        },
        new Date(at),
      );
      expect(pushed.results[0]!.status).toBe('applied');
    };
    await create(task(nov.id, { id: unit.a, name: names.a }), '2019-11-20T09:00:00+07:00');
    await create(task(nov.id, { id: unit.b, name: names.b }), '2019-12-31T23:30:00+07:00');
    // 00:10 on 1 January in Vietnam is still 2019 in UTC.
    await create(task(janC.id, { id: unit.c, name: names.c }), '2020-01-01T00:10:00+07:00');
    await create(task(janC.id, { id: null, name: 'Các sở, ngành' }), '2020-01-10T09:00:00+07:00');
    await create(task(janC.id, { id: unit.a, name: names.a }), '2020-02-01T00:00:00+07:00');

    // Now, through HTTP: a meeting of B tomorrow (not held yet), a document and a task on it.
    const tomorrow = vietnamDate(new Date(Date.now() + 86_400_000));
    future = (await meeting(`${tomorrow}T08:00:00+07:00`, `${tomorrow}T09:00:00+07:00`, unit.b)).id;
    const plan = await office.call('getMeetingPlan', { id: future }, {});
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const form = new FormData();
    form.append('title', 'Tài liệu họp');
    form.append(
      'file',
      new Blob([(await pdf.save()) as BlobPart], { type: 'application/pdf' }),
      'tai-lieu.pdf',
    );
    const res = await fetch(
      `${url}${buildPath(documentPaths.uploadDocument, { id: future, itemId: plan.agenda[0]!.id })}`,
      { method: 'POST', headers: { authorization: `Bearer ${officeToken}` }, body: form },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const pushed = await office.call(
      'syncPush',
      {},
      {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId: randomUUID(),
        mutations: [
          {
            id: 1,
            createdAt: new Date().toISOString(),
            mutation: {
              name: 'task.create',
              args: { task: task(future, { id: unit.b, name: names.b }) },
            },
          },
        ],
      },
    );
    expect(pushed.results[0]!.status).toBe('applied');
    nowMonth = vietnamDate().slice(0, 7);
  }, SLOW);

  afterAll(async () => {
    if (skip) return;
    await server?.close();
    if (postgres) await adminQuery(`drop database if exists ${pgDatabase}`);
  }, SLOW);

  const none = {
    meetings: 0,
    connectedMeetings: 0,
    connectedSeconds: 0,
    plannedSeconds: 0,
    documents: 0,
    tasks: 0,
  };

  it.skipIf(skip)(
    'counts per Vietnam month the meetings held, their room time or planned time, the sites and people connected, documents and tasks',
    async () => {
      const report = await admin.call('getUsage', {}, {}, PERIOD);
      expect(report.from).toBe(PERIOD.from);
      expect(report.unit).toBeNull();
      expect(report.months).toEqual([
        {
          month: '2019-11',
          meetings: 1,
          connectedMeetings: 1,
          // 07:55–10:30 and 10:45–11:15: the overlap counted once.
          connectedSeconds: 9300 + 1800,
          plannedSeconds: 0,
          documents: 1,
          tasks: 1,
          sites: 2,
          people: 2,
        },
        {
          month: '2019-12',
          meetings: 1,
          connectedMeetings: 0,
          connectedSeconds: 0,
          plannedSeconds: 5400,
          documents: 1,
          tasks: 1,
          sites: 0,
          people: 0,
        },
        {
          month: '2020-01',
          meetings: 2,
          connectedMeetings: 2,
          connectedSeconds: 3600 + realRoomSeconds,
          plannedSeconds: 0,
          documents: 1,
          tasks: 2,
          sites: 2,
          people: 2,
        },
      ]);
      expect(report.totals).toEqual({
        meetings: 4,
        connectedMeetings: 3,
        connectedSeconds: 11100 + 3600 + realRoomSeconds,
        plannedSeconds: 5400,
        documents: 3,
        tasks: 4,
        // The delegate's site and person in November and January are counted once.
        sites: 3,
        people: 3,
      });
    },
  );

  it.skipIf(skip)(
    'counts per unit the meetings it prepared and the tasks it leads, most meetings first',
    async () => {
      const report = await admin.call('getUsage', {}, {}, PERIOD);
      expect(report.units).toEqual([
        {
          unit: { id: unit.b, name: names.b },
          meetings: 2,
          connectedMeetings: 1,
          connectedSeconds: realRoomSeconds,
          plannedSeconds: 5400,
          documents: 0,
          tasks: 1,
        },
        {
          unit: { id: unit.c, name: names.c },
          meetings: 1,
          connectedMeetings: 1,
          connectedSeconds: 3600,
          plannedSeconds: 0,
          documents: 1,
          tasks: 1,
        },
        {
          unit: { id: unit.a, name: names.a },
          meetings: 1,
          connectedMeetings: 1,
          connectedSeconds: 11100,
          plannedSeconds: 0,
          documents: 2,
          tasks: 1,
        },
        { unit: { id: null, name: 'Các sở, ngành' }, ...none, tasks: 1 },
      ]);
    },
  );

  it.skipIf(skip)(
    'a unit filter counts the unit and the units merged into it, and only their rooms',
    async () => {
      const report = await admin.call('getUsage', {}, {}, { ...PERIOD, unitId: unit.a });
      expect(report.unit).toEqual({ id: unit.a, name: names.a });
      expect(
        report.months.map((m) => [m.month, m.meetings, m.documents, m.tasks, m.sites, m.people]),
      ).toEqual([
        ['2019-11', 1, 1, 1, 2, 2],
        ['2019-12', 0, 1, 0, 0, 0],
        ['2020-01', 1, 1, 1, 1, 1],
      ]);
      expect(report.totals).toMatchObject({
        meetings: 2,
        connectedSeconds: 11100 + 3600,
        sites: 3,
        people: 3,
      });
      expect(report.units.map((u) => u.unit.id)).toEqual([unit.c, unit.a]);
    },
  );

  it.skipIf(skip)(
    'counts today’s upload and task but not a meeting that has not started yet',
    async () => {
      const from = vietnamDate(new Date(Date.now() - 40 * 86_400_000));
      const to = vietnamDate(new Date(Date.now() + 3 * 86_400_000));
      const report = await admin.call('getUsage', {}, {}, { from, to, unitId: unit.b });
      expect(report.totals).toEqual({ ...none, documents: 1, tasks: 1, sites: 0, people: 0 });
      const month = report.months.find((m) => m.month === nowMonth)!;
      expect(month).toMatchObject({ meetings: 0, documents: 1, tasks: 1 });
      expect(report.units).toEqual([
        { unit: { id: unit.b, name: names.b }, ...none, documents: 1, tasks: 1 },
      ]);
      expect(future).not.toBe('');
    },
  );

  it.skipIf(skip)('answers 24 months, and zeros for a period with nothing in it', async () => {
    const report: UsageReport = await admin.call(
      'getUsage',
      {},
      {},
      { from: '2010-01-01', to: '2011-12-31' },
    );
    expect(report.months).toHaveLength(24);
    expect(report.months[23]!.month).toBe('2011-12');
    expect(report.totals).toEqual({ ...none, sites: 0, people: 0 });
    expect(report.units).toEqual([]);
  });

  it.skipIf(skip)('refuses the Office’s staff and a delegate with 403', async () => {
    expect((await refusal(office.call('getUsage', {}, {}, PERIOD))).status).toBe(403);
    expect((await refusal(delegate.call('getUsage', {}, {}, PERIOD))).status).toBe(403);
    const anonymous = new ApiClient({ baseUrl: url });
    expect((await refusal(anonymous.call('getUsage', {}, {}, PERIOD))).status).toBe(401);
  });

  it.skipIf(skip)(
    'refuses a period ending before it starts, longer than 24 months, or not calendar days, with 400; an unknown unit with 404',
    async () => {
      const { token } = await signIn('admin');
      const bad = async (query: Record<string, string>) => {
        const res = await fetch(`${url}/api/admin/usage?${new URLSearchParams(query)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return res.status;
      };
      expect(await bad({ from: '2020-02-01', to: '2020-01-31' })).toBe(400);
      expect(await bad({ from: '2010-01-01', to: '2012-01-01' })).toBe(400);
      expect(await bad({ from: '2020-02-30', to: '2020-03-01' })).toBe(400);
      expect(await bad({ from: '1/11/2019', to: '2020-01-31' })).toBe(400);
      expect(await bad({ from: '2019-11-01' })).toBe(400);
      expect(await bad({ ...PERIOD, extra: '1' })).toBe(400);
      const unknown = await refusal(
        admin.call('getUsage', {}, {}, { ...PERIOD, unitId: 'no-such-unit' }),
      );
      expect(unknown.status).toBe(404);
    },
  );
});
