import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPath } from '../../common/protocol/api';
import { documentPaths } from '../../common/protocol/documentsApi';
import { openDatabase } from '../../sfu-server/src/db/database';
import * as m0001 from '../../sfu-server/src/db/migrations/0001_initial';
import { parseByteRange } from '../../sfu-server/src/documents/byteRange';
import type { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer, tempDir } from '../helpers/testServer';

const MEETING = 'hd-ubnd-upcoming';
const ITEM = `${MEETING}-item-1`;
const CAP = 48 * 1024;

let server: Server;
let url: string;
let dataDir: string;
let tokens: Record<'chair' | 'secretary' | 'delegate' | 'admin' | 'outsider', string>;

/** A small real PDF with one line of text per page. */
async function makePdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    page.drawText(text, { x: 50, y: 780, size: 14, font });
  }
  return doc.save();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'phonghop.sqlite3'), { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/** What an upload may leave behind: files in the documents folder and rows. */
function storedState() {
  return {
    files: fs.readdirSync(path.join(dataDir, 'documents')).sort(),
    rows: readDb((db) => ({
      documents: db.prepare('SELECT count(*) AS n FROM documents').get(),
      versions: db.prepare('SELECT count(*) AS n FROM document_versions').get(),
    })),
  };
}

async function upload(
  route: string,
  token: string,
  file: { bytes: Uint8Array; name: string } | null,
  fields: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append('file', new Blob([file.bytes as BlobPart], { type: 'application/pdf' }), file.name);
  const res = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

const newDocumentPath = (itemId = ITEM, meetingId = MEETING) =>
  buildPath(documentPaths.uploadDocument, { id: meetingId, itemId });
const newVersionPath = (documentId: string) =>
  buildPath(documentPaths.uploadVersion, { id: MEETING, documentId });
const contentUrl = (documentId: string, version: number, meetingId = MEETING) =>
  `${url}${buildPath(documentPaths.versionContent, { id: meetingId, documentId, version: String(version) })}`;

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1, maxUploadBytes: CAP }));
  // kinhmon stays invited to the other meetings, but not to this one.
  const db = new Database(path.join(dataDir, 'phonghop.sqlite3'));
  db.prepare('DELETE FROM meeting_participants WHERE meeting_id = ? AND user_id = ?').run(
    MEETING,
    'kinhmon',
  );
  db.close();
  const [chair, secretary, delegate, admin, outsider] = await Promise.all(
    ['chutri', 'thuky', 'sotttt', 'admin', 'kinhmon'].map((u) => login(url, u)),
  );
  tokens = {
    chair: chair!,
    secretary: secretary!,
    delegate: delegate!,
    admin: admin!,
    outsider: outsider!,
  };
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/meetings/:id/agenda', () => {
  it('lists the seeded agenda in order with each document as version 1 with sha256 and pages', async () => {
    const { status, body } = await getJson(
      `${url}/api/meetings/hd-bcd-cds-2022-09-27/agenda`,
      tokens.delegate,
    );
    expect(status).toBe(200);
    expect(body.canManage).toBe(false);
    expect(body.items.map((i: any) => i.position)).toEqual([1, 2, 3, 4]);
    const document = body.items[0].documents[0];
    expect(document).toMatchObject({ currentVersion: 1, confidential: false });
    expect(document.versions).toHaveLength(1);
    expect(document.versions[0]).toMatchObject({
      version: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      pageCount: expect.any(Number),
      uploadedBy: null,
    });
    const bytes = fs.readFileSync(
      path.join(dataDir, 'documents', `${document.versions[0].sha256}.pdf`),
    );
    expect(document.versions[0].sizeBytes).toBe(bytes.byteLength);
  });

  it('answers 403 to a user not invited to the meeting and 401 without a token', async () => {
    const outsider = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.outsider);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('forbidden');
    expect((await getJson(`${url}/api/meetings/${MEETING}/agenda`)).status).toBe(401);
  });

  it('shows the admin the agenda but no power over it: powers come from the meeting role', async () => {
    const { status, body } = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.admin);
    expect(status).toBe(200);
    expect(body.canManage).toBe(false);
  });
});

