/**
 * Disks fill (issue #16), against real servers on 127.0.0.1 (demo seed, real SQLite, real files):
 * - quotas per meeting (documents and their versions) and per task (report attachments), in
 *   bytes and in files: refused 413 with a Vietnamese reason, nothing written; under them, 2xx;
 * - a retried upload under the same request id (`Idempotency-Key`) answers the first answer and
 *   stores one row and one file, also when both copies race, and when main's upload service or
 *   its task sync retries by itself after the answer was lost; the id of another upload is
 *   refused 409;
 * - the upload's audit entry is in its transaction: when the audit log refuses the entry (a
 *   trigger in the real database), the upload answers 500 and leaves no row and no file;
 * - the orphan sweep removes files no row names, and keeps referenced files, young files, files
 *   it does not know, and the files of uploads in progress (even when they look old).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentUploadProgress } from '../../common/domain/document';
import { AppError } from '../../common/errors';
import type { IpcResult, IpcResponse } from '../../common/ipc/contract';
import { ApiClient } from '../../common/protocol/ApiClient';
import { buildPath } from '../../common/protocol/api';
import { documentPaths } from '../../common/protocol/documentsApi';
import { IDEMPOTENCY_KEY_HEADER } from '../../common/protocol/idempotency';
import { taskAttachmentPaths } from '../../common/protocol/tasksApi';
import { createMainServices, type MainServices } from '../../main/composition';
import { FileSecretStore } from '../../main/services/FileSecretStore';
import { openLocalStore } from '../../main/store/db';
import { TaskReplicaRepository } from '../../main/store/repos/TaskReplicaRepository';
import { SyncEngine } from '../../main/sync/SyncEngine';
import { httpSyncTransport } from '../../main/sync/SyncTransport';
import type { Server } from '../../sfu-server/src/Server';
import { until } from '../helpers/signalingPeer';
import { DEMO_PASSWORD, login, startTestServer, tempDir } from '../helpers/testServer';

const UPCOMING = 'hd-ubnd-upcoming';
const UPCOMING_ITEM = `${UPCOMING}-item-1`;
const TTTT_TASK = 'hd-bcd-cds-2022-09-27-task-2'; // lead: Sở Thông tin và Truyền thông
const TTTT_TASK_2 = 'hd-bcd-cds-2022-09-27-task-3';
const TTTT_TASK_3 = 'hd-bcd-cds-2022-09-27-task-4';
const KB = 1024;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PDF of two pages, padded with a random attachment to about `paddingBytes` more. */
async function makePdf(title: string, paddingBytes = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of [title, 'Trang 2'])
    doc.addPage([595, 842]).drawText(line, { x: 50, y: 780, size: 14, font });
  if (paddingBytes > 0)
    await doc.attach(new Uint8Array(randomBytes(paddingBytes)), 'phu-luc.bin', {
      mimeType: 'application/octet-stream',
    });
  return doc.save({ useObjectStreams: false });
}

/** A small file whose first bytes say PDF (all the attachment route looks at), of `size` bytes. */
function attachmentBytes(size = 600): Uint8Array {
  const head = new TextEncoder().encode(`%PDF-1.7\n% ${randomUUID()}\n`);
  const bytes = new Uint8Array(Math.max(size, head.byteLength + 8));
  bytes.set(head);
  bytes.set(new TextEncoder().encode('\n%%EOF\n'), bytes.byteLength - 7);
  return bytes;
}

