/**
 * Task sync over HTTP against a real server (demo seed): permissions per agency, the lead
 * agency's status rule, protocol version and client ownership checks, and the client service
 * refusing what the rules refuse before anything is recorded.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../common/protocol/ApiClient';
import { SYNC_PROTOCOL_VERSION, type PushedMutation } from '../../common/protocol/sync';
import type { TaskMutation } from '../../common/tasks/mutations';
import { AppError } from '../../common/errors';
import { createMainServices, type MainServices } from '../../main/composition';
import { FileSecretStore } from '../../main/services/FileSecretStore';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../helpers/testServer';

const TTTT_TASK = 'hd-bcd-cds-2022-09-27-task-2'; // lead: Sở Thông tin và Truyền thông, in progress
const KHDT_TASK = 'hd-bcd-cds-2022-09-27-task-5'; // lead: Sở Kế hoạch và Đầu tư

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
  it('a reporter of Sở TT&TT reports on its own task, and is rejected on Sở KH&ĐT’s with a reason', async () => {
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
    const khdt = list.find((t) => t.lead.id === 'hd-so-khdt');
    // Sở KH&ĐT's tasks reach this replica only where Sở TT&TT cooperates; none is its to change.
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
