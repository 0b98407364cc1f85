/**
 * Property: whatever happens to clients and server — offline edits on 2–3 replicas, lost
 * acknowledgements, duplicate pushes, client crashes, server restarts — once everyone is back
 * online and synced, every replica equals the server's view for its user, and every mutation a
 * client recorded was processed by the server exactly once (applied once, or rejected once).
 *
 * Real parts: the server's SyncService over a real SQLite file (seeded with the demo province),
 * the client's replica in real SQLite files, the sync engine as the app runs it. Only HTTP is
 * left out (the transport calls the service in-process, through a JSON round trip and the
 * contract's zod schemas); tests/integration/taskSync.test.ts covers HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import type { User } from '../../common/domain/user';
import {
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type PushRequest,
} from '../../common/protocol/sync';
import { seesAllMeetings } from '../../common/domain/policy';
import {
  meetingRolesOf,
  taskActorOf,
  type MeetingRoles,
  type TaskMutation,
} from '../../common/tasks/mutations';
import { openLocalStore, type LocalDatabase } from '../../main/store/db';
import {
  TaskReplicaRepository,
  type ReplicaScope,
} from '../../main/store/repos/TaskReplicaRepository';
import { SyncEngine } from '../../main/sync/SyncEngine';
import type { SyncTransport } from '../../main/sync/SyncTransport';
import { openDatabase, type OpenedDatabase } from '../../sfu-server/src/db/database';
import { MeetingRepository } from '../../sfu-server/src/db/repos/MeetingRepository';
import { UserRepository } from '../../sfu-server/src/db/repos/UserRepository';
import { seedDemo } from '../../sfu-server/src/seed/demoSeed';
import { SyncService } from '../../sfu-server/src/sync/SyncService';

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 1000);
const USERNAMES = ['thuky', 'sotttt', 'baocao', 'sokhdt'] as const;
const MEETING = 'hd-bcd-cds-2022-09-27';
const SERVER_URL = 'http://sync.test';

let templateDir: string;
let users: Map<string, User>;
/** Each user's meeting roles as their app knows them: from the meeting list (`myRole`). */
let meetingRoles: Map<string, MeetingRoles>;
let seededTaskIds: string[];

beforeAll(async () => {
  templateDir = fs.mkdtempSync(path.join(shmOrTmp(), 'phonghop-sync-template-'));
  const opened = await openDatabase(templateDir);
  await seedDemo(opened.db, templateDir, new Date('2026-11-20T03:00:00Z'));
  const repo = new UserRepository(opened.db);
  const meetings = new MeetingRepository(opened.db);
  users = new Map();
  meetingRoles = new Map();
  for (const name of USERNAMES) {
    const user = (await repo.get(name))!;
    users.set(name, user);
    meetingRoles.set(
      user.id,
      meetingRolesOf(await meetings.listFor(user.id, seesAllMeetings(user.roles))),
    );
  }
  seededTaskIds = (await opened.db.selectFrom('tasks').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );
  await opened.close();
}, 60_000);

afterAll(() => fs.rmSync(templateDir, { recursive: true, force: true }));

