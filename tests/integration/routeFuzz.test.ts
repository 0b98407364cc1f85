/**
 * Every route of the served OpenAPI document (GET /api/openapi.json), as every kind of user, with
 * generated input (issue #16): a real server on 127.0.0.1 with the demo province, and for each
 * operation and each actor a few requests built by fast-check from the document's own schemas —
 * fitting values, ids of real objects (other meetings' among them) and hostile ones (huge strings,
 * wrong types, broken unicode, negative and enormous numbers, malformed bodies and files).
 *
 * For every request:
 * - the answer is never a 5xx;
 * - where the policy refuses the actor — the route's declared access (`auth`, `roles`) and, for
 *   routes about one meeting or invitation, common/domain/policy.ts over the database as it is
 *   just before the request — the answer is never a 2xx (nor a 3xx);
 * - an answer of 400 or more wrote nothing: every table's row count, the audit chain's tail, the
 *   connection's change counter and the stored files are as they were (sign-in failures excepted:
 *   they are recorded on purpose);
 * - a 2xx JSON answer fits the document's response schema, and an error answer its Error schema.
 *
 * Actors: the demo's admin, chair (chutri), secretary (thuky, also the Office's staff), delegate
 * (sotttt) and reporter (baocao); and, made through the directory API, a user of the Office only,
 * the chair of another meeting who is invited to no demo meeting, a user of no meeting — and
 * anonymous. Destructive routes stay in, with two precautions so later runs still have their
 * actors: `logout` signs out a fresh session of the actor, never the one the other runs use; and
 * an administrator allowed to reset, disable or edit a user is pointed only at throwaway users
 * (refused actors are pointed at everyone). Bounded: ROUTE_FUZZ_RUNS runs per operation and actor
 * (default 3), deterministic: ROUTE_FUZZ_SEED (printed with every failure).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, organisesMeetings, seesAllMeetings } from '../../common/domain/policy';
import type { Role } from '../../common/domain/user';
import { apiRoutes } from '../../common/protocol/api';
import {
  buildOpenApiDocument,
  type JsonObject,
  type OpenApiDocument,
} from '../../common/protocol/openapi';
import { streamedRoutes } from '../../common/protocol/streamedRoutes';
import type { Server } from '../../sfu-server/src/Server';
import { manyEmptyPages } from '../helpers/hostilePdf';
import {
  hostileArbitrary,
  hostileStrings,
  schemaArbitrary,
  type JsonSchema,
} from '../helpers/jsonSchemaArbitrary';
import { DEMO_PASSWORD, login, startTestServer } from '../helpers/testServer';

const SEED = Number(process.env.ROUTE_FUZZ_SEED ?? 20_260_916);
const RUNS = Number(process.env.ROUTE_FUZZ_RUNS ?? 3);
/** ROUTE_FUZZ_STATS=1 prints how often each route answered each status. */
const stats = process.env.ROUTE_FUZZ_STATS ? new Map<string, Record<number, number>>() : undefined;

const ACTORS = [
  'admin',
  'office',
  'chair',
  'secretary',
  'delegate',
  'reporter',
  'otherMeeting',
  'noMeeting',
  'anonymous',
] as const;
type Actor = (typeof ACTORS)[number];

const DEMO_USERNAMES: Partial<Record<Actor, string>> = {
  admin: 'admin',
  chair: 'chutri',
  secretary: 'thuky',
  delegate: 'sotttt',
  reporter: 'baocao',
};
const FIRST_PASSWORD = 'Khoi-Tao-Fuzz-2026!';
const OWN_PASSWORD = 'Doi-Moi-Fuzz-2026!';

/** Routes where an allowed administrator is pointed only at throwaway users. */
const USER_TARGETS = new Set(['resetUserPassword', 'setUserDisabled', 'updateUser']);

interface Operation {
  operationId: string;
  method: string;
  path: string;
  op: JsonObject;
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({
      operationId: op.operationId as string,
      method: method.toUpperCase(),
      path: p,
      op,
    })),
  );
}

// The names of the tests come from the tables; the requests, from the document the server serves.
const OPERATION_IDS = operationsOf(buildOpenApiDocument({ version: 'local' })).map(
  (o) => o.operationId,
);

