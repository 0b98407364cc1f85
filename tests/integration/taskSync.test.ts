/**
 * Task sync over HTTP against a real server (demo seed): permissions per agency and per role in
 * the task's own meeting, the lead agency's status rule, protocol version and client ownership
 * checks, and the client service refusing what the rules refuse before anything is recorded.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../common/protocol/ApiClient';
import { SYNC_PROTOCOL_VERSION, type PushedMutation } from '../../common/protocol/sync';
import type { NewTask, TaskMutation } from '../../common/tasks/mutations';
import { AppError } from '../../common/errors';
import { createMainServices, type MainServices } from '../../main/composition';
import { FileSecretStore } from '../../main/services/FileSecretStore';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../helpers/testServer';

// The 2022 notice's agencies were merged in 2025: Sở TT&TT into Sở Khoa học và Công nghệ (whose
// people, sotttt and baocao, answer for its tasks), Sở KH&ĐT into Sở Tài chính.
const TTTT_TASK = 'hd-bcd-cds-2022-09-27-task-2'; // lead: Sở Thông tin và Truyền thông, in progress
const KHDT_TASK = 'hd-bcd-cds-2022-09-27-task-5'; // lead: Sở Kế hoạch và Đầu tư
/** Meeting A: the demo's meeting of 27/9/2022 (chutri chairs it, thuky minutes it). */
const MEETING_A = 'hd-bcd-cds-2022-09-27';
/** The lead agency of new tasks (meeting B is today's). */
const KHCN = { id: 'hp-so-khcn', name: 'Sở Khoa học và Công nghệ' };

let server: Server;
let url: string;

beforeAll(async () => {
  ({ server, url } = await startTestServer());
}, 60_000);
afterAll(async () => server?.close());

async function apiAs(username: string): Promise<ApiClient> {
  const anonymous = new ApiClient({ baseUrl: url });
  const { token } = await anonymous.call('login', {}, { username, password: DEMO_PASSWORD });
  return anonymous.withToken(token);
}

function push(api: ApiClient, clientId: string, mutations: TaskMutation[], firstId = 1) {
  const pushed: PushedMutation[] = mutations.map((mutation, i) => ({
    id: firstId + i,
    createdAt: new Date().toISOString(),
    mutation,
  }));
  return api.call(
    'syncPush',
    {},
    { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations: pushed },
  );
}

const pull = (api: ApiClient, clientId: string, since = 0) =>
  api.call('syncPull', {}, { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, since });