function shmOrTmp(): string {
  return fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

/** The server as a client sees it: it can be restarted, and its answers can be lost. */
class TestServer {
  opened!: OpenedDatabase;
  service!: SyncService;
  constructor(readonly dir: string) {}
  async start() {
    this.opened = await openDatabase(this.dir);
    this.service = new SyncService(this.opened.db);
  }
  async restart() {
    await this.opened.close();
    await this.start();
  }
}

interface Client {
  user: User;
  dir: string;
  db: LocalDatabase;
  replica: TaskReplicaRepository;
  engine: SyncEngine;
  online: boolean;
  /** The next push is applied by the server but its answer never arrives. */
  loseNextAnswer: boolean;
  lastPush: PushRequest | undefined;
  /** Every mutation id this replica recorded (it may have crashed since). */
  recorded: number[];
}

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

function transportFor(server: TestServer, client: () => Client): SyncTransport {
  return {
    async push(request) {
      const c = client();
      if (!c.online) throw new AppError('unavailable', 'offline');
      const body = pushRequestSchema.parse(wire(request));
      c.lastPush = body;
      const answer = await server.service.push(c.user, body);
      if (c.loseNextAnswer) {
        c.loseNextAnswer = false;
        throw new AppError('unavailable', 'connection reset after the server applied the push');
      }
      return pushResponseSchema.parse(wire(answer));
    },
    async pull(request) {
      if (!client().online) throw new AppError('unavailable', 'offline');
      const answer = await server.service.pull(
        client().user,
        pullRequestSchema.parse(wire(request)),
      );
      return pullResponseSchema.parse(wire(answer));
    },
  };
}

function openClient(server: TestServer, dir: string, user: User, recorded: number[]): Client {
  const db = openLocalStore(dir);
  const replica = new TaskReplicaRepository(db);
  const client: Client = {
    user,
    dir,
    db,
    replica,
    engine: undefined as never,
    online: true,
    loseNextAnswer: false,
    lastPush: undefined,
    recorded,
  };
  client.engine = new SyncEngine({
    replica,
    scope: scopeOf(user),
    transport: transportFor(server, () => client),
  });
  return client;
}

const scopeOf = (user: User): ReplicaScope => ({ serverUrl: SERVER_URL, userId: user.id });

type Edit =
  | { kind: 'update'; content: string }
  | { kind: 'status'; status: 'not_started' | 'in_progress' | 'done' }
  | { kind: 'report'; percent: number }
  | { kind: 'extend'; day: number }
  | { kind: 'difficulties'; text: string }
  | { kind: 'create' };

type Step =
  | { op: 'edit'; client: number; task: number; edit: Edit }
  | { op: 'sync'; client: number }
  | { op: 'offline'; client: number }
  | { op: 'online'; client: number }
  | { op: 'loseAnswer'; client: number }
  | { op: 'duplicatePush'; client: number }
  | { op: 'crash'; client: number }
  | { op: 'restartServer' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('update' as const),
    content: fc.string({ minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.constantFrom('not_started' as const, 'in_progress' as const, 'done' as const),
  }),
  fc.record({ kind: fc.constant('report' as const), percent: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('extend' as const), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('difficulties' as const), text: fc.string({ maxLength: 12 }) }),
  fc.constant({ kind: 'create' as const }),
);

const stepArb = (clients: number): fc.Arbitrary<Step> => {
  const client = fc.integer({ min: 0, max: clients - 1 });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        op: fc.constant('edit' as const),
        client,
        task: fc.nat(),
        edit: editArb,
      }),
    },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('sync' as const), client }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('offline' as const), client }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('online' as const), client }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('loseAnswer' as const), client }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicatePush' as const), client }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('crash' as const), client }) },
    { weight: 1, arbitrary: fc.constant({ op: 'restartServer' as const }) },
  );
};

const scenarioArb = fc
  .record({
    users: fc.array(fc.constantFrom(...USERNAMES), { minLength: 2, maxLength: 3 }),
  })
  .chain(({ users: names }) =>
    fc.record({
      users: fc.constant(names),
      steps: fc.array(stepArb(names.length), { minLength: 1, maxLength: 30 }),
    }),
  );

function mutationFor(
  client: Client,
  taskIds: string[],
  step: Extract<Step, { op: 'edit' }>,
  n: number,
): TaskMutation {
  const taskId = taskIds[step.task % taskIds.length]!;
  const unique = `${client.user.id}-${n}-${Math.random().toString(36).slice(2, 10)}`;
  const seen = client.replica.getTask(scopeOf(client.user), taskId);
  switch (step.edit.kind) {
    case 'create':
      return {
        name: 'task.create',
        args: {
          task: {
            id: `new-${unique}`,
            meetingId: MEETING,
            conclusionRef: null,
            lead: { id: 'hd-so-tttt', name: 'Sở Thông tin và Truyền thông' },
            cooperating: [],
            content: 'Nhiệm vụ mới',
            dueDate: null,
            dueEvent: null,
            reportTo: null,
            recurrence: null,
          },
        },
      };
    case 'update':
      return {
        name: 'task.update',
        args: { taskId, fields: { content: step.edit.content.trim() || 'x' } },
      };
    case 'status':
      return {
        name: 'task.setStatus',
        args: { taskId, status: step.edit.status, seenStatusClock: seen?.statusClock ?? 0 },
      };
    case 'report':
      return {
        name: 'task.report',
        args: {
          taskId,
          reportId: `r-${unique}`,
          text: 'Báo cáo tiến độ',
          percent: step.edit.percent,
        },
      };
    case 'extend':
      return {
        name: 'task.extend',
        args: {
          taskId,
          extensionId: `e-${unique}`,
          newDue: `2027-01-${String(step.edit.day).padStart(2, '0')}`,
          reason: 'Chờ ý kiến của Bộ',
        },
      };
    case 'difficulties':
      return {
        name: 'task.setDifficulties',
        args: { taskId, difficulties: step.edit.text || null, proposals: null },
      };
  }
}

