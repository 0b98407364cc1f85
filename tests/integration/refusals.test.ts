/**
 * Refusals a user would notice on the REST API (issue #16), against a real server on 127.0.0.1
 * with the demo province: which meetings a person is listed, another meeting's detail, a new
 * document version by a delegate, and files on another agency's task. Each refusal is checked
 * for its status and code and for what it did not do: the rows it would have written, the files
 * it would have stored and the audit log are as they were. Each test also shows the same request
 * succeeding for someone who may make it, so a refusal cannot pass for a malformed request.
 * (Policy: common/domain/policy.ts; refusals of the signaling socket and the meeting channel:
 * signalingRefusals.test.ts.)
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPath } from '../../common/protocol/api';
import { documentPaths } from '../../common/protocol/documentsApi';
import { taskAttachmentPaths } from '../../common/protocol/tasksApi';
import type { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer } from '../helpers/testServer';

const PAST_MEETING = 'hd-bcd-cds-2022-09-27';
/** A task of the past meeting whose lead agency is Sở Thông tin và Truyền thông. */
const TTTT_TASK = `${PAST_MEETING}-task-2`;

let server: Server;
let url: string;
let dataDir: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1 }));
  for (const u of ['thuky', 'chutri', 'sotttt', 'sotc', 'kinhmon', 'baocao', 'admin'])
    tokens[u] = await login(url, u);
}, 60_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function send(
  method: 'GET' | 'POST' | 'PUT',
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Rows in `table`, optionally only those `where` (SQL over the table's columns) holds for. */
async function count(table: string, where = sql`1 = 1`): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(server.database.db);
  return Number(rows[0]!.n);
}

const auditRows = () => count('audit_log');

const filesIn = (dir: string): string[] =>
  fs.existsSync(path.join(dataDir, dir)) ? fs.readdirSync(path.join(dataDir, dir)).sort() : [];

const meetingIds = async (token: string): Promise<string[]> => {
  const list = await getJson(`${url}/api/meetings`, token);
  expect(list.status).toBe(200);
  return list.body.meetings.map((m: { id: string }) => m.id);
};

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+07:00`;
};

describe('GET /api/meetings lists a person only the meetings they take part in', () => {
  let meetingId: string;

  beforeAll(async () => {
    // The Office plans a meeting of chutri (chair), thuky (secretary) and sotttt alone.
    const created = await send('POST', '/api/plans', tokens.thuky!, {
      title: 'Họp tổ công tác chuyển đổi số',
      kind: 'working_meeting',
      startsAt: inDays(5, 8),
      endsAt: inDays(5, 10),
      chairUserId: 'chutri',
      secretaryUserId: 'thuky',
      preparingUnitId: 'hp-vp-ubnd',
      hallSiteId: null,
      place: 'Phòng họp số 2, Trụ sở UBND thành phố',
      online: true,
      unitIds: [],
      siteIds: [],
      persons: [{ userId: 'sotttt', role: 'delegate' }],
      signer: null,
    });
    expect(created.status).toBe(200);
    meetingId = created.body.id;
  });

  it('a draft is listed to none of its invitees, not even its chair, and its detail answers 404', async () => {
    // The Office sees it, and its chair and delegate are its participants already.
    expect(await meetingIds(tokens.thuky!)).toContain(meetingId);
    expect(await count('meeting_participants', sql`meeting_id = ${meetingId}`)).toBe(3);
    for (const invitee of ['chutri', 'sotttt']) {
      expect(await meetingIds(tokens[invitee]!)).not.toContain(meetingId);
      const detail = await getJson(`${url}/api/meetings/${meetingId}`, tokens[invitee]);
      expect(detail.status).toBe(404);
      expect(detail.body.error.code).toBe('not_found');
    }
  });

  it('published, it is listed to its delegate and its chair, and not to a delegate who is not invited', async () => {
    const published = await send('POST', `/api/plans/${meetingId}/publish`, tokens.thuky!);
    expect(published.status).toBe(200);
    expect(await meetingIds(tokens.sotttt!)).toContain(meetingId);
    expect(await meetingIds(tokens.chutri!)).toContain(meetingId);

    const kinhmon = await meetingIds(tokens.kinhmon!);
    expect(kinhmon).not.toContain(meetingId);
    // Exactly the meetings kinhmon takes part in (the three demo meetings), none other.
    const own = await server.database.db
      .selectFrom('meeting_participants')
      .select('meeting_id')
      .where('user_id', '=', 'kinhmon')
      .execute();
    expect(own).toHaveLength(3);
    expect(kinhmon.sort()).toEqual(own.map((r) => r.meeting_id).sort());
  });

  it.each([
    ['GET', '/api/meetings/:id'],
    ['GET', '/api/meetings/:id/agenda'],
    ['GET', `/api/meetings/:id/search?q=${encodeURIComponent('chuyển đổi số')}`],
    ['POST', '/api/meetings/:id/join-ticket'],
  ] as const)(
    '%s %s answers 403 to a delegate not invited, and writes nothing',
    async (method, template) => {
      const route = template.replace(':id', meetingId);
      const body = method === 'POST' ? {} : undefined;
      const audits = await auditRows();
      const refused = await send(method, route, tokens.kinhmon!, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect(await auditRows()).toBe(audits);
      // The same request by its invited delegate is answered.
      expect((await send(method, route, tokens.sotttt!, body)).status).toBe(200);
    },
  );
});

describe('a new version of an agenda document', () => {
  it('by a delegate is refused 403: no version row, no file under documents/, no audit row', async () => {
    const agenda = await getJson(`${url}/api/meetings/${PAST_MEETING}/agenda`, tokens.sotttt);
    expect(agenda.status).toBe(200);
    const document = agenda.body.items[0].documents[0] as { id: string; currentVersion: number };
    // The delegate has the document (a real PDF) and sends it back as a new version.
    const content = await fetch(
      `${url}${buildPath(documentPaths.versionContent, {
        id: PAST_MEETING,
        documentId: document.id,
        version: String(document.currentVersion),
      })}`,
      { headers: { authorization: `Bearer ${tokens.sotttt}` } },
    );
    expect(content.status).toBe(200);
    const bytes = new Uint8Array(await content.arrayBuffer());
    const upload = async (token: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'ban-sua-doi.pdf');
      const res = await fetch(
        `${url}${buildPath(documentPaths.uploadVersion, { id: PAST_MEETING, documentId: document.id })}`,
        { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
      );
      return { status: res.status, body: (await res.json()) as any };
    };
    const stored = async () => ({
      files: filesIn('documents'),
      versions: await count('document_versions', sql`document_id = ${document.id}`),
      current: (
        await server.database.db
          .selectFrom('documents')
          .select('current_version')
          .where('id', '=', document.id)
          .executeTakeFirstOrThrow()
      ).current_version,
      audits: await auditRows(),
    });

    const before = await stored();
    const refused = await upload(tokens.sotttt!);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/chair or the secretary/),
    });
    expect(await stored()).toEqual(before);

    // The same file from the meeting's secretary becomes the next version.
    const accepted = await upload(tokens.thuky!);
    expect(accepted.status).toBe(201);
    const after = await stored();
    expect(after.versions).toBe(before.versions + 1);
    expect(after.current).toBe(before.current + 1);
    expect(after.files).toHaveLength(before.files.length + 1);
  });
});

describe('files of a progress report on another agency’s task', () => {
  it('are refused: 403 to a delegate of another agency, 404 to one who cannot see the task; nothing stored', async () => {
    const bytes = new TextEncoder().encode(
      `%PDF-1.7\n% ${randomUUID()}\n1 0 obj << >> endobj\n%%EOF\n`,
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = async (token: string) => {
      const res = await fetch(
        `${url}${buildPath(taskAttachmentPaths.upload, { taskId: TTTT_TASK, sha256 })}`,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/octet-stream',
          },
          body: bytes,
        },
      );
      return { status: res.status, body: (await res.json()) as any };
    };
    const stored = async () => ({
      files: filesIn('task-attachments'),
      blobs: await count('task_attachment_blobs'),
      uploads: await count('task_attachment_uploads', sql`task_id = ${TTTT_TASK}`),
      audits: await auditRows(),
    });

    const before = await stored();
    // Sở Tài chính takes part in the meeting and reads the task, but does not lead it.
    const otherAgency = await put(tokens.sotc!);
    expect(otherAgency.status).toBe(403);
    expect(otherAgency.body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/lead agency/),
    });
    expect(await stored()).toEqual(before);
    // The administrator is not invited to the meeting: the task is not theirs to see.
    const outsider = await put(tokens.admin!);
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('not_found');
    expect(await stored()).toEqual(before);

    // A member of the lead agency stores the same file.
    const lead = await put(tokens.baocao!);
    expect(lead.status).toBe(201);
    const after = await stored();
    expect(after.files).toEqual([...before.files, sha256].sort());
    expect(after.uploads).toBe(before.uploads + 1);
  });
});