describe('POST /api/sync/push', () => {
  it('a reporter of Sở KH&CN reports on the task of Sở TT&TT, which it took over, and is rejected on Sở KH&ĐT’s with a reason', async () => {
    const api = await apiAs('baocao');
    const clientId = randomUUID();
    const answer = await push(api, clientId, [
      {
        name: 'task.report',
        args: {
          taskId: TTTT_TASK,
          reportId: 'report-0001',
          text: 'Đã trình UBND tỉnh',
          percent: 80,
        },
      },
      {
        name: 'task.setStatus',
        args: { taskId: KHDT_TASK, status: 'done', seenStatusClock: 0 },
      },
    ]);
    expect(answer.lastMutationId).toBe(2);
    expect(answer.results[0]).toEqual({ id: 1, status: 'applied' });
    expect(answer.results[1]).toMatchObject({
      id: 2,
      status: 'rejected',
      rejection: { code: 'not_lead_agency' },
    });

    const { tasks, rejections } = await pull(api, clientId);
    const own = tasks.find((t) => t.id === TTTT_TASK)!;
    expect(own.reports.map((r) => r.text)).toContain('Đã trình UBND tỉnh');
    expect(tasks.find((t) => t.id === KHDT_TASK)?.status).toBe('in_progress'); // unchanged
    expect(rejections).toEqual([
      expect.objectContaining({ mutationId: 2, taskId: KHDT_TASK, name: 'task.setStatus' }),
    ]);
  });

  it('a push sent twice is applied once, and the second answer says duplicate', async () => {
    const api = await apiAs('sotttt');
    const clientId = randomUUID();
    const report: TaskMutation = {
      name: 'task.report',
      args: { taskId: TTTT_TASK, reportId: 'report-dup-01', text: 'Lần một', percent: 85 },
    };
    expect((await push(api, clientId, [report])).results[0]!.status).toBe('applied');
    expect((await push(api, clientId, [report])).results[0]!.status).toBe('duplicate');
    const task = (await pull(api, clientId)).tasks.find((t) => t.id === TTTT_TASK)!;
    expect(task.reports.filter((r) => r.id === 'report-dup-01')).toHaveLength(1);
  });

  it('a status change based on a view older than the lead agency’s own change is rejected, and the lead’s status stands', async () => {
    const lead = await apiAs('sotttt');
    const secretary = await apiAs('thuky');
    const taskId = 'hd-bcd-cds-2022-09-27-task-7';
    const before = (await pull(secretary, randomUUID())).tasks.find((t) => t.id === taskId)!;
    // The lead agency marks the task done…
    const leadClient = randomUUID();
    await push(lead, leadClient, [
      { name: 'task.setStatus', args: { taskId, status: 'in_progress', seenStatusClock: 0 } },
    ]);
    const afterLead = (await pull(lead, leadClient)).tasks.find((t) => t.id === taskId)!;
    await push(
      lead,
      leadClient,
      [
        {
          name: 'task.setStatus',
          args: { taskId, status: 'done', seenStatusClock: afterLead.statusClock },
        },
      ],
      2,
    );
    // …while the secretary, offline since before, sets it back to not started.
    const answer = await push(secretary, randomUUID(), [
      {
        name: 'task.setStatus',
        args: { taskId, status: 'not_started', seenStatusClock: before.statusClock },
      },
    ]);
    expect(answer.results[0]).toMatchObject({
      status: 'rejected',
      rejection: { code: 'status_changed_by_lead' },
    });
    const now = (await pull(secretary, randomUUID())).tasks.find((t) => t.id === taskId)!;
    expect(now.status).toBe('done');
    expect(now.statusSetBy).toBe('lead');
  });

  it('rejects another protocol version with 426 and a reason, and a client id of another user with 403', async () => {
    const api = await apiAs('sotttt');
    const mutation: TaskMutation = {
      name: 'task.report',
      args: { taskId: TTTT_TASK, reportId: 'report-v-0001', text: 'x', percent: 1 },
    };
    await expect(
      api.call(
        'syncPush',
        {},
        {
          protocolVersion: SYNC_PROTOCOL_VERSION + 1,
          clientId: randomUUID(),
          mutations: [{ id: 1, createdAt: '', mutation }],
        },
      ),
    ).rejects.toMatchObject({ code: 'incompatible', message: expect.stringMatching(/protocol/) });

    const clientId = randomUUID();
    await push(api, clientId, [mutation]);
    const other = await apiAs('baocao');
    await expect(pull(other, clientId)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('answers 400 to a malformed mutation and 401 without a token', async () => {
    const res = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await login('sotttt')}`,
      },
      body: JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId: randomUUID(),
        mutations: [{ id: 1, createdAt: '', mutation: { name: 'task.delete', args: {} } }],
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /mutations\.0\.mutation/,
    );
    const anonymous = await fetch(`${url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: 1, clientId: randomUUID(), since: 0 }),
    });
    expect(anonymous.status).toBe(401);
  });
});

async function login(username: string): Promise<string> {
  const { token } = await new ApiClient({ baseUrl: url }).call(
    'login',
    {},
    { username, password: DEMO_PASSWORD },
  );
  return token;
}

describe('TasksService (client main process)', () => {
  let services: MainServices;

  beforeAll(async () => {
    const dir = tempDir('tasks-client');
    services = createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: url,
      shell: 'browser',
      version: 'test',
    });
    await services.session.login(url, 'baocao', DEMO_PASSWORD);
  });
  afterAll(() => services?.close());

  it('pulls the agency’s tasks after sign-in and refuses a change to another agency’s task before recording it', async () => {
    const tasks = services.tasks;
    await tasks.syncNow();
    const { tasks: list, sync } = tasks.list();
    expect(sync.status).toBe('synced');
    expect(list.map((t) => t.lead.name)).toContain('Sở Thông tin và Truyền thông');
    const khdt = list.find((t) => t.lead.name === 'Sở Kế hoạch và Đầu tư');
    // Sở KH&ĐT's tasks reach this replica only where Sở TT&TT cooperates; none is Sở KH&CN's to
    // change.
    const target = khdt?.id ?? KHDT_TASK;
    let refused: unknown;
    try {
      tasks.mutate({
        name: 'task.setStatus',
        args: { taskId: target, status: 'done', seenStatusClock: 0 },
      });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toMatch(/forbidden|not_found/);
    expect(tasks.list().pendingTaskIds).toEqual([]);
  });
});