async function runScenario(scenario: { users: string[]; steps: Step[] }): Promise<void> {
  const root = fs.mkdtempSync(path.join(shmOrTmp(), 'phonghop-sync-run-'));
  const server = new TestServer(path.join(root, 'server'));
  fs.mkdirSync(server.dir);
  fs.copyFileSync(
    path.join(templateDir, 'phonghop.sqlite3'),
    path.join(server.dir, 'phonghop.sqlite3'),
  );
  await server.start();
  const clients = scenario.users.map((name, i) =>
    openClient(server, path.join(root, `client-${i}`), users.get(name)!, []),
  );
  const taskIds = [...seededTaskIds];
  try {
    let n = 0;
    for (const step of scenario.steps) {
      n += 1;
      if (step.op === 'restartServer') {
        await server.restart();
        continue;
      }
      const client = clients[step.client]!;
      switch (step.op) {
        case 'edit': {
          const mutation = mutationFor(client, taskIds, step, n);
          try {
            const id = client.replica.record(
              scopeOf(client.user),
              taskActorOf(client.user, meetingRoles.get(client.user.id)!),
              mutation,
              new Date(),
            );
            client.recorded.push(id);
            if (mutation.name === 'task.create') taskIds.push(mutation.args.task.id);
          } catch (error) {
            // Refused locally (not this user's agency, no such task yet on this replica): nothing recorded.
            if (!(error instanceof AppError)) throw error;
          }
          break;
        }
        case 'sync':
          await client.engine.syncOnce().catch((e: unknown) => {
            if (!(e instanceof AppError) || e.code !== 'unavailable') throw e;
          });
          break;
        case 'offline':
          client.online = false;
          break;
        case 'online':
          client.online = true;
          break;
        case 'loseAnswer':
          client.loseNextAnswer = true;
          break;
        case 'duplicatePush':
          // A proxy replaying the last request: the server must not apply anything twice.
          if (client.lastPush && client.online)
            await server.service.push(client.user, client.lastPush);
          break;
        case 'crash': {
          // The process dies: nothing in memory survives, the SQLite file does.
          client.db.close();
          clients[step.client] = openClient(server, client.dir, client.user, client.recorded);
          clients[step.client]!.online = client.online;
          break;
        }
      }
    }
    // Everyone back online; sync until the outboxes are empty, then once more to pull everything.
    for (const c of clients) {
      c.online = true;
      c.loseNextAnswer = false;
    }
    for (let round = 0; round < 3; round++) for (const c of clients) await c.engine.syncOnce();
    await assertConverged(server, clients);
  } finally {
    for (const c of clients) c.db.close();
    await server.opened.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function assertConverged(server: TestServer, clients: Client[]): Promise<void> {
  for (const c of clients) {
    const scope = scopeOf(c.user);
    expect(c.replica.pendingCount(scope)).toBe(0);
    const truth = await server.service.pull(c.user, {
      protocolVersion: 1,
      clientId: c.replica.meta(scope).clientId,
      since: 0,
    });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(c.replica.listTasks(scope).sort(byId)).toEqual(truth.tasks.sort(byId));

    // Exactly once: each recorded mutation id is in the audit log (applied) or among the
    // rejections, once, and never both.
    const clientId = c.replica.meta(scope).clientId;
    const applied = (
      await server.opened.db
        .selectFrom('audit_log')
        .select('details_json')
        .where('action', 'like', 'task.%')
        .execute()
    )
      .map((r) => JSON.parse(r.details_json ?? '{}') as { clientId?: string; mutationId?: number })
      .filter((d) => d.clientId === clientId)
      .map((d) => d.mutationId!);
    const rejected = (
      await server.opened.db
        .selectFrom('sync_rejections')
        .select('mutation_id')
        .where('client_id', '=', clientId)
        .execute()
    ).map((r) => Number(r.mutation_id));
    const processed = [...applied, ...rejected].sort((a, b) => a - b);
    expect(processed).toEqual([...c.recorded].sort((a, b) => a - b));
  }
}

describe('task sync', () => {
  it(
    `replicas converge to the server and every mutation is processed exactly once (${RUNS} random schedules)`,
    async () => {
      await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { numRuns: RUNS });
    },
    30 * 60_000,
  );
});