describe('PUT /api/meetings/:id/agenda/current', () => {
  const put = (token: string, itemId: string | null) =>
    fetch(`${url}/api/meetings/${MEETING}/agenda/current`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ itemId }),
    });

  it('by the secretary marks the item being discussed; a delegate gets 403; an unknown item 404', async () => {
    expect((await put(tokens.secretary, `${MEETING}-item-2`)).status).toBe(200);
    const { body } = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.delegate);
    expect(body.currentItemId).toBe(`${MEETING}-item-2`);
    expect(body.items.map((i: any) => i.current)).toEqual([false, true, false]);

    const delegate = await put(tokens.delegate, `${MEETING}-item-1`);
    expect(delegate.status).toBe(403);
    expect((await put(tokens.chair, 'hd-bcd-cds-2022-09-27-item-1')).status).toBe(404);

    expect((await put(tokens.chair, null)).status).toBe(200);
    const cleared = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.delegate);
    expect(cleared.body.currentItemId).toBeNull();
  });
});

describe('POST …/agenda/:itemId/documents (upload)', () => {
  it('refuses a PNG renamed .pdf with 400, leaving no file and no row', async () => {
    const before = storedState();
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Array(200).fill(7),
    ]);
    const { status, body } = await upload(newDocumentPath(), tokens.chair, {
      bytes: png,
      name: 'bao-cao.pdf',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/not a PDF.*PNG/),
    });
    expect(storedState()).toEqual(before);
  });

  it('refuses a truncated PDF with 400, leaving no file and no row', async () => {
    const before = storedState();
    const full = await makePdf(['Bao cao tien do', 'Trang hai']);
    const { status, body } = await upload(newDocumentPath(), tokens.chair, {
      bytes: full.slice(0, Math.floor(full.byteLength * 0.7)),
      name: 'bao-cao.pdf',
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/incomplete|damaged/);
    expect(storedState()).toEqual(before);
  });

  it('refuses a PDF that ends properly but is damaged inside, leaving nothing', async () => {
    const before = storedState();
    const junk = new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(500)}\n%%EOF\n`);
    const { status, body } = await upload(newDocumentPath(), tokens.chair, {
      bytes: junk,
      name: 'hong.pdf',
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/damaged/);
    expect(storedState()).toEqual(before);
  });

  it('refuses a file over the cap with 413 (declared length), leaving nothing', async () => {
    const before = storedState();
    const big = new Uint8Array(CAP * 3);
    big.set(await makePdf(['lon']));
    const { status, body } = await upload(newDocumentPath(), tokens.chair, {
      bytes: big,
      name: 'lon.pdf',
    });
    expect(status).toBe(413);
    expect(body.error).toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/limit/),
    });
    expect(storedState()).toEqual(before);
  });

  it('refuses a chunked upload over the cap with 413 while streaming, leaving nothing', async () => {
    const before = storedState();
    const boundary = 'phonghop-test-boundary';
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
    const chunk = new Uint8Array(8 * 1024).fill(0x25);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent < CAP * 2) {
          controller.enqueue(chunk);
          sent += chunk.byteLength;
        } else {
          controller.enqueue(tail);
          controller.close();
        }
      },
    });
    const res = await fetch(`${url}${newDocumentPath()}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.chair}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too_large');
    expect(storedState()).toEqual(before);
  });

  it('refuses a file name with a path in it (../../etc/passwd.pdf) with 400, leaving nothing', async () => {
    const before = storedState();
    const { status, body } = await upload(newDocumentPath(), tokens.chair, {
      bytes: await makePdf(['passwd']),
      name: '../../etc/passwd.pdf',
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/path/);
    expect(storedState()).toEqual(before);
    expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
  });

  it('answers 403 to a delegate and to a non-invited user, 401 without a token, storing nothing', async () => {
    const before = storedState();
    const file = { bytes: await makePdf(['dai bieu']), name: 'dai-bieu.pdf' };
    const delegate = await upload(newDocumentPath(), tokens.delegate, file);
    expect(delegate.status).toBe(403);
    expect(delegate.body.error.message).toMatch(/chair or the secretary/);
    expect((await upload(newDocumentPath(), tokens.outsider, file)).status).toBe(403);
    expect((await upload(newDocumentPath(), 'x'.repeat(43), file)).status).toBe(401);
    expect(storedState()).toEqual(before);
  });

  it('accepts a good PDF from the secretary: listed with sha256 and page count, text kept, audited', async () => {
    const bytes = await makePdf(['Bao cao ket qua cai cach hanh chinh', 'Trang thu hai']);
    const before = storedState();
    const { status, body } = await upload(
      newDocumentPath(),
      tokens.secretary,
      { bytes, name: 'bao-cao.pdf' },
      { title: '  Báo cáo kết quả cải cách hành chính  ' },
    );
    expect(status).toBe(201);
    expect(body.document).toMatchObject({
      agendaItemId: ITEM,
      title: 'Báo cáo kết quả cải cách hành chính',
      currentVersion: 1,
      confidential: false,
      versions: [
        {
          version: 1,
          sha256: sha256(bytes),
          sizeBytes: bytes.byteLength,
          pageCount: 2,
          uploadedBy: { id: 'thuky', fullName: expect.any(String) },
        },
      ],
    });
    const after = storedState();
    expect(after.files).toHaveLength(before.files.length + 1);
    const storedName = after.files.find((f) => !before.files.includes(f))!;
    expect(storedName).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    expect(sha256(fs.readFileSync(path.join(dataDir, 'documents', storedName)))).toBe(
      sha256(bytes),
    );
    const row = readDb(
      (db) =>
        db
          .prepare('SELECT search_text FROM document_versions WHERE document_id = ?')
          .get(body.document.id) as { search_text: string },
    );
    expect(row.search_text).toContain('Bao cao ket qua cai cach hanh chinh');
    expect(row.search_text).toContain('Trang thu hai');
    const audit = readDb((db) =>
      db.prepare("SELECT user_id, subject FROM audit_log WHERE action = 'document.upload'").all(),
    );
    expect(audit).toContainEqual({ user_id: 'thuky', subject: body.document.id });

    const listed = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.delegate);
    expect(listed.body.items[0].documents.map((d: any) => d.id)).toEqual([body.document.id]);
  });

  it('takes the title from the file name when no title field is sent', async () => {
    const { status, body } = await upload(newDocumentPath(`${MEETING}-item-3`), tokens.chair, {
      bytes: await makePdf(['Ket luan']),
      name: 'Dự thảo kết luận.PDF',
    });
    expect(status).toBe(201);
    expect(body.document.title).toBe('Dự thảo kết luận');
  });

  it('answers 404 for an agenda item of another meeting', async () => {
    const { status } = await upload(newDocumentPath('hd-bcd-cds-2022-09-27-item-1'), tokens.chair, {
      bytes: await makePdf(['x']),
      name: 'x.pdf',
    });
    expect(status).toBe(404);
  });
});