/**
 * Meeting B, planned by the Office: chutri chairs it and "thukyb", a specialist of the Office
 * without the Office's system role, minutes it. thukyb has no role in meeting A; the Office's
 * staff (thuky) have none in B.
 */
describe('task rights follow the role in the task’s own meeting', () => {
  const SECRETARY_B = 'thukyb';
  let meetingB: string;

  const newTask = (id: string, meetingId: string, lead = KHCN): NewTask => ({
    id,
    meetingId,
    conclusionRef: '1',
    lead,
    cooperating: [],
    content: 'Xây dựng kế hoạch chuyển đổi số năm 2023',
    dueDate: '2023-03-31',
    dueEvent: null,
    reportTo: 'UBND thành phố',
    recurrence: null,
  });
  const create = (task: NewTask): TaskMutation => ({ name: 'task.create', args: { task } });

  /** What a refused push must not change: every task row, and the audit log of task changes. */
  async function written() {
    const db = server.database.db;
    return {
      tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
      audit: await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', 'like', 'task.%')
        .orderBy('id')
        .execute(),
    };
  }

  beforeAll(async () => {
    const db = server.database.db;
    const thuky = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', 'thuky')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('users')
      .values({
        ...thuky,
        id: SECRETARY_B,
        username: SECRETARY_B,
        full_name: 'Phạm Thị Minh Thư',
        title: 'Chuyên viên Phòng Tổng hợp, Văn phòng UBND thành phố',
      })
      .execute();
    // The retired global role, as older directories gave it: it grants nothing any more.
    await db.insertInto('user_roles').values({ user_id: SECRETARY_B, role: 'secretary' }).execute();
    const office = await apiAs('thuky');
    const starts = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const plan = await office.call(
      'createMeeting',
      {},
      {
        title: 'Họp triển khai kế hoạch chuyển đổi số năm 2023',
        kind: 'working_meeting',
        startsAt: `${starts}T08:00:00+07:00`,
        endsAt: `${starts}T10:00:00+07:00`,
        chairUserId: 'chutri',
        secretaryUserId: SECRETARY_B,
        preparingUnitId: 'hp-vp-ubnd',
        hallSiteId: 'hp-hoi-truong',
        place: '',
        online: false,
        unitIds: [],
        siteIds: [],
        persons: [{ userId: 'sotttt', role: 'delegate' }],
        signer: null,
      },
    );
    await office.call('publishMeeting', { id: plan.id });
    meetingB = plan.id;
  });

  it('the meeting list says each user’s role in each meeting (null where the Office is not invited)', async () => {
    const mine = await (await apiAs(SECRETARY_B)).call('listMeetings');
    expect(mine.meetings.map((m) => [m.id, m.myRole])).toEqual([[meetingB, 'secretary']]);
    const chair = (await (await apiAs('chutri')).call('listMeetings')).meetings;
    expect(chair.find((m) => m.id === MEETING_A)?.myRole).toBe('chair');
    expect(chair.find((m) => m.id === meetingB)?.myRole).toBe('chair');
    const office = (await (await apiAs('thuky')).call('listMeetings')).meetings;
    expect(office.find((m) => m.id === MEETING_A)?.myRole).toBe('secretary');
    expect(office.find((m) => m.id === meetingB)?.myRole).toBeNull();
  });

  it('the secretary of B creates B’s tasks; creating or editing meeting A’s tasks is rejected not_staff and writes nothing', async () => {
    const api = await apiAs(SECRETARY_B);
    const clientId = randomUUID();
    const taskOfB = `task-b-${randomUUID()}`;
    // B's task first: the later refusals must not undo it.
    const applied = await push(api, clientId, [create(newTask(taskOfB, meetingB))]);
    expect(applied.results).toEqual([{ id: 1, status: 'applied' }]);

    const before = await written();
    const refused = await push(
      api,
      clientId,
      [
        create(newTask(`task-a-${randomUUID()}`, MEETING_A)),
        { name: 'task.update', args: { taskId: KHDT_TASK, fields: { content: 'Sửa nội dung' } } },
        {
          name: 'task.extend',
          args: {
            taskId: TTTT_TASK,
            extensionId: `ext-${randomUUID()}`,
            newDue: '2030-12-31',
            reason: 'Lùi thời hạn',
          },
        },
      ],
      2,
    );
    expect(refused.results).toEqual(
      [2, 3, 4].map((id) => ({
        id,
        status: 'rejected',
        rejection: expect.objectContaining({ code: 'not_staff' }),
      })),
    );
    expect(await written()).toEqual(before);

    const { tasks, rejections } = await pull(api, clientId);
    expect(tasks.find((t) => t.id === taskOfB)).toMatchObject({ meetingId: meetingB });
    expect(tasks.some((t) => t.meetingId === MEETING_A)).toBe(false);
    expect(rejections.map((r) => [r.mutationId, r.rejection.code])).toEqual([
      [2, 'not_staff'],
      [3, 'not_staff'],
      [4, 'not_staff'],
    ]);
  });

  it('the secretary of B gets no join ticket for meeting A (403), but one for B', async () => {
    const api = await apiAs(SECRETARY_B);
    await expect(api.call('joinTicket', { id: MEETING_A })).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    await expect(api.call('joinTicket', { id: meetingB })).resolves.toMatchObject({
      ticket: expect.any(String),
    });
  });

  it('an administrator not invited to a meeting may not create, edit or extend its tasks, and sees only its agency’s', async () => {
    const api = await apiAs('admin');
    const clientId = randomUUID();
    const before = await written();
    const answer = await push(api, clientId, [
      create(newTask(`task-a-${randomUUID()}`, MEETING_A)),
      create(newTask(`task-b-${randomUUID()}`, meetingB)),
      { name: 'task.update', args: { taskId: TTTT_TASK, fields: { content: 'Sửa nội dung' } } },
    ]);
    expect(answer.results.map((r) => r.status === 'rejected' && r.rejection.code)).toEqual([
      'not_staff',
      'not_staff',
      'not_staff',
    ]);
    expect(await written()).toEqual(before);
    // Văn phòng UBND thành phố (and Văn phòng UBND tỉnh before it) leads and cooperates on none of
    // the demo's tasks.
    expect((await pull(api, clientId)).tasks).toEqual([]);
  });

  it('the Office’s staff (thuky) manage the tasks of meeting B, where they have no role', async () => {
    const api = await apiAs('thuky');
    const clientId = randomUUID();
    const taskId = `task-b-${randomUUID()}`;
    const answer = await push(api, clientId, [
      create(newTask(taskId, meetingB)),
      { name: 'task.update', args: { taskId, fields: { dueDate: '2023-04-30' } } },
      {
        name: 'task.extend',
        args: { taskId, extensionId: `ext-${randomUUID()}`, newDue: '2023-05-31', reason: 'Lùi' },
      },
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const task = (await pull(api, clientId)).tasks.find((t) => t.id === taskId)!;
    expect(task).toMatchObject({ meetingId: meetingB, dueDate: '2023-05-31' });
    expect(task.extensions).toHaveLength(1);
  });

  it('the lead agency reports on and sets the status of its own tasks in A and B, and still edits none', async () => {
    const office = await apiAs('thuky');
    const taskOfB = `task-b-${randomUUID()}`;
    await push(office, randomUUID(), [create(newTask(taskOfB, meetingB))]);
    const api = await apiAs('baocao'); // Sở KH&CN (Sở TT&TT's successor), no role in B
    const clientId = randomUUID();
    const answer = await push(api, clientId, [
      {
        name: 'task.report',
        args: {
          taskId: TTTT_TASK,
          reportId: `report-${randomUUID()}`,
          text: 'Xong 90%',
          percent: 90,
        },
      },
      {
        name: 'task.setStatus',
        args: { taskId: taskOfB, status: 'in_progress', seenStatusClock: 0 },
      },
      {
        name: 'task.report',
        args: { taskId: taskOfB, reportId: `report-${randomUUID()}`, text: 'Đã giao', percent: 5 },
      },
      { name: 'task.update', args: { taskId: taskOfB, fields: { content: 'Tự sửa' } } },
    ]);
    expect(
      answer.results.map((r) => (r.status === 'rejected' ? r.rejection.code : r.status)),
    ).toEqual(['applied', 'applied', 'applied', 'not_staff']);
    const task = (await pull(api, clientId)).tasks.find((t) => t.id === taskOfB)!;
    expect(task).toMatchObject({ status: 'in_progress', statusSetBy: 'lead' });
    expect(task.content).not.toBe('Tự sửa');
  });

  it('a pull withdraws a task that left the user’s view, and never names a task they were not sent', async () => {
    const GDDT = { id: 'hp-so-gddt', name: 'Sở Giáo dục và Đào tạo' };
    const secretary = await apiAs(SECRETARY_B);
    const staffClient = randomUUID();
    const reassigned = `task-b-${randomUUID()}`;
    const neverSeen = `task-b-${randomUUID()}`;
    // sogddt takes part in A, not in B: of B's tasks it sees only those Sở GD&ĐT leads.
    await push(secretary, staffClient, [
      create(newTask(reassigned, meetingB, GDDT)),
      create(newTask(neverSeen, meetingB)),
    ]);
    const delegate = await apiAs('sogddt');
    const clientId = randomUUID();
    const first = await pull(delegate, clientId);
    expect(first.tasks.map((t) => t.id)).toContain(reassigned);
    expect(first.tasks.map((t) => t.id)).not.toContain(neverSeen);
    expect(first.removedTaskIds).toEqual([]);

    await push(
      secretary,
      staffClient,
      [
        { name: 'task.update', args: { taskId: reassigned, fields: { lead: KHCN } } },
        { name: 'task.update', args: { taskId: neverSeen, fields: { content: 'Sửa lại' } } },
      ],
      3,
    );
    const second = await pull(delegate, clientId, first.clock);
    expect(second.tasks.map((t) => t.id)).not.toContain(reassigned);
    expect(second.removedTaskIds).toEqual([reassigned]);
    // Told once: the next pull from the start names neither task.
    const again = await pull(delegate, clientId, first.clock);
    expect(again.removedTaskIds).toEqual([]);
    // Another replica of the same user that never held the task is not told of it either.
    const fresh = await pull(delegate, randomUUID(), first.clock);
    expect(fresh.removedTaskIds).toEqual([]);
  });

  it('the secretary of B’s app records B’s tasks offline from the cached meeting list, refuses A’s before recording, and the server accepts what it recorded', async () => {
    const dir = tempDir('tasks-secretary-b');
    let online = true;
    const services = createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: url,
      shell: 'browser',
      version: 'test',
      fetch: (input, init) =>
        online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: link down')),
    });
    try {
      await services.session.login(url, SECRETARY_B, DEMO_PASSWORD);
      // The meetings screen fetches the list, which is kept on this computer.
      const listed = await services.router.handle('meetings.list', {});
      expect(listed).toMatchObject({
        ok: true,
        value: { meetings: [{ id: meetingB, myRole: 'secretary' }] },
      });
      await services.tasks.syncNow();

      online = false;
      const taskId = `task-b-${randomUUID()}`;
      const task = (meetingId: string, id: string): NewTask => ({
        id,
        meetingId,
        conclusionRef: '2',
        lead: KHCN,
        cooperating: [],
        content: 'Báo cáo kết quả rà soát hạ tầng số',
        dueDate: null,
        dueEvent: 'sau khi có ý kiến của Bộ',
        reportTo: null,
        recurrence: null,
      });
      expect(
        services.tasks.mutate({ name: 'task.create', args: { task: task(meetingB, taskId) } }).task,
      ).toMatchObject({ id: taskId, meetingId: meetingB });
      let refused: unknown;
      try {
        services.tasks.mutate({
          name: 'task.create',
          args: { task: task(MEETING_A, `task-a-${randomUUID()}`) },
        });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'forbidden', details: { rejection: 'not_staff' } });
      expect(services.tasks.list().pendingTaskIds).toEqual([taskId]);

      online = true;
      expect(await services.tasks.syncNow()).toMatchObject({ status: 'synced', pending: 0 });
      expect(services.tasks.rejections()).toEqual([]);
      const stored = await server.database.db
        .selectFrom('tasks')
        .select('meeting_id')
        .where('id', '=', taskId)
        .executeTakeFirst();
      expect(stored).toEqual({ meeting_id: meetingB });
    } finally {
      services.close();
    }
  });
});
