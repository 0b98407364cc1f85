/**
 * The server on PostgreSQL: the same migrations, seed, REST and task sync as on SQLite, in a
 * fresh database per run. Runs where PHONGHOP_TEST_DATABASE_URL names a PostgreSQL server whose
 * role may create databases (.ci/run starts Debian's postgresql and sets it); skipped elsewhere.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../common/protocol/ApiClient';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import { ANNOTATION_SYNC_PROTOCOL_VERSION } from '../../common/protocol/annotationsApi';
import { AuditLog } from '../../sfu-server/src/db/repos/AuditLog';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer } from '../helpers/testServer';

const adminUrl = process.env.PHONGHOP_TEST_DATABASE_URL;
const database = `phonghop_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

describe.skipIf(!adminUrl)('server on PostgreSQL', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const databaseUrl = new URL(adminUrl!);
    databaseUrl.pathname = `/${database}`;
    ({ server, url } = await startTestServer({ databaseUrl: databaseUrl.toString(), workers: 1 }));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.end();
  });

  const apiAs = async (username: string) => {
    const anonymous = new ApiClient({ baseUrl: url });
    const { token } = await anonymous.call('login', {}, { username, password: DEMO_PASSWORD });
    return anonymous.withToken(token);
  };

  it('migrates, seeds the demo and serves meetings', async () => {
    const api = await apiAs('thuky');
    const { meetings } = await api.call('listMeetings');
    expect(meetings.map((m) => m.id)).toContain('hd-bcd-cds-2022-09-27');
    const health = await api.call('health');
    expect(health.status).toBe('ok');
  });

  it('applies a push once, rejects another agency’s change, and pulls by clock', async () => {
    const api = await apiAs('sotttt');
    const clientId = randomUUID();
    const push = {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          createdAt: new Date().toISOString(),
          mutation: {
            name: 'task.report' as const,
            args: {
              taskId: 'hd-bcd-cds-2022-09-27-task-2',
              reportId: 'pg-report-1',
              text: 'Đã trình dự thảo',
              percent: 60,
            },
          },
        },
        {
          id: 2,
          createdAt: new Date().toISOString(),
          mutation: {
            name: 'task.setStatus' as const,
            args: {
              taskId: 'hd-bcd-cds-2022-09-27-task-5',
              status: 'done' as const,
              seenStatusClock: 0,
            },
          },
        },
      ],
    };
    const first = await api.call('syncPush', {}, push);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const again = await api.call('syncPush', {}, push);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'rejected']);
    const pulled = await api.call(
      'syncPull',
      {},
      { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, since: 0 },
    );
    const task = pulled.tasks.find((t) => t.id === 'hd-bcd-cds-2022-09-27-task-2')!;
    expect(task.reports.filter((r) => r.id === 'pg-report-1')).toHaveLength(1);
    expect(pulled.rejections.map((r) => r.rejection.code)).toEqual(['not_lead_agency']);
    const later = await api.call(
      'syncPull',
      {},
      { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, since: pulled.clock },
    );
    expect(later.tasks).toEqual([]);
  });

  it('concurrent pushes from several clients get distinct clocks, and a pull sees every change', async () => {
    const api = await apiAs('thuky');
    const before = await api.call(
      'syncPull',
      {},
      { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: 0 },
    );
    const pushes = Array.from({ length: 8 }, (_, i) =>
      api.call(
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
                name: 'task.update',
                args: {
                  taskId: `hd-bcd-cds-2022-09-27-task-${i + 1}`,
                  fields: { reportTo: `Văn phòng UBND tỉnh ${i}` },
                },
              },
            },
          ],
        },
      ),
    );
    const answers = await Promise.all(pushes);
    expect(new Set(answers.map((a) => a.clock)).size).toBe(8);
    const after = await api.call(
      'syncPull',
      {},
      { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: before.clock },
    );
    expect(after.tasks.map((t) => t.reportTo).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `Văn phòng UBND tỉnh ${i}`).sort(),
    );
  });

  it('annotations: a shared stroke is applied once, pulled by a delegate, and a delegate may not share', async () => {
    const secretary = await apiAs('thuky');
    const delegate = await apiAs('gialoc');
    const agenda = await secretary.call('meetingAgenda', { id: 'hd-bcd-cds-2022-09-27' });
    const document = agenda.items[0]!.documents[0]!;
    const annotation = {
      id: randomUUID(),
      meetingId: 'hd-bcd-cds-2022-09-27',
      documentId: document.id,
      version: document.currentVersion,
      page: 1,
      color: '#d62828',
      shared: true,
      anchor: null,
      shape: {
        kind: 'ink' as const,
        strokes: [
          [
            [100, 200],
            [150, 250],
          ] as [number, number][],
        ],
        width: 2,
      },
    };
    const push = {
      protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION,
      clientId: randomUUID(),
      mutations: [
        {
          id: 1,
          createdAt: new Date().toISOString(),
          mutation: { name: 'annotation.create' as const, args: { annotation } },
        },
      ],
    };
    expect((await secretary.call('annotationsPush', {}, push)).results[0]!.status).toBe('applied');
    expect((await secretary.call('annotationsPush', {}, push)).results[0]!.status).toBe(
      'duplicate',
    );
    const pulled = await delegate.call(
      'annotationsPull',
      {},
      { protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: 0 },
    );
    expect(pulled.annotations.find((a) => a.id === annotation.id)).toMatchObject({
      shared: true,
      shape: annotation.shape,
    });
    // The delegate's own annotations: created shared, or private and then shared. Each share is
    // refused for the sharing rule; the first is not stored, the second stays private.
    const sharedByDelegate = { ...annotation, id: randomUUID() };
    const privateNote = { ...annotation, id: randomUUID(), shared: false };
    const stored = (id: string) =>
      server.database.db
        .selectFrom('annotations')
        .select(['shared', 'was_shared'])
        .where('id', '=', id)
        .executeTakeFirst();
    const createdAt = new Date().toISOString();
    const refused = await delegate.call(
      'annotationsPush',
      {},
      {
        protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION,
        clientId: randomUUID(),
        mutations: [
          {
            id: 1,
            createdAt,
            mutation: { name: 'annotation.create', args: { annotation: sharedByDelegate } },
          },
          {
            id: 2,
            createdAt,
            mutation: { name: 'annotation.create', args: { annotation: privateNote } },
          },
          {
            id: 3,
            createdAt,
            mutation: { name: 'annotation.setShared', args: { id: privateNote.id, shared: true } },
          },
        ],
      },
    );
    expect(
      refused.results.map((r) => (r.status === 'rejected' ? r.rejection.code : r.status)),
    ).toEqual(['share_not_allowed', 'applied', 'share_not_allowed']);
    expect(await stored(sharedByDelegate.id)).toBeUndefined();
    expect(await stored(privateNote.id)).toEqual({ shared: 0, was_shared: 0 });
    const secretaryView = await secretary.call(
      'annotationsPull',
      {},
      { protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: 0 },
    );
    expect(secretaryView.annotations.map((a) => a.id)).not.toContain(privateNote.id);
  });
  it('the audit log is append-only and chained on PostgreSQL too, also under concurrent writers', async () => {
    const db = server.database.db;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        new AuditLog(db).record({
          userId: null,
          action: 'test.parallel',
          subject: String(i),
          details: null,
        }),
      ),
    );
    expect(await new AuditLog(db).verify()).toMatchObject({ ok: true });
    await expect(
      db.updateTable('audit_log').set({ action: 'x' }).where('id', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});