describe('versions and downloads', () => {
  let documentId: string;
  let v1: Uint8Array;
  let v2: Uint8Array;

  beforeAll(async () => {
    v1 = await makePdf(['To trinh phien ban 1']);
    v2 = await makePdf(['To trinh phien ban 2', 'bo sung', 'phu luc']);
    const first = await upload(
      newDocumentPath(`${MEETING}-item-2`),
      tokens.chair,
      { bytes: v1, name: 'to-trinh.pdf' },
      { title: 'Tờ trình' },
    );
    documentId = first.body.document.id;
  });

  it('a new version gets number 2 and becomes current; version 1 stays listed', async () => {
    const { status, body } = await upload(newVersionPath(documentId), tokens.chair, {
      bytes: v2,
      name: 'to-trinh-v2.pdf',
    });
    expect(status).toBe(201);
    expect(body.document.currentVersion).toBe(2);
    expect(body.document.title).toBe('Tờ trình');
    expect(body.document.versions.map((v: any) => [v.version, v.pageCount, v.sha256])).toEqual([
      [2, 3, sha256(v2)],
      [1, 1, sha256(v1)],
    ]);
  });

  it('a bad new version is refused and leaves the current version as it was', async () => {
    const before = storedState();
    const { status } = await upload(newVersionPath(documentId), tokens.chair, {
      bytes: new TextEncoder().encode('not a pdf'),
      name: 'x.pdf',
    });
    expect(status).toBe(400);
    expect(storedState()).toEqual(before);
    const listed = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.chair);
    const doc = listed.body.items[1].documents[0];
    expect(doc.currentVersion).toBe(2);
  });

  it('GET content returns the whole file with ETag = sha256 and Accept-Ranges', async () => {
    const res = await fetch(contentUrl(documentId, 1), {
      headers: { authorization: `Bearer ${tokens.delegate}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${sha256(v1)}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(v1);
  });

  it('GET content with Range returns 206 and exactly the asked bytes', async () => {
    const get = (range: string, extra: Record<string, string> = {}) =>
      fetch(contentUrl(documentId, 2), {
        headers: { authorization: `Bearer ${tokens.delegate}`, range, ...extra },
      });
    const middle = await get('bytes=10-99');
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 10-99/${v2.byteLength}`);
    expect(middle.headers.get('content-length')).toBe('90');
    expect(new Uint8Array(await middle.arrayBuffer())).toEqual(v2.slice(10, 100));

    const suffix = await get('bytes=-20');
    expect(suffix.status).toBe(206);
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(v2.slice(-20));

    const open = await get(`bytes=${v2.byteLength - 5}-`);
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(v2.slice(-5));

    const beyond = await get(`bytes=${v2.byteLength}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${v2.byteLength}`);
    await beyond.arrayBuffer();

    // A stale If-Range (the file changed): the whole file, not a piece of the new one.
    const stale = await get('bytes=0-9', { 'if-range': `"${'0'.repeat(64)}"` });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(v2.byteLength);

    const cached = await fetch(contentUrl(documentId, 2), {
      headers: { authorization: `Bearer ${tokens.delegate}`, 'if-none-match': `"${sha256(v2)}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('a download is recorded once in the audit log: not again for a resumed part or a cached copy', async () => {
    const reads = () =>
      readDb((db) =>
        db
          .prepare(
            "select user_id, details_json from audit_log where action = 'document.read' and subject = ? order by id",
          )
          .all(documentId),
      ) as { user_id: string; details_json: string }[];
    const before = reads().length;
    const get = (headers: Record<string, string>) =>
      fetch(contentUrl(documentId, 1), {
        headers: { authorization: `Bearer ${tokens.delegate}`, ...headers },
      }).then(async (res) => (await res.arrayBuffer(), res.status));
    expect(await get({})).toBe(200);
    expect(await get({ range: 'bytes=100-', 'if-range': `"${sha256(v1)}"` })).toBe(206);
    expect(await get({ 'if-none-match': `"${sha256(v1)}"` })).toBe(304);
    const after = reads().slice(before);
    expect(after).toHaveLength(1);
    expect(JSON.parse(after[0]!.details_json)).toEqual({
      meetingId: MEETING,
      version: 1,
      confidential: false,
    });
  });

  it('GET content answers 403 to a non-invited user, 401 without a token, 404 for a missing version', async () => {
    expect(
      (
        await fetch(contentUrl(documentId, 1), {
          headers: { authorization: `Bearer ${tokens.outsider}` },
        })
      ).status,
    ).toBe(403);
    expect((await fetch(contentUrl(documentId, 1))).status).toBe(401);
    expect(
      (
        await fetch(contentUrl(documentId, 9), {
          headers: { authorization: `Bearer ${tokens.chair}` },
        })
      ).status,
    ).toBe(404);
    // The right document through another meeting's path is not found either.
    expect(
      (
        await fetch(contentUrl(documentId, 1, 'hd-bcd-cds-review'), {
          headers: { authorization: `Bearer ${tokens.chair}` },
        })
      ).status,
    ).toBe(404);
  });

  it('a confidential document is readable by invited participants but not by an admin', async () => {
    const { body } = await upload(
      newDocumentPath(`${MEETING}-item-3`),
      tokens.chair,
      { bytes: await makePdf(['Mat']), name: 'mat.pdf' },
      { title: 'Tài liệu mật', confidential: 'true' },
    );
    expect(body.document.confidential).toBe(true);
    const asDelegate = await fetch(contentUrl(body.document.id, 1), {
      headers: { authorization: `Bearer ${tokens.delegate}` },
    });
    expect(asDelegate.status).toBe(200);
    await asDelegate.arrayBuffer();
    const asAdmin = await fetch(contentUrl(body.document.id, 1), {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(asAdmin.status).toBe(403);
  });
});

describe('parseByteRange()', () => {
  it('reads single ranges, clamps the end, and ignores several ranges or other units', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseByteRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('items=0-1', 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=9-3', 100)).toEqual({ kind: 'full' });
  });
});

describe('migration 0002_document_versions', () => {
  it('turns each existing document into its own version 1 and keeps the agenda readable', async () => {
    const dir = tempDir('migrate');
    const sqlite = new Database(path.join(dir, 'phonghop.sqlite3'));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const only0001: Record<string, Migration> = { '0001_initial': m0001 };
    await new Migrator({ db, provider: { getMigrations: async () => only0001 } }).migrateToLatest();
    const now = '2022-09-20T00:00:00.000Z';
    await db
      .insertInto('units')
      .values({
        id: 'u',
        name: 'UBND',
        short_name: null,
        parent_id: null,
        kind: 'province',
        successor_id: null,
      })
      .execute();
    await db.insertInto('sites').values({ id: 's', name: 'Hội trường', unit_id: 'u' }).execute();
    await db
      .insertInto('users')
      .values({
        id: 'c',
        username: 'c',
        password_hash: 'x',
        full_name: 'C',
        title: 't',
        unit_id: 'u',
        site_id: 's',
        disabled: 0,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('meetings')
      .values({
        id: 'm',
        title: 'M',
        organizer: 'o',
        place: 'p',
        starts_at: now,
        ends_at: now,
        chair_user_id: 'c',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('agenda_items')
      .values({ id: 'i', meeting_id: 'm', position: 1, title: 'I', presenter: null })
      .execute();
    await db
      .insertInto('documents')
      .values({
        id: 'd',
        agenda_item_id: 'i',
        title: 'D',
        stored_name: `${'a'.repeat(64)}.pdf`,
        sha256: 'a'.repeat(64),
        size_bytes: 1234,
        page_count: 3,
        created_at: now,
      })
      .execute();
    await db.destroy();

    const opened = await openDatabase(dir);
    try {
      const versions = await opened.db.selectFrom('document_versions').selectAll().execute();
      expect(versions).toEqual([
        {
          document_id: 'd',
          version: 1,
          stored_name: `${'a'.repeat(64)}.pdf`,
          sha256: 'a'.repeat(64),
          size_bytes: 1234,
          page_count: 3,
          search_text: null,
          uploaded_by: null,
          created_at: now,
        },
      ]);
      const document = await opened.db
        .selectFrom('documents')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(document).toEqual({
        id: 'd',
        agenda_item_id: 'i',
        title: 'D',
        confidential: 0,
        current_version: 1,
        created_at: now,
      });
    } finally {
      await opened.close();
    }
  });
});