/** One server's data directory, as a person looking at it would see it. */
function inspector(dataDir: string) {
  const readDb = <T>(query: (db: Database.Database) => T): T => {
    const db = new Database(path.join(dataDir, 'phonghop.sqlite3'), { readonly: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };
  const count = (sql: string, ...args: unknown[]) =>
    readDb((db) => (db.prepare(sql).get(...args) as { n: number }).n);
  const files = (dir: string) =>
    fs.existsSync(path.join(dataDir, dir)) ? fs.readdirSync(path.join(dataDir, dir)).sort() : [];
  return {
    readDb,
    count,
    files,
    /** Files and rows an upload may leave. */
    state: () => ({
      documents: files('documents'),
      attachments: files('task-attachments'),
      rows: {
        documents: count('SELECT count(*) AS n FROM documents'),
        versions: count('SELECT count(*) AS n FROM document_versions'),
        blobs: count('SELECT count(*) AS n FROM task_attachment_blobs'),
        uploads: count('SELECT count(*) AS n FROM task_attachment_uploads'),
        requests: count('SELECT count(*) AS n FROM upload_requests'),
        audit: count('SELECT count(*) AS n FROM audit_log'),
      },
    }),
  };
}

function uploadDocument(
  url: string,
  token: string,
  bytes: Uint8Array,
  options: { itemId?: string; documentId?: string; key?: string; name?: string } = {},
): Promise<Response> {
  const route = options.documentId
    ? buildPath(documentPaths.uploadVersion, { id: UPCOMING, documentId: options.documentId })
    : buildPath(documentPaths.uploadDocument, {
        id: UPCOMING,
        itemId: options.itemId ?? UPCOMING_ITEM,
      });
  const form = new FormData();
  form.append(
    'file',
    new Blob([bytes as BlobPart], { type: 'application/pdf' }),
    options.name ?? 'Báo cáo.pdf',
  );
  return fetch(`${url}${route}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(options.key ? { [IDEMPOTENCY_KEY_HEADER]: options.key } : {}),
    },
    body: form,
  });
}

function putAttachment(
  url: string,
  token: string,
  taskId: string,
  bytes: Uint8Array,
  key?: string,
): Promise<Response> {
  return fetch(
    new URL(buildPath(taskAttachmentPaths.upload, { taskId, sha256: sha256(bytes) }), url),
    {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        ...(key ? { [IDEMPOTENCY_KEY_HEADER]: key } : {}),
      },
      body: new Uint8Array(bytes),
    },
  );
}

/** A request body that sends `head`, then waits until `finish()` before sending `tail`. */
function stalledBody(head: Uint8Array, tail: Uint8Array) {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(head);
      await gate;
      controller.enqueue(tail);
      controller.close();
    },
  });
  return { body, finish };
}

/** A multipart/form-data body of one PDF, split in two at `at`. */
function multipartParts(bytes: Uint8Array, at: number) {
  const boundary = `----uploadStorage${randomUUID()}`;
  const head = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-tai.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    Buffer.from(bytes.subarray(0, at)),
  ]);
  const tail = Buffer.concat([
    Buffer.from(bytes.subarray(at)),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, head, tail };
}

describe('quotas', () => {
  let server: Server;
  let url: string;
  let dataDir: string;
  let look: ReturnType<typeof inspector>;
  let secretary: string;
  let reporter: string;

  beforeAll(async () => {
    ({ server, url, dataDir } = await startTestServer({
      workers: 1,
      // The upcoming meeting has no documents: 300 KB fit one 160 KB document, not two.
      meetingQuotaBytes: 300 * KB,
      meetingQuotaFiles: 1000,
      taskQuotaBytes: 10 * KB,
      taskQuotaFiles: 2,
      orphanSweepMs: 0,
    }));
    look = inspector(dataDir);
    [secretary, reporter] = await Promise.all([login(url, 'thuky'), login(url, 'baocao')]);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a document, and a new version, over the meeting quota are refused 413 meeting_quota in Vietnamese, writing nothing; under it 201', async () => {
    const first = await uploadDocument(url, secretary, await makePdf('Ke hoach', 160 * KB));
    expect(first.status).toBe(201);
    const { document } = (await first.json()) as { document: { id: string } };
    const before = look.state();

    const second = await uploadDocument(url, secretary, await makePdf('Phu luc', 160 * KB));
    expect(second.status).toBe(413);
    const body = (await second.json()) as { error: { message: string; details: any } };
    expect(body.error).toMatchObject({
      code: 'too_large',
      name: 'QuotaExceededError',
      details: { reason: 'meeting_quota', limit: 'bytes', quotaBytes: 300 * KB },
    });
    expect(body.error.message).toMatch(/^Cuộc họp này đã dùng .* trong hạn mức 300 KB/);
    expect(look.state()).toEqual(before);

    // A new version counts for the meeting as well.
    const version = await uploadDocument(url, secretary, await makePdf('Ban sua', 160 * KB), {
      documentId: document.id,
    });
    expect(version.status).toBe(413);
    expect(look.state()).toEqual(before);

    // A small one still fits.
    const small = await uploadDocument(url, secretary, await makePdf('To trinh'));
    expect(small.status).toBe(201);
  });

  it('a task takes files up to its count and its bytes: past either, 413 task_quota in Vietnamese and nothing kept; a file already sent for it is still accepted', async () => {
    const one = attachmentBytes();
    const two = attachmentBytes();
    expect((await putAttachment(url, reporter, TTTT_TASK, one)).status).toBe(201);
    expect((await putAttachment(url, reporter, TTTT_TASK, two)).status).toBe(201);
    const before = look.state();

    const third = attachmentBytes();
    const refused = await putAttachment(url, reporter, TTTT_TASK, third);
    expect(refused.status).toBe(413);
    const body = (await refused.json()) as { error: { message: string; details: unknown } };
    expect(body.error).toMatchObject({
      code: 'too_large',
      details: { reason: 'task_quota', limit: 'files', maxFiles: 2, usedFiles: 2 },
    });
    expect(body.error.message).toMatch(/^Nhiệm vụ này đã có 2 tệp đính kèm/);
    expect(look.state()).toEqual(before);
    expect(look.files('task-attachments')).not.toContain(sha256(third));

    // Sent again for the same task: already counted, a no-op.
    expect((await putAttachment(url, reporter, TTTT_TASK, one)).status).toBe(200);

    // Bytes: 10 KB a task; 12 KB do not fit an empty one.
    const big = attachmentBytes(12 * KB);
    const tooBig = await putAttachment(url, reporter, TTTT_TASK_2, big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: { details: { reason: 'task_quota', limit: 'bytes', quotaBytes: 10 * KB } },
    });
    expect(look.files('task-attachments')).not.toContain(sha256(big));
    expect(look.files('task-attachments').filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The same file for another task counts for that task: 8 KB fit.
    expect((await putAttachment(url, reporter, TTTT_TASK_2, attachmentBytes(8 * KB))).status).toBe(
      201,
    );
  });
});

describe('retried uploads, audit and the orphan sweep', () => {
  let server: Server;
  let url: string;
  let dataDir: string;
  let look: ReturnType<typeof inspector>;
  let secretary: string;
  let reporter: string;
  const opened: MainServices[] = [];

  beforeAll(async () => {
    ({ server, url, dataDir } = await startTestServer({
      workers: 1,
      orphanSweepMs: 0,
      orphanGraceMs: 60 * 60_000,
    }));
    look = inspector(dataDir);
    [secretary, reporter] = await Promise.all([login(url, 'thuky'), login(url, 'baocao')]);
  }, 60_000);
  afterAll(async () => {
    for (const services of opened) services.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a document upload retried under the same request id answers the first answer: one document, one file, one audit entry', async () => {
    const bytes = await makePdf('Bao cao quy III');
    const key = randomUUID();
    const before = look.state();
    const first = await uploadDocument(url, secretary, bytes, { key });
    expect(first.status).toBe(201);
    const answer = await first.json();
    const again = await uploadDocument(url, secretary, bytes, { key });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(answer);

    const after = look.state();
    expect(after.rows.documents).toBe(before.rows.documents + 1);
    expect(after.rows.versions).toBe(before.rows.versions + 1);
    expect(after.documents).toHaveLength(before.documents.length + 1);
    expect(
      look.count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'document.upload' AND subject = ?",
        answer.document.id,
      ),
    ).toBe(1);

    // The same id for other content, or for another target: 409, nothing stored.
    const other = await uploadDocument(url, secretary, await makePdf('Khac'), { key });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({
      error: { code: 'invalid_state', details: { reason: 'idempotency_key_reused' } },
    });
    const elsewhere = await uploadDocument(url, secretary, bytes, {
      key,
      itemId: `${UPCOMING}-item-2`,
    });
    expect(elsewhere.status).toBe(409);
    expect(look.state()).toEqual(after);
    // Another user's id is their own.
    const chair = await login(url, 'chutri');
    expect((await uploadDocument(url, chair, bytes, { key })).status).toBe(201);
  });

  it('two copies of one request sent at once store one document and both answer it', async () => {
    const bytes = await makePdf('Gui hai lan');
    const key = randomUUID();
    const before = look.state();
    const answers = await Promise.all([
      uploadDocument(url, secretary, bytes, { key }),
      uploadDocument(url, secretary, bytes, { key }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const [a, b] = (await Promise.all(answers.map((r) => r.json()))) as {
      document: { id: string };
    }[];
    expect(a!.document.id).toBe(b!.document.id);
    const after = look.state();
    expect(after.rows.versions).toBe(before.rows.versions + 1);
    expect(after.documents).toHaveLength(before.documents.length + 1);
    expect(after.documents.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an attachment retried under the same request id answers 201 created again, with one row and one audit entry', async () => {
    const bytes = attachmentBytes();
    const key = `attachment.${randomUUID()}`;
    const first = await putAttachment(url, reporter, TTTT_TASK, bytes, key);
    expect(first.status).toBe(201);
    const answer = await first.json();
    const again = await putAttachment(url, reporter, TTTT_TASK, bytes, key);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(answer);
    expect(
      look.count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'task.attachment_upload' AND details_json LIKE ?",
        `%${sha256(bytes)}%`,
      ),
    ).toBe(1);
    expect(
      look.count(
        'SELECT count(*) AS n FROM task_attachment_uploads WHERE sha256 = ?',
        sha256(bytes),
      ),
    ).toBe(1);
    expect(look.files('task-attachments').filter((f) => f === sha256(bytes))).toHaveLength(1);
    // Without an id a repeat is a new request, as before: 200, not created.
    expect((await putAttachment(url, reporter, TTTT_TASK, bytes)).status).toBe(200);
    // The id with another file: 409.
    const other = await putAttachment(url, reporter, TTTT_TASK, attachmentBytes(), key);
    expect(other.status).toBe(409);
  });

  it('main retries an upload whose answer was lost under the same request id: one document, and the app shows it', async () => {
    const dir = tempDir('upload-retry');
    let dropNextAnswer = true;
    const sentKeys: string[] = [];
    const services = createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: url,
      shell: 'browser',
      version: 'test',
      // The link drops after the server has answered the first upload: the app never hears it.
      fetch: async (input, init) => {
        const isUpload = init?.method === 'POST' && String(input).includes('/agenda/');
        if (isUpload)
          sentKeys.push(new Headers(init?.headers).get(IDEMPOTENCY_KEY_HEADER) ?? 'none');
        const response = await fetch(input, init);
        if (isUpload && dropNextAnswer) {
          dropNextAnswer = false;
          await response.arrayBuffer();
          throw new TypeError('fetch failed: connection reset');
        }
        return response;
      },
    });
    opened.push(services);
    await services.session.login(url, 'thuky', DEMO_PASSWORD);
    const progress: DocumentUploadProgress[] = [];
    services.router.on('event', (name, payload) => {
      if (name === 'documents.uploadProgress') progress.push(payload as DocumentUploadProgress);
    });
    const before = look.state();
    const result = (await services.router.handle('documents.upload', {
      uploadId: randomUUID(),
      meetingId: UPCOMING,
      target: { kind: 'document', itemId: UPCOMING_ITEM, confidential: false },
      fileName: 'Kế hoạch chuyển đổi số.pdf',
      bytes: await makePdf('Ke hoach chuyen doi so'),
    })) as IpcResult<IpcResponse<'documents.upload'>>;
    expect(result).toMatchObject({
      ok: true,
      value: { document: { title: 'Kế hoạch chuyển đổi số', currentVersion: 1 } },
    });
    expect(sentKeys).toHaveLength(2);
    expect(sentKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sentKeys[1]).toBe(sentKeys[0]);
    const after = look.state();
    expect(after.rows.documents).toBe(before.rows.documents + 1);
    expect(after.documents).toHaveLength(before.documents.length + 1);
    expect(progress.at(-1)?.phase).toBe('done');
  }, 30_000);

  it('main’s sync sends a report’s file again under the same request id after its answer was lost: stored and audited once', async () => {
    const { token, user } = await new ApiClient({ baseUrl: url }).call(
      'login',
      {},
      { username: 'sotttt', password: DEMO_PASSWORD },
    );
    const api = new ApiClient({ baseUrl: url, token });
    const replica = new TaskReplicaRepository(openLocalStore(tempDir('upload-retry-sync')));
    const scope = { serverUrl: url, userId: 'sotttt' };
    const http = httpSyncTransport(async () => api);
    const keys: (string | undefined)[] = [];
    let loseAnswer = true;
    const engine = new SyncEngine({
      replica,
      scope,
      transport: {
        pull: http.pull,
        push: http.push,
        uploadAttachment: async (upload) => {
          keys.push(upload.requestId);
          await http.uploadAttachment!(upload);
          if (loseAnswer) {
            loseAnswer = false;
            throw new AppError('unavailable', 'the link dropped before the answer arrived');
          }
        },
      },
    });
    await engine.syncOnce();
    const bytes = attachmentBytes();
    replica.blobs.put(sha256(bytes), bytes, new Date());
    replica.record(
      scope,
      {
        id: user.id,
        name: user.agency.name,
        unitId: user.agency.id,
        roles: user.roles,
        meetingRoles: { 'hd-bcd-cds-2022-09-27': 'delegate' },
      },
      {
        name: 'task.report',
        args: {
          taskId: TTTT_TASK,
          reportId: `report-${randomUUID()}`,
          text: 'Kèm biên bản nghiệm thu',
          percent: 60,
          attachments: [
            {
              id: 'file-00000001',
              name: 'Biên bản nghiệm thu.pdf',
              mime: 'application/pdf',
              size: bytes.byteLength,
              sha256: sha256(bytes),
            },
          ],
        },
      },
      new Date(),
    );
    await expect(engine.syncOnce()).rejects.toMatchObject({ code: 'unavailable' });
    await engine.syncOnce();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^attachment\.[0-9a-f]{40}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(replica.pendingCount(scope)).toBe(0);
    expect(replica.rejections(scope)).toEqual([]);
    expect(
      look.count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'task.attachment_upload' AND details_json LIKE ?",
        `%${sha256(bytes)}%`,
      ),
    ).toBe(1);
    expect(
      look.count('SELECT count(*) AS n FROM upload_requests WHERE sha256 = ?', sha256(bytes)),
    ).toBe(1);
  });

  it('when the audit log refuses the upload’s entry, the upload answers 500 and stores no row and no file; it works again after', async () => {
    const writer = new Database(path.join(dataDir, 'phonghop.sqlite3'));
    writer.exec(`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log
      WHEN NEW.action IN ('document.upload', 'task.attachment_upload')
      BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`);
    try {
      const before = look.state();
      const pdf = await makePdf('Khong ghi duoc nhat ky');
      const document = await uploadDocument(url, secretary, pdf, { key: randomUUID() });
      expect(document.status).toBe(500);
      const attachment = attachmentBytes();
      const file = await putAttachment(url, reporter, TTTT_TASK_3, attachment, randomUUID());
      expect(file.status).toBe(500);
      expect(look.state()).toEqual(before);
      expect(look.files('task-attachments')).not.toContain(sha256(attachment));
    } finally {
      writer.exec('DROP TRIGGER audit_down');
      writer.close();
    }
    expect((await uploadDocument(url, secretary, await makePdf('Da ghi lai'))).status).toBe(201);
  });

  it('the sweep removes files no row names and old temporary files, and keeps referenced, young and unknown files and the files of uploads in progress', async () => {
    const documents = path.join(dataDir, 'documents');
    const attachments = path.join(dataDir, 'task-attachments');
    fs.mkdirSync(attachments, { recursive: true });
    const longAgo = new Date(Date.now() - 3 * 3_600_000);
    const age = (file: string) => fs.utimesSync(file, longAgo, longAgo);

    // A referenced attachment, old.
    const kept = attachmentBytes();
    expect((await putAttachment(url, reporter, TTTT_TASK, kept)).status).toBe(201);
    age(path.join(attachments, sha256(kept)));
    // Every stored document is referenced (the seed's are shared by several versions); all old.
    const referencedDocuments = look.files('documents');
    for (const name of referencedDocuments) age(path.join(documents, name));

    const orphans = [
      path.join(documents, `${randomUUID()}.pdf`),
      path.join(documents, `.upload-${randomUUID()}.tmp`),
      path.join(attachments, sha256(randomBytes(32))),
      path.join(attachments, `.upload-${randomUUID()}.tmp`),
    ];
    for (const file of orphans) {
      fs.writeFileSync(file, 'left behind by a crash');
      age(file);
    }
    const young = path.join(documents, `${randomUUID()}.pdf`);
    fs.writeFileSync(young, 'written a moment ago');
    const unknown = path.join(documents, 'ghi-chu-cua-quan-tri.txt');
    fs.writeFileSync(unknown, 'not the store’s');
    age(unknown);

    // Two uploads in progress: their temporary files exist, made to look old.
    const temps = (dir: string) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith('.upload-') && !orphans.includes(path.join(dir, f)));
    const fileBytes = attachmentBytes(64 * KB);
    const stalledFile = stalledBody(fileBytes.subarray(0, 32 * KB), fileBytes.subarray(32 * KB));
    const fileUpload = fetch(
      new URL(
        buildPath(taskAttachmentPaths.upload, { taskId: TTTT_TASK, sha256: sha256(fileBytes) }),
        url,
      ),
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${reporter}`,
          'content-type': 'application/octet-stream',
        },
        body: stalledFile.body,
        duplex: 'half',
      } as RequestInit,
    );
    const pdf = await makePdf('Dang tai len', 64 * KB);
    const parts = multipartParts(pdf, 32 * KB);
    const stalledPdf = stalledBody(parts.head, parts.tail);
    const pdfUpload = fetch(
      `${url}${buildPath(documentPaths.uploadDocument, { id: UPCOMING, itemId: UPCOMING_ITEM })}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${secretary}`, 'content-type': parts.contentType },
        body: stalledPdf.body,
        duplex: 'half',
      } as RequestInit,
    );
    await until(() => temps(attachments).length === 1 && temps(documents).length === 1, 10_000);
    const inProgress = [
      path.join(attachments, temps(attachments)[0]!),
      path.join(documents, temps(documents)[0]!),
    ];
    for (const file of inProgress) age(file);

    const result = await server.orphanSweep.runOnce();
    expect(result.removed.sort()).toEqual(
      orphans.map((file) => path.relative(dataDir, file)).sort(),
    );
    for (const file of orphans) expect(fs.existsSync(file)).toBe(false);
    for (const file of [young, unknown, ...inProgress]) expect(fs.existsSync(file)).toBe(true);
    expect(look.files('documents')).toEqual(expect.arrayContaining(referencedDocuments));
    expect(look.files('task-attachments')).toContain(sha256(kept));

    // The uploads finish and are stored whole.
    stalledFile.finish();
    stalledPdf.finish();
    expect((await fileUpload).status).toBe(201);
    const stored = await pdfUpload;
    expect(stored.status).toBe(201);
    for (const file of inProgress) expect(fs.existsSync(file)).toBe(false);
    expect(look.files('task-attachments')).toContain(sha256(fileBytes));
    const { document } = (await stored.json()) as { document: { versions: { sha256: string }[] } };
    expect(document.versions[0]!.sha256).toBe(sha256(pdf));

    // A second sweep finds nothing more to remove: what the uploads stored is referenced.
    const stored2 = look.files('documents');
    for (const name of stored2) if (name.endsWith('.pdf')) age(path.join(documents, name));
    age(path.join(attachments, sha256(fileBytes)));
    fs.rmSync(young);
    expect((await server.orphanSweep.runOnce()).removed).toEqual([]);
    expect(look.files('task-attachments')).toContain(sha256(fileBytes));
    expect(look.files('documents')).toEqual(
      stored2.filter((f) => path.join(documents, f) !== young),
    );
  }, 60_000);
});