let server: Server;
let url: string;
let dataDir: string;
let doc: OpenApiDocument;
let operations: Map<string, Operation>;
let ajv: Ajv2020;
const tokens = new Map<Actor, string>();
const userIds = new Map<Actor, string>();
const credentials = new Map<Actor, { username: string; password: string }>();
/** Users made to be reset, disabled and edited. */
const throwaway: string[] = [];
/** Real ids by kind, read after the set-up. */
let pools: Record<string, unknown[]>;
let tables: string[];
const validPdf = manyEmptyPages(1);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function call(
  method: string,
  route: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function ok(method: string, route: string, token: string, body?: unknown): Promise<any> {
  const res = await call(method, route, token, body);
  if (res.status >= 300)
    throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+07:00`;
};

/** A user made through the directory API; signed in with a password of their own if `actor`. */
async function makeUser(
  admin: string,
  username: string,
  roles: string[],
  place: { unitId: string; siteId: string },
  actor?: Actor,
): Promise<string> {
  const { user } = await ok('POST', '/api/admin/directory/users', admin, {
    fullName: `Người dùng thử ${username}`,
    title: 'Chuyên viên',
    ...place,
    roles,
    username,
    password: FIRST_PASSWORD,
  });
  if (actor) {
    const first = await login(url, username, FIRST_PASSWORD);
    await ok('POST', '/api/auth/password', first, {
      currentPassword: FIRST_PASSWORD,
      newPassword: OWN_PASSWORD,
    });
    tokens.set(actor, first);
    userIds.set(actor, user.id);
    credentials.set(actor, { username, password: OWN_PASSWORD });
  }
  return user.id as string;
}

async function column(query: string): Promise<string[]> {
  const { rows } = await sql.raw<{ v: unknown }>(query).execute(server.database.db);
  return [...new Set(rows.map((r) => String(r.v)))];
}

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1, loginRateLimit: 100_000 }));
  await server.pageTextsFilled;
  const served = await fetch(`${url}/api/openapi.json`);
  expect(served.status).toBe(200);
  doc = (await served.json()) as OpenApiDocument;
  operations = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
  expect([...operations.keys()].sort()).toEqual([...OPERATION_IDS].sort());
  ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema({ components: doc.components }, 'doc');

  for (const [actor, username] of Object.entries(DEMO_USERNAMES) as [Actor, string][]) {
    tokens.set(actor, await login(url, username));
    userIds.set(actor, username);
    credentials.set(actor, { username, password: DEMO_PASSWORD });
  }
  const admin = tokens.get('admin')!;
  const office = tokens.get('secretary')!;
  const { sites } = await ok('GET', '/api/plans/units-and-sites', office);
  const place = { unitId: sites[0].unit.id as string, siteId: sites[0].id as string };
  await makeUser(admin, 'fuzz.vanphong', ['office'], place, 'office');
  const chairOfOther = await makeUser(admin, 'fuzz.hopkhac', [], place, 'otherMeeting');
  await makeUser(admin, 'fuzz.mot.minh', [], place, 'noMeeting');
  for (const name of ['fuzz.thu.1', 'fuzz.thu.2', 'fuzz.thu.3'])
    throwaway.push(await makeUser(admin, name, [], place));

  // Another meeting, published, chaired by a user invited to no demo meeting, with an agenda
  // item and a document; and a draft only the Office sees.
  const plan = (title: string, chairUserId: string) => ({
    title,
    kind: 'working_meeting',
    startsAt: inDays(10, 8),
    endsAt: inDays(10, 10),
    chairUserId,
    secretaryUserId: null,
    preparingUnitId: null,
    hallSiteId: null,
    place: 'Phòng họp số 2',
    online: false,
    unitIds: [],
    siteIds: [],
    persons: [{ userId: throwaway[0], role: 'delegate' }],
    signer: null,
  });
  const other = await ok('POST', '/api/plans', office, plan('Cuộc họp khác', chairOfOther));
  const withAgenda = await ok('PUT', `/api/plans/${other.id}/agenda`, office, {
    items: [
      {
        title: 'Mục của cuộc họp khác',
        presentingUnitId: null,
        plannedStartMinutes: null,
        plannedMinutes: null,
      },
    ],
  });
  await ok('POST', `/api/plans/${other.id}/publish`, office);
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(validPdf)], { type: 'application/pdf' }),
    'tai-lieu-hop-khac.pdf',
  );
  const upload = await fetch(
    `${url}/api/meetings/${other.id}/agenda/${withAgenda.agenda[0].id}/documents`,
    { method: 'POST', headers: { authorization: `Bearer ${office}` }, body: form },
  );
  expect(upload.status).toBe(201);
  await ok('POST', '/api/plans', office, plan('Cuộc họp nháp', 'chutri'));
  const chairsIn = await server.database.db
    .selectFrom('meeting_participants')
    .select('meeting_id')
    .where('user_id', '=', chairOfOther)
    .execute();
  expect(chairsIn.map((r) => r.meeting_id)).toEqual([other.id]);

  pools = {
    meeting: await column('select id as v from meetings'),
    item: await column('select id as v from agenda_items'),
    document: await column('select id as v from documents'),
    version: await column('select version as v from document_versions'),
    task: await column('select id as v from tasks'),
    report: await column('select id as v from task_reports'),
    attachment: await column('select id as v from task_report_attachments'),
    unit: await column('select id as v from units'),
    site: await column('select id as v from sites'),
    user: await column('select id as v from users'),
    invitation: await column('select id as v from invitations'),
    bodyId: [1, 1, 2, ...(await column('select id as v from agenda_items'))],
    protocolVersion: [1, 2],
    clock: [0, 1],
    sha256: [
      ...(await column('select sha256 as v from document_versions')),
      ...(await column('select sha256 as v from task_report_attachments')),
    ],
  };
  tables = await column(
    "select name as v from sqlite_master where type = 'table' and name not like 'sqlite_%'",
  );
}, 120_000);

afterAll(async () => {
  if (stats)
    console.log(
      `\n${[...stats].map(([k, v]) => `${k.padEnd(24)} ${JSON.stringify(v)}`).join('\n')}`,
    );
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

// --- what the policy refuses ---------------------------------------------------------------

interface World {
  roles: Role[];
  unitId: string | undefined;
  meetings: Map<string, string>;
  /** The actor's role in each meeting they take part in. */
  meetingRoles: Map<string, string>;
  invitations: Map<string, { meetingId: string; unitId: string; userId: string | null }>;
}

async function readWorld(userId: string | undefined): Promise<World> {
  const db = server.database.db;
  const [roles, user, meetings, mine, invitations] = await Promise.all([
    db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', userId ?? '')
      .execute(),
    db
      .selectFrom('users')
      .select('unit_id')
      .where('id', '=', userId ?? '')
      .executeTakeFirst(),
    db.selectFrom('meetings').select(['id', 'status']).execute(),
    db
      .selectFrom('meeting_participants')
      .select(['meeting_id', 'meeting_role'])
      .where('user_id', '=', userId ?? '')
      .execute(),
    db.selectFrom('invitations').select(['id', 'meeting_id', 'unit_id', 'user_id']).execute(),
  ]);
  return {
    roles: roles.map((r) => r.role as Role),
    unitId: user?.unit_id,
    meetings: new Map(meetings.map((m) => [m.id, m.status])),
    meetingRoles: new Map(mine.map((m) => [m.meeting_id, m.meeting_role])),
    invitations: new Map(
      invitations.map((i) => [
        i.id,
        { meetingId: i.meeting_id, unitId: i.unit_id, userId: i.user_id },
      ]),
    ),
  };
}

const MEETING_READS = new Set([
  'getMeeting',
  'meetingAgenda',
  'searchMeetingDocuments',
  'versionContent',
]);
const MEETING_MANAGES = new Set(['setCurrentAgendaItem', 'uploadDocument', 'uploadVersion']);
const MEETING_ORGANISES = new Set(['updateMeeting', 'publishMeeting', 'setMeetingStatus']);
const INVITATION_ROUTES = new Set(['invitationPeople', 'markInvitationSeen', 'answerInvitation']);

/**
 * Why the policy refuses `actor` this request, or undefined when it does not (or when the answer
 * depends on more than role and participation: then only "never 5xx" and "nothing written on an
 * error" are checked).
 */
function refusal(
  operationId: string,
  actor: Actor,
  params: Record<string, string>,
  world: World,
): string | undefined {
  const def = (apiRoutes as Record<string, { auth: boolean; roles?: readonly string[] }>)[
    operationId
  ] ??
    (streamedRoutes as Record<string, { auth: boolean; roles?: readonly string[] }>)[
      operationId
    ] ?? { auth: true };
  if (!def.auth) return undefined;
  if (actor === 'anonymous') return 'not signed in';
  const roles = world.roles;
  if (def.roles && !roles.some((r) => def.roles!.includes(r)))
    return `system roles ${roles.join(',') || 'none'} not in ${def.roles.join(',')}`;
  const office = organisesMeetings(roles);
  if (INVITATION_ROUTES.has(operationId)) {
    const invitation = world.invitations.get(params.id ?? '');
    if (!invitation) return undefined;
    const mine = invitation.userId
      ? invitation.userId === userIds.get(actor)
      : invitation.unitId === world.unitId;
    if (!mine) return 'not the invitation’s addressee';
    if (world.meetings.get(invitation.meetingId) === 'draft') return 'invitation of a draft';
    return undefined;
  }
  const status = world.meetings.get(params.id ?? '');
  if (!status) return undefined;
  const role = world.meetingRoles.get(params.id!) ?? null;
  const seen = (office || status !== 'draft') && (seesAllMeetings(roles) || role !== null);
  if (MEETING_READS.has(operationId)) return seen ? undefined : 'not invited to the meeting';
  if (MEETING_MANAGES.has(operationId))
    return seen && can(role, 'agenda.manage', roles) ? undefined : 'may not manage the agenda';
  if (MEETING_ORGANISES.has(operationId)) return office ? undefined : 'not the Office’s staff';
  switch (operationId) {
    case 'joinTicket':
      return role !== null && status !== 'draft' ? undefined : 'not a participant';
    case 'getMeetingPlan':
      return office || can(role, 'agenda.manage', roles) ? undefined : 'may not see the plan';
    case 'updateAgenda':
      return can(role, 'agenda.manage', roles) ? undefined : 'may not manage the agenda';
    case 'invitationPdf': {
      if (office) return undefined;
      if (status === 'draft') return 'draft';
      const addressed = [...world.invitations.values()].some(
        (i) =>
          i.meetingId === params.id &&
          (i.userId === userIds.get(actor) || i.unitId === world.unitId),
      );
      return addressed || role !== null ? undefined : 'not invited to the meeting';
    }
    default:
      return undefined;
  }
}

// --- what a request may have written -------------------------------------------------------

function countFiles(dir: string): number {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countFiles(path.join(dir, entry.name));
    else if (!/\.sqlite3(-wal|-shm|-journal)?$/.test(entry.name)) n++;
  }
  return n;
}

async function snapshot(): Promise<Record<string, unknown>> {
  const counts = tables.map((t) => sql`select ${t} as t, count(*) as n from ${sql.table(t)}`);
  const [rows, tail, changes] = await Promise.all([
    sql<{ t: string; n: number }>`${sql.join(counts, sql` union all `)}`.execute(
      server.database.db,
    ),
    sql<{
      id: number;
      hash: string | null;
    }>`select id, hash from audit_log order by id desc limit 1`.execute(server.database.db),
    sql<{ c: number }>`select total_changes() as c`.execute(server.database.db),
  ]);
  return {
    rows: Object.fromEntries(rows.rows.map((r) => [r.t, Number(r.n)])),
    auditTail: tail.rows[0] ?? null,
    changes: Number(changes.rows[0]!.c),
    files: countFiles(dataDir),
  };
}

// --- generated requests --------------------------------------------------------------------

interface GeneratedRequest {
  params: Record<string, string>;
  /** In order; a name may come twice. */
  query: [string, string][];
  /** Anonymous only: an Authorization header that is no live session. */
  badAuthorization: string | undefined;
  headers: Record<string, string>;
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown; contentType: string }
    | { kind: 'raw'; text: string; contentType: string }
    | {
        kind: 'multipart';
        file: Uint8Array | null;
        fileName: string;
        fields: unknown;
        twoFiles: boolean;
      }
    | { kind: 'bytes'; bytes: Uint8Array; hashInPath: boolean };
}

/** Lone surrogates replaced, so the value can go into a URL; at most 8,000 characters. */
function urlSafe(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text
    .slice(0, 8_000)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const PATH_POOLS: Record<string, string> = {
  meetings: 'meeting',
  plans: 'meeting',
  invitations: 'invitation',
  units: 'unit',
  sites: 'site',
  users: 'user',
};
const NAME_POOLS: Record<string, string> = {
  // A body's `id`: an agenda item's (updateAgenda), or a mutation's, which must start at 1.
  id: 'bodyId',
  meetingId: 'meeting',
  itemId: 'item',
  currentItemId: 'item',
  documentId: 'document',
  taskId: 'task',
  reportId: 'report',
  attachmentId: 'attachment',
  sha256: 'sha256',
  userId: 'user',
  chairUserId: 'user',
  secretaryUserId: 'user',
  attendeeUserId: 'user',
  proxyUserId: 'user',
  unitId: 'unit',
  parentId: 'unit',
  successorId: 'unit',
  preparingUnitId: 'unit',
  presentingUnitId: 'unit',
  leadUnitId: 'unit',
  siteId: 'site',
  hallSiteId: 'site',
  protocolVersion: 'protocolVersion',
  since: 'clock',
  mutationId: 'clock',
};

/**
 * A fitting push numbers its mutations 1, 2, 3 …: a new client's outbox starts at 1, so the
 * server gets past "out of order" to apply or reject each one.
 */
function inOrder(value: unknown): unknown {
  const mutations = (value as { mutations?: unknown } | null)?.mutations;
  if (!Array.isArray(mutations)) return value;
  return {
    ...(value as object),
    mutations: mutations.map((m, i) =>
      m !== null && typeof m === 'object' && !Array.isArray(m) ? { ...m, id: i + 1 } : m,
    ),
  };
}

function requestArbitrary(operation: Operation, actor: Actor): fc.Arbitrary<GeneratedRequest> {
  const { op } = operation;
  const def =
    (apiRoutes as Record<string, { roles?: readonly string[] }>)[operation.operationId] ?? {};
  // An administrator allowed to change users is pointed only at throwaway ones.
  const protectUsers =
    USER_TARGETS.has(operation.operationId) && actor === 'admin' && def.roles?.includes('admin');
  const poolOf = (kind: string | undefined): readonly unknown[] | undefined => {
    if (!kind) return undefined;
    if (kind === 'user' && protectUsers) return throwaway;
    return pools[kind];
  };
  const everyId = Object.entries(pools)
    .filter(([kind]) => !(kind === 'user' && protectUsers))
    .flatMap(([, ids]) => ids);
  const hostile = hostileArbitrary(everyId);
  const resolve = (ref: string) =>
    ref
      .slice(2)
      .split('/')
      .reduce<any>((node, key) => node[key], doc) as JsonSchema;
  const options = (hostileWeight: number, pathKind?: string) => ({
    resolve,
    poolFor: (name: string | undefined) =>
      poolOf(pathKind ?? (name ? NAME_POOLS[name] : undefined)),
    hostileWeight,
    hostile,
  });
  const parameters = (op.parameters as JsonObject[] | undefined) ?? [];
  const segments = operation.path.split('/');

  const pathParams = fc.record(
    Object.fromEntries(
      parameters
        .filter((p) => p.in === 'path')
        .map((p) => {
          const name = p.name as string;
          const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
          const kind =
            name === 'id'
              ? (PATH_POOLS[before] ?? 'meeting')
              : name === 'version'
                ? 'version'
                : NAME_POOLS[name];
          return [
            name,
            fc
              .oneof(
                // Mostly real ids, so the request reaches the handler's own checks.
                ...(kind && poolOf(kind)?.length
                  ? [{ weight: 6, arbitrary: fc.constantFrom(...poolOf(kind)!) }]
                  : []),
                { weight: 3, arbitrary: schemaArbitrary(p.schema as JsonSchema, options(0, kind)) },
                { weight: 1, arbitrary: fc.constantFrom(...hostileStrings) },
              )
              .map(urlSafe)
              // "." and ".." would be resolved away by the URL before the server sees them.
              .map((v) => (v === '.' || v === '..' || v === '' ? `${v}_` : v)),
          ];
        }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;

  const queryParams = parameters.filter((p) => p.in === 'query');
  const query = fc
    .tuple(
      fc.record(
        Object.fromEntries(
          queryParams.map((p) => [
            p.name as string,
            fc.option(schemaArbitrary(p.schema as JsonSchema, options(1)).map(urlSafe), {
              nil: undefined,
              freq: p.required ? 8 : 2,
            }),
          ]),
        ),
      ),
      // Now and then a parameter the route does not know, or one it knows twice over.
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constantFrom('zzz', '__proto__', 'q', 'limit'), fc.string()),
        },
      ),
    )
    .map(([known, extra]) => {
      const q: [string, string][] = [];
      for (const [k, v] of Object.entries(known)) if (v !== undefined) q.push([k, v as string]);
      if (extra) q.push([extra[0], urlSafe(extra[1])]);
      return q;
    });

  const badAuthorization =
    actor === 'anonymous'
      ? fc.constantFrom(
          undefined,
          undefined,
          'Bearer',
          'Bearer ',
          `Bearer ${'x'.repeat(300)}`,
          'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          'Basic YWRtaW46UGhvbmdIb3BAMjAyNg==',
          REVOKED,
        )
      : fc.constant(undefined);

  const headerParams = parameters.filter((p) => p.in === 'header').map((p) => p.name as string);
  const headers = fc.record(
    {
      ...(headerParams.includes('Range')
        ? {
            range: fc.constantFrom(
              'bytes=0-99',
              'bytes=-10',
              'bytes=100-',
              'bytes=5-1',
              'bytes=0-0,2-3',
              'bytes=abc',
              'items=0-1',
              'bytes=99999999999999999999-',
            ),
          }
        : {}),
      ...(headerParams.includes('If-None-Match')
        ? {
            'if-none-match': fc.oneof(
              fc.constantFrom('*', '"x"', 'W/"y"'),
              fc.constantFrom(...pools.sha256!).map((s) => `"${String(s)}"`),
            ),
          }
        : {}),
      ...(headerParams.includes('If-Range')
        ? { 'if-range': fc.constantFrom('"x"', 'Wed, 21 Oct 2015 07:28:00 GMT') }
        : {}),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;

  const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> })
    ?.content;
  let body: fc.Arbitrary<GeneratedRequest['body']> = fc.constant({ kind: 'none' as const });
  if (content?.['application/json']) {
    const schema = content['application/json'].schema!;
    const contentType = fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
    );
    body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('json' as const),
          value: schemaArbitrary(schema, options(0)).map(inOrder),
          contentType: fc.constant('application/json'),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('json' as const),
          value: schemaArbitrary(schema, options(1)),
          contentType,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('json' as const), value: hostile, contentType }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('raw' as const),
          text: fc.constantFrom(
            '{"a":',
            '',
            'null',
            '[1,2',
            '\u0000',
            '{"x":1}{"y":2}',
            'x'.repeat(1_100_000),
          ),
          contentType: fc.constant('application/json'),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    );
  } else if (content?.['multipart/form-data']) {
    const schema = content['multipart/form-data'].schema! as {
      properties: Record<string, JsonSchema>;
    };
    const { file: _file, ...fieldProps } = schema.properties;
    body = fc.record({
      kind: fc.constant('multipart' as const),
      file: fc.oneof(
        { weight: 3, arbitrary: fc.constant(validPdf) },
        { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2_048 }) },
        {
          weight: 2,
          arbitrary: fc.constantFrom<Uint8Array | null>(
            Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'),
            Buffer.alloc(0),
            png,
            null,
          ),
        },
      ),
      fileName: fc.oneof(
        fc.constantFrom('tai-lieu.pdf', 'Báo cáo tiến độ.pdf', '../../x.pdf', 'a\\b.pdf', '.pdf'),
        fc.string({ maxLength: 40 }),
      ),
      fields: schemaArbitrary({ type: 'object', properties: fieldProps }, options(1)),
      twoFiles: fc.boolean(),
    });
  } else if (content?.['application/octet-stream']) {
    body = fc.record({
      kind: fc.constant('bytes' as const),
      bytes: fc.oneof(
        fc.constantFrom<Uint8Array>(validPdf, png, Buffer.alloc(0)),
        fc.uint8Array({ maxLength: 4_096 }),
      ),
      hashInPath: fc.boolean(),
    });
  }
  return fc.record({ params: pathParams, query, headers, body, badAuthorization }).map((request) =>
    request.body.kind === 'bytes' && request.body.hashInPath
      ? {
          ...request,
          params: {
            ...request.params,
            sha256: createHash('sha256').update(request.body.bytes).digest('hex'),
          },
        }
      : request,
  );
}

function requestInit(
  method: string,
  request: GeneratedRequest,
  token: string | undefined,
): RequestInit {
  const headers: Record<string, string> = { ...request.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = request.body;
  switch (body.kind) {
    case 'none':
      return { method, headers };
    case 'json':
      return body.value === undefined
        ? { method, headers }
        : {
            method,
            headers: { ...headers, 'content-type': body.contentType },
            body: JSON.stringify(body.value),
          };
    case 'raw':
      return { method, headers: { ...headers, 'content-type': body.contentType }, body: body.text };
    case 'multipart': {
      const form = new FormData();
      const fields =
        body.fields !== null && typeof body.fields === 'object' && !Array.isArray(body.fields)
          ? (body.fields as Record<string, unknown>)
          : { title: body.fields };
      for (const [key, value] of Object.entries(fields)) form.append(key, urlSafe(value));
      const files = body.file ? (body.twoFiles ? 2 : 1) : 0;
      for (let i = 0; i < files; i++)
        form.append(
          'file',
          new Blob([body.file as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
          urlSafe(body.fileName),
        );
      return { method, headers, body: form };
    }
    case 'bytes':
      return {
        method,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: body.bytes as Uint8Array<ArrayBuffer>,
      };
  }
}

function urlOf(operation: Operation, request: GeneratedRequest): string {
  const pathPart = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(request.params[name] ?? ''),
  );
  const search = new URLSearchParams(request.query).toString();
  return `${url}${pathPart}${search ? `?${search}` : ''}`;
}

/** The validator of the component a `{ $ref }` names. */
function validatorOf(schema: unknown) {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return ref ? ajv.getSchema(`doc${ref}`) : undefined;
}

/** Stands for a token signed out by an earlier `logout` run (see `revoked`). */
const REVOKED = 'revoked';
/** Tokens `logout` runs signed out: sent by anonymous, they must be worth nothing. */
const revoked: string[] = [];

async function tokenFor(actor: Actor, operationId: string): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  // Signing out ends the session it is sent with: a fresh one, so the other runs keep theirs.
  if (operationId === 'logout') {
    const { username, password } = credentials.get(actor)!;
    return login(url, username, password);
  }
  return tokens.get(actor);
}

async function check(operation: Operation, actor: Actor, request: GeneratedRequest) {
  const token = await tokenFor(actor, operation.operationId);
  // The generated value stays as fast-check made it (it may replay it while shrinking).
  if (request.badAuthorization)
    request = {
      ...request,
      headers: {
        ...request.headers,
        authorization:
          request.badAuthorization === REVOKED
            ? `Bearer ${revoked.at(-1) ?? 'x'.repeat(43)}`
            : request.badAuthorization,
      },
    };
  const world = await readWorld(userIds.get(actor));
  const refused = refusal(operation.operationId, actor, request.params, world);
  const before = await snapshot();
  const res = await fetch(urlOf(operation, request), {
    ...requestInit(operation.method, request, token),
    signal: AbortSignal.timeout(60_000),
  });
  const type = res.headers.get('content-type') ?? '';
  const text = Buffer.from(await res.arrayBuffer());
  const after = await snapshot();
  if (operation.operationId === 'logout' && res.ok && token) revoked.push(token);
  const json = type.includes('json') && text.length ? JSON.parse(text.toString('utf8')) : undefined;
  if (stats) {
    const key = `${operation.operationId}`;
    const row = stats.get(key) ?? {};
    row[res.status] = (row[res.status] ?? 0) + 1;
    stats.set(key, row);
    if (res.status === 400 && json) {
      const why = `${key} 400 ${String(json.error?.message).slice(0, 90)}`;
      stats.set(why, { [res.status]: (stats.get(why)?.[res.status] ?? 0) + 1 });
    }
  }
  const what = `${operation.method} ${operation.path} as ${actor} → ${res.status} ${
    json ? JSON.stringify(json).slice(0, 300) : ''
  }`;
  expect(res.status, `5xx: ${what}`).toBeLessThan(500);
  if (refused) expect(res.status, `refused (${refused}) but: ${what}`).toBeGreaterThanOrEqual(400);
  if (res.status >= 400 && operation.operationId !== 'login')
    expect(after, `wrote on a refusal: ${what}`).toEqual(before);
  const responses = operation.op.responses as Record<
    string,
    { content?: Record<string, { schema?: unknown }>; $ref?: string }
  >;
  if (res.status < 300 && json !== undefined) {
    const validate = validatorOf(
      responses[String(res.status)]?.content?.['application/json']?.schema,
    );
    expect(validate, `no JSON schema for ${what}`).toBeTypeOf('function');
    expect(
      validate!(json),
      `answer unlike the document: ${what}: ${JSON.stringify(validate!.errors)}`,
    ).toBe(true);
  }
  if (res.status >= 400 && json !== undefined) {
    const validate = ajv.getSchema('doc#/components/schemas/Error')!;
    expect(validate(json), `error unlike the document: ${what}`).toBe(true);
  }
}

/** fast-check's report, with long runs of one character shortened and the cause first. */
function failureText(error: unknown): string {
  const squeeze = (text: string) =>
    text.replace(/(.)\1{40,}/gsu, (run, c: string) => `${c.repeat(8)}…(${run.length})`);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const report = error instanceof Error ? error.message : String(error);
  return `${squeeze(cause).slice(0, 2_000)}\n${squeeze(report).slice(0, 2_000)}`;
}

describe('what fails before a route runs', () => {
  it('a path parameter over the router’s limit and a URL over the header limit answer in the shared error shape', async () => {
    const error = ajv.getSchema('doc#/components/schemas/Error')!;
    const long = await fetch(`${url}/api/meetings/${'x'.repeat(200)}`);
    expect(long.status).toBe(400);
    const longBody = await long.json();
    expect(error(longBody)).toBe(true);
    expect(longBody.error.code).toBe('invalid');
    const huge = await fetch(`${url}/api/meetings/${'ậ'.repeat(8_000)}`);
    expect(huge.status).toBe(431);
    const hugeBody = await huge.json();
    expect(error(hugeBody)).toBe(true);
    expect(hugeBody.error.code).toBe('too_large');
    // The server still answers afterwards.
    expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
  });
});

describe('every route of /api/openapi.json as every actor, with generated input', () => {
  OPERATION_IDS.forEach((operationId, opIndex) => {
    it(`${operationId}: never 5xx, never 2xx where refused, nothing written on an error`, async () => {
      const operation = operations.get(operationId)!;
      for (const [actorIndex, actor] of ACTORS.entries()) {
        const seed = SEED + opIndex * 100 + actorIndex;
        try {
          await fc.assert(
            fc.asyncProperty(requestArbitrary(operation, actor), (request) =>
              check(operation, actor, request),
            ),
            { seed, numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
          );
        } catch (error) {
          // fast-check's own report quotes whole counterexamples (strings of 300 kB): the
          // shortened one is the cause a person reads.
          // eslint-disable-next-line preserve-caught-error
          throw new Error(
            `${operationId} as ${actor} (ROUTE_FUZZ_SEED=${SEED}, seed ${seed}):\n${failureText(error)}`,
          );
        }
      }
    }, 120_000);
  });
});
