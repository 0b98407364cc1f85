/**
 * The audit log screen's route (issue #15 §2) against a real server and its SQLite database (demo
 * seed): filters by person, action prefix, meeting and Vietnam days return exactly the matching
 * rows, newest first, a page at a time; an export is recorded (issue #16); a delegate is refused
 * with 403 and nothing is recorded; an oversized page is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { ApiClient } from '../../common/protocol/ApiClient';
import { AuditLog } from '../../sfu-server/src/db/repos/AuditLog';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer } from '../helpers/testServer';

let server: Server;
let url: string;
let admin: ApiClient;
let adminId: string;
let delegate: ApiClient;
let delegateId: string;

async function signIn(username: string, password = DEMO_PASSWORD) {
  const anonymous = new ApiClient({ baseUrl: url, timeoutMs: 30_000 });
  const { token, user } = await anonymous.call('login', {}, { username, password });
  return { api: anonymous.withToken(token), id: user.id };
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

async function failSignIn(username: string): Promise<void> {
  const anonymous = new ApiClient({ baseUrl: url, timeoutMs: 30_000 });
  await refusal(anonymous.call('login', {}, { username, password: 'not-the-password' }));
}

async function rowCount(): Promise<number> {
  const row = await server.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  ({ server, url } = await startTestServer({ seedDemo: true, workers: 1 }));
  ({ api: admin, id: adminId } = await signIn('admin'));
  ({ api: delegate, id: delegateId } = await signIn('sotc'));
  await failSignIn('sotc');
  await failSignIn('sotc');
  const log = new AuditLog(server.database.db);
  // 00:30 on 5 March 2020 in Vietnam is still 4 March in UTC.
  await log.record(
    { userId: adminId, action: 'meeting.published', subject: 'audit-mtg-1', details: null },
    new Date('2020-03-04T17:30:00Z'),
  );
  await log.record(
    {
      userId: delegateId,
      action: 'invitation.answered',
      subject: 'inv-x',
      details: { meetingId: 'audit-mtg-1', answer: 'attend' },
    },
    new Date('2020-03-05T16:59:59Z'), // 23:59:59 on 5 March in Vietnam
  );
  await log.record(
    { userId: adminId, action: 'meeting.published', subject: 'audit-mtg-2', details: null },
    new Date('2020-03-05T17:00:00Z'), // 00:00 on 6 March in Vietnam
  );
}, 60_000);
afterAll(async () => server?.close());

describe('listAuditLog', () => {
  it('filters by person and action prefix, newest first, with names and parsed details', async () => {
    const { entries } = await admin.call(
      'listAuditLog',
      {},
      {},
      { userId: delegateId, action: 'auth.' },
    );
    expect(entries.map((e) => e.action)).toEqual([
      'auth.login_failed',
      'auth.login_failed',
      'auth.login',
    ]);
    expect(entries[2]!.user).toEqual({ id: delegateId, fullName: expect.any(String) });
    expect(entries[2]!.details).toMatchObject({ ip: expect.any(String) });
    expect(entries.every((e, i) => i === 0 || e.id < entries[i - 1]!.id)).toBe(true);
    const logins = await admin.call('listAuditLog', {}, {}, { action: 'auth.login_failed' });
    expect(logins.entries).toHaveLength(2);
    const several = await admin.call(
      'listAuditLog',
      {},
      {},
      {
        action: 'invitation.,meeting.',
        from: '2020-03-01',
        to: '2020-03-31',
      },
    );
    expect(several.entries.map((e) => e.subject)).toEqual(['audit-mtg-2', 'inv-x', 'audit-mtg-1']);
  });

  it('filters by meeting (subject or details) and by Vietnam days, bounds included', async () => {
    const meeting = await admin.call('listAuditLog', {}, {}, { meetingId: 'audit-mtg-1' });
    expect(meeting.entries.map((e) => [e.action, e.subject])).toEqual([
      ['invitation.answered', 'inv-x'],
      ['meeting.published', 'audit-mtg-1'],
    ]);
    expect(meeting.entries[0]!.details).toEqual({ meetingId: 'audit-mtg-1', answer: 'attend' });

    const day = await admin.call('listAuditLog', {}, {}, { from: '2020-03-05', to: '2020-03-05' });
    expect(day.entries.map((e) => e.subject)).toEqual(['inv-x', 'audit-mtg-1']);
    const before = await admin.call('listAuditLog', {}, {}, { to: '2020-03-04' });
    expect(before.entries).toEqual([]);
    const after = await admin.call(
      'listAuditLog',
      {},
      {},
      { from: '2020-03-06', to: '2020-03-06' },
    );
    expect(after.entries.map((e) => e.subject)).toEqual(['audit-mtg-2']);
  });

  it('pages with beforeId until nextBeforeId is null, every row once', async () => {
    const all = await admin.call('listAuditLog', {}, {}, { limit: 200 });
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await admin.call('listAuditLog', {}, {}, { limit: 2, beforeId });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      if (page.nextBeforeId === null) break;
      beforeId = page.nextBeforeId;
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a page over 200 rows and a malformed day with 400', async () => {
    expect((await refusal(admin.call('listAuditLog', {}, {}, { limit: 201 }))).status).toBe(400);
    expect((await refusal(admin.call('listAuditLog', {}, {}, { from: '5/3/2020' }))).status).toBe(
      400,
    );
  });

  it('refuses a delegate with 403 and records nothing', async () => {
    const before = await rowCount();
    expect((await refusal(delegate.call('listAuditLog', {}, {}, {}))).status).toBe(403);
    expect(
      (await refusal(delegate.call('auditExported', {}, { filter: {}, rows: 1 }))).status,
    ).toBe(403);
    expect(await rowCount()).toBe(before);
  });

  it('records an export with its filters as audit.exported', async () => {
    const filter = { action: 'auth.', from: '2020-03-05' };
    await admin.call('auditExported', {}, { filter, rows: 3 });
    const { entries } = await admin.call('listAuditLog', {}, {}, { action: 'audit.exported' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      user: { id: adminId },
      action: 'audit.exported',
      details: { filter, rows: 3 },
    });
    // Entries recorded with earlier times still chain (issue #16).
    expect(await new AuditLog(server.database.db).verify()).toMatchObject({ ok: true });
  });
});
