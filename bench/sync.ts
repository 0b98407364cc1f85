/**
 * `npm run bench:sync -- [--mutations N] [--json]`: a server on loopback (fresh data directory,
 * demo seed) and a client store on disk. The secretary's client records N task mutations while
 * offline (each a durable local commit, synchronous=FULL), then syncs them over HTTP. Prints
 * commit latency, sync time, and what was lost or applied twice (from the server's audit log,
 * which names each applied mutation's client and id, and its rejections).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
// eslint-disable-next-line no-restricted-imports -- the benchmark audits the server's file directly
import Database from 'better-sqlite3';
import pino from 'pino';
import { ApiClient } from '../common/protocol/ApiClient';
import { meetingRolesOf, taskActorOf, type TaskMutation } from '../common/tasks/mutations';
import { openLocalStore } from '../main/store/db';
import { TaskReplicaRepository } from '../main/store/repos/TaskReplicaRepository';
import { SyncEngine } from '../main/sync/SyncEngine';
import { httpSyncTransport } from '../main/sync/SyncTransport';
import { defaultServerConfig } from '../sfu-server/src/config';
import { Server } from '../sfu-server/src/Server';

const { values } = parseArgs({
  options: {
    mutations: { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
  },
});
const total = Number(values.mutations);
const MEETING = 'hd-bcd-cds-2022-09-27';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number) => Math.round(n * 1000) / 1000;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-bench-sync-'));
  const serverDir = path.join(root, 'server');
  const server = await Server.create(
    defaultServerConfig({
      port: 0,
      dataDir: serverDir,
      logLevel: 'silent',
      workers: 1,
      seedDemo: true,
    }),
    pino({ level: 'silent' }),
  );
  try {
    const login = await new ApiClient({ baseUrl: server.url }).call(
      'login',
      {},
      { username: 'thuky', password: 'PhongHop@2026' },
    );
    const api = new ApiClient({ baseUrl: server.url, token: login.token, timeoutMs: 120_000 });
    const db = openLocalStore(path.join(root, 'client'));
    const replica = new TaskReplicaRepository(db);
    const scope = { serverUrl: server.url, userId: login.user.id };
    const http = httpSyncTransport(async () => api);
    // Time on the wire and in the server, apart from the client's own work.
    const spent = { push: 0, pull: 0 };
    const timed =
      <A, R>(kind: 'push' | 'pull', call: (request: A) => Promise<R>) =>
      async (request: A) => {
        const started = performance.now();
        try {
          return await call(request);
        } finally {
          spent[kind] += (performance.now() - started) / 1000;
        }
      };
    const engine = new SyncEngine({
      replica,
      scope,
      transport: { push: timed('push', http.push), pull: timed('pull', http.pull) },
    });
    await engine.syncOnce(); // the tasks arrive, as after sign-in
    const actor = taskActorOf(
      login.user,
      meetingRolesOf((await api.call('listMeetings')).meetings),
    );
    const taskIds = replica.listTasks(scope).map((t) => t.id);

    // Offline: every commit is timed on its own.
    const commitMs: number[] = [];
    for (let i = 1; i <= total; i++) {
      const mutation = nextMutation(
        i,
        taskIds,
        (id) => replica.getTask(scope, id)?.statusClock ?? 0,
      );
      const started = performance.now();
      replica.record(scope, actor, mutation, new Date());
      commitMs.push(performance.now() - started);
      if (mutation.name === 'task.create') taskIds.push(mutation.args.task.id);
    }

    spent.push = spent.pull = 0;
    const syncStarted = performance.now();
    await engine.syncOnce();
    const syncSeconds = (performance.now() - syncStarted) / 1000;

    const { clientId } = replica.meta(scope);
    const serverDb = new Database(path.join(serverDir, 'phonghop.sqlite3'), { readonly: true });
    const applied = serverDb
      .prepare(
        `SELECT json_extract(details_json, '$.mutationId') AS id FROM audit_log
         WHERE action LIKE 'task.%' AND json_extract(details_json, '$.clientId') = ?`,
      )
      .all(clientId) as { id: number }[];
    const rejected = serverDb
      .prepare('SELECT mutation_id AS id FROM sync_rejections WHERE client_id = ?')
      .all(clientId) as { id: number }[];
    serverDb.close();
    const seen = new Map<number, number>();
    for (const { id } of [...applied, ...rejected]) seen.set(id, (seen.get(id) ?? 0) + 1);
    let lost = 0;
    let duplicated = 0;
    for (let id = 1; id <= total; id++) {
      const n = seen.get(id) ?? 0;
      if (n === 0) lost += 1;
      if (n > 1) duplicated += n - 1;
    }
    const pendingAfterSync = replica.pendingCount(scope);
    db.close();

    commitMs.sort((a, b) => a - b);
    const result = {
      mutations: total,
      commitMs: { p50: round(percentile(commitMs, 50)), p95: round(percentile(commitMs, 95)) },
      syncSeconds: round(syncSeconds),
      /** Of syncSeconds: waiting for push and pull answers (network and server). */
      pushSeconds: round(spent.push),
      pullSeconds: round(spent.pull),
      lost,
      duplicated,
      rejected: rejected.length,
      pendingAfterSync,
      tasks: taskIds.length,
    };
    if (values.json) console.log(JSON.stringify(result));
    else console.table(result);
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** A secretary's offline session: new tasks, reports, edits, extensions and status changes. */
function nextMutation(
  i: number,
  taskIds: string[],
  statusClock: (id: string) => number,
): TaskMutation {
  const taskId = taskIds[i % taskIds.length]!;
  const id = `bench-${i}`;
  switch (i % 10) {
    case 0:
      return {
        name: 'task.create',
        args: {
          task: {
            id: `task-${id}`,
            meetingId: MEETING,
            conclusionRef: null,
            lead: { id: 'hd-so-tttt', name: 'Sở Thông tin và Truyền thông' },
            cooperating: [{ id: 'hd-so-tc', name: 'Sở Tài chính' }],
            content: `Nhiệm vụ số ${i}: rà soát hạ tầng số cấp xã`,
            dueDate: '2027-03-31',
            dueEvent: null,
            reportTo: 'UBND tỉnh',
            recurrence: null,
          },
        },
      };
    case 1:
    case 2:
    case 3:
      return {
        name: 'task.report',
        args: { taskId, reportId: `r-${id}`, text: `Báo cáo tiến độ lần ${i}`, percent: i % 101 },
      };
    case 4:
    case 5:
      return {
        name: 'task.update',
        args: { taskId, fields: { content: `Nội dung sửa lần ${i}` } },
      };
    case 6:
      return {
        name: 'task.extend',
        args: { taskId, extensionId: `e-${id}`, newDue: '2027-06-30', reason: 'Chờ ý kiến Bộ' },
      };
    case 7:
      return {
        name: 'task.setDifficulties',
        args: { taskId, difficulties: `Khó khăn ${i}`, proposals: 'Đề nghị bổ sung kinh phí' },
      };
    default:
      return {
        name: 'task.setStatus',
        args: {
          taskId,
          status: i % 3 === 0 ? 'done' : 'in_progress',
          seenStatusClock: statusClock(taskId),
        },
      };
  }
}

await main();
