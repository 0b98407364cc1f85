/**
 * Attachments of progress reports end to end, against a real server on 127.0.0.1 (demo seed)
 * with real client stores (SQLite files): a report with a file recorded offline, shown at once,
 * sent when the link returns (the file first), and downloaded byte for byte on another computer;
 * the upload route's idempotency, hash check, permissions and limits; a push naming a file the
 * server was never sent; and a report on a task created in the same offline session.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../common/domain/task';
import { ApiClient } from '../../common/protocol/ApiClient';
import { buildPath } from '../../common/protocol/api';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import { taskAttachmentPaths } from '../../common/protocol/tasksApi';
import { createMainServices, type MainServices } from '../../main/composition';
import { FileSecretStore } from '../../main/services/FileSecretStore';
import { openLocalStore } from '../../main/store/db';
import { TaskReplicaRepository } from '../../main/store/repos/TaskReplicaRepository';
import { SyncEngine } from '../../main/sync/SyncEngine';
import { httpSyncTransport } from '../../main/sync/SyncTransport';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../helpers/testServer';

const TTTT_TASK = 'hd-bcd-cds-2022-09-27-task-2'; // lead: Sở Thông tin và Truyền thông
const MEETING_ID = 'hd-bcd-cds-2022-09-27';

let server: Server;
let url: string;
let dataDir: string;
const opened: MainServices[] = [];

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1 }));
}, 60_000);
afterAll(async () => {
  for (const services of opened) services.close();
  await server?.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small file whose first bytes say PDF (the server looks at nothing else), unique per call. */
function pdfBytes(label = randomUUID()): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${label}\n1 0 obj << >> endobj\n%%EOF\n`);
}

/** A client computer of its own (store, secrets), whose link to the server a test can cut. */
async function computer(username: string) {
  const dir = tempDir(`attach-${username}`);
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
  opened.push(services);
  await services.session.login(url, username, DEMO_PASSWORD);
  await services.tasks.syncNow();
  return {
    services,
    tasks: services.tasks,
    setOnline: (value: boolean) => {
      online = value;
    },
  };
}

async function tokenOf(username: string): Promise<string> {
  const { token } = await new ApiClient({ baseUrl: url }).call(
    'login',
    {},
    { username, password: DEMO_PASSWORD },
  );
  return token;
}

function put(token: string, taskId: string, hash: string, body: Uint8Array) {
  return fetch(new URL(buildPath(taskAttachmentPaths.upload, { taskId, sha256: hash }), url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
}

const storedFiles = () =>
  fs.existsSync(path.join(dataDir, 'task-attachments'))
    ? fs.readdirSync(path.join(dataDir, 'task-attachments'))
    : [];

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('progress report attachments', () => {
  it('a report with a file recorded offline is shown at once, sent when the link returns, and the secretary downloads the same bytes', async () => {
    const delegate = await computer('baocao');
    delegate.setOnline(false);
    const bytes = pdfBytes();
    const name = 'Báo cáo tiến độ tháng 10 – Sở TT&TT.pdf';
    const attachment = delegate.tasks.stageAttachment(name, bytes);
    expect(attachment).toMatchObject({
      name,
      mime: 'application/pdf',
      size: bytes.byteLength,
      sha256: sha256(bytes),
    });
    const reportId = `report-${randomUUID()}`;
    const { task } = delegate.tasks.mutate({
      name: 'task.report',
      args: {
        taskId: TTTT_TASK,
        reportId,
        text: 'Đã trình dự thảo, kèm báo cáo',
        percent: 70,
        attachments: [attachment],
      },
    });
    // Recorded and shown offline, with its file readable from this computer.
    expect(task?.reports.find((r) => r.id === reportId)?.attachments).toEqual([attachment]);
    const local = await delegate.tasks.readAttachment(TTTT_TASK, reportId, attachment.id);
    expect(local.source).toBe('cache');
    expect(sha256(local.bytes)).toBe(attachment.sha256);
    expect((await delegate.tasks.syncNow()).status).toBe('offline');
    expect(delegate.tasks.list().pendingTaskIds).toEqual([TTTT_TASK]);
    expect(storedFiles()).not.toContain(attachment.sha256);

    delegate.setOnline(true);
    const state = await delegate.tasks.syncNow();
    expect(state).toMatchObject({ status: 'synced', pending: 0 });
    expect(delegate.tasks.rejections()).toEqual([]);
    expect(storedFiles()).toContain(attachment.sha256);

    const secretary = await computer('thuky');
    const seen = secretary.tasks
      .list()
      .tasks.find((t) => t.id === TTTT_TASK)
      ?.reports.find((r) => r.id === reportId);
    expect(seen?.attachments).toEqual([attachment]);
    const downloaded = await secretary.tasks.readAttachment(TTTT_TASK, reportId, attachment.id);
    expect(downloaded.source).toBe('server');
    expect(Buffer.from(downloaded.bytes).equals(Buffer.from(bytes))).toBe(true);
    // Kept for reading offline.
    secretary.setOnline(false);
    expect((await secretary.tasks.readAttachment(TTTT_TASK, reportId, attachment.id)).source).toBe(
      'cache',
    );

    // Over HTTP: the type, and the Vietnamese name in Content-Disposition.
    const response = await fetch(
      new URL(
        buildPath(taskAttachmentPaths.download, {
          taskId: TTTT_TASK,
          reportId,
          attachmentId: attachment.id,
        }),
        url,
      ),
      { headers: { authorization: `Bearer ${await tokenOf('sotc')}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="Bao cao tien do thang 10 _ So TT_TT\.pdf"/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('PUT of the same file twice stores it once: 201, then 200', async () => {
    const token = await tokenOf('baocao');
    const bytes = pdfBytes();
    const hash = sha256(bytes);
    const first = await put(token, TTTT_TASK, hash, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ sha256: hash, size: bytes.byteLength, created: true });
    const again = await put(token, TTTT_TASK, hash, bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false });
    expect(storedFiles().filter((f) => f === hash)).toHaveLength(1);
    expect(storedFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('PUT of bytes whose SHA-256 is not the one in the path is refused, and nothing is kept', async () => {
    const token = await tokenOf('baocao');
    const claimed = sha256(pdfBytes());
    const response = await put(token, TTTT_TASK, claimed, pdfBytes());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid', details: { reason: 'sha256_mismatch' } },
    });
    expect(storedFiles()).not.toContain(claimed);
    expect(storedFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('PUT by a member of another agency (Sở Tài chính, who can read the task) is forbidden, by an administrator not invited to the meeting not found', async () => {
    const bytes = pdfBytes();
    const response = await put(await tokenOf('sotc'), TTTT_TASK, sha256(bytes), bytes);
    expect(response.status).toBe(403);
    expect(storedFiles()).not.toContain(sha256(bytes));
    // An administrator runs the system: without a role in the meeting, its tasks are not theirs.
    const byAdmin = await put(await tokenOf('admin'), TTTT_TASK, sha256(bytes), bytes);
    expect(byAdmin.status).toBe(404);
    expect(storedFiles()).not.toContain(sha256(bytes));
    const anonymous = await fetch(
      new URL(
        buildPath(taskAttachmentPaths.upload, { taskId: TTTT_TASK, sha256: sha256(bytes) }),
        url,
      ),
      {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      },
    );
    expect(anonymous.status).toBe(401);
  });

  it('PUT over 20 MB is refused 413 and a file that is no allowed type 400, each with its reason', async () => {
    const token = await tokenOf('baocao');
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const tooLarge = await put(token, TTTT_TASK, sha256(big), big);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({
      error: { code: 'too_large', details: { reason: 'attachment_too_large' } },
    });
    const program = new TextEncoder().encode(`MZ\x90\x00 not a document ${randomUUID()}`);
    const wrongType = await put(token, TTTT_TASK, sha256(program), program);
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({
      error: { details: { reason: 'attachment_type' } },
    });
    expect(storedFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stageAttachment() refuses, before anything is kept, a type, a size, a disguised file and an 11th file, each with its reason', async () => {
    const { tasks } = await computer('sotttt');
    expect(caught(() => tasks.stageAttachment('danh-sach.zip', pdfBytes()))).toMatchObject({
      code: 'invalid',
      details: { reason: 'attachment_type', fileName: 'danh-sach.zip' },
    });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect(caught(() => tasks.stageAttachment('Bản scan.pdf', big))).toMatchObject({
      code: 'too_large',
      details: {
        reason: 'attachment_too_large',
        size: big.byteLength,
        maxBytes: MAX_ATTACHMENT_BYTES,
      },
    });
    const disguised = new TextEncoder().encode('MZ\x90\x00 a program');
    expect(caught(() => tasks.stageAttachment('hoa-don.pdf', disguised))).toMatchObject({
      details: { reason: 'attachment_type' },
    });
    expect(caught(() => tasks.stageAttachment('trống.pdf', new Uint8Array()))).toMatchObject({
      details: { reason: 'attachment_empty' },
    });
    const eleven: Attachment[] = Array.from({ length: 11 }, (_, i) =>
      tasks.stageAttachment(`Phụ lục ${i + 1}.pdf`, pdfBytes()),
    );
    expect(
      caught(() =>
        tasks.mutate({
          name: 'task.report',
          args: {
            taskId: TTTT_TASK,
            reportId: `report-${randomUUID()}`,
            text: 'x',
            percent: 1,
            attachments: eleven,
          },
        }),
      ),
    ).toMatchObject({ details: { reason: 'too_many_attachments', max: 10 } });
    expect(tasks.list().pendingTaskIds).toEqual([]);
  });

  it('a pushed report naming a file the server was not sent for the task is rejected as attachment_missing', async () => {
    const api = new ApiClient({ baseUrl: url, token: await tokenOf('baocao') });
    const bytes = pdfBytes();
    // Sent, but for another task: it does not count for this one.
    const other = 'hd-bcd-cds-2022-09-27-task-7';
    expect((await put(await tokenOf('baocao'), other, sha256(bytes), bytes)).status).toBeLessThan(
      300,
    );
    const attachment: Attachment = {
      id: 'file-00000001',
      name: 'Kế hoạch.pdf',
      mime: 'application/pdf',
      size: bytes.byteLength,
      sha256: sha256(bytes),
    };
    const answer = await api.call(
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
              name: 'task.report',
              args: {
                taskId: TTTT_TASK,
                reportId: `report-${randomUUID()}`,
                text: 'Kèm kế hoạch',
                percent: 10,
                attachments: [attachment],
              },
            },
          },
        ],
      },
    );
    expect(answer.results[0]).toMatchObject({
      status: 'rejected',
      rejection: { code: 'attachment_missing' },
    });
  });

  it('staff create a task and report on it with a file, all offline: the push is split so the task exists before its file is sent', async () => {
    const secretary = await computer('thuky');
    secretary.setOnline(false);
    const taskId = `task-${randomUUID()}`;
    secretary.tasks.mutate({
      name: 'task.create',
      args: {
        task: {
          id: taskId,
          meetingId: MEETING_ID,
          conclusionRef: null,
          lead: { id: null, name: 'các sở, ngành' },
          cooperating: [],
          content: 'Rà soát, tổng hợp danh mục dữ liệu dùng chung',
          dueDate: null,
          dueEvent: null,
          reportTo: null,
          recurrence: null,
        },
      },
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const attachment = secretary.tasks.stageAttachment('Ảnh hiện trường.PNG', png);
    expect(attachment.mime).toBe('image/png');
    const reportId = `report-${randomUUID()}`;
    secretary.tasks.mutate({
      name: 'task.report',
      args: { taskId, reportId, text: 'Đã tổng hợp', percent: 20, attachments: [attachment] },
    });
    secretary.setOnline(true);
    expect(await secretary.tasks.syncNow()).toMatchObject({ status: 'synced', pending: 0 });
    expect(secretary.tasks.rejections()).toEqual([]);
    const chair = await computer('chutri');
    const downloaded = await chair.tasks.readAttachment(taskId, reportId, attachment.id);
    expect(Buffer.from(downloaded.bytes).equals(Buffer.from(png))).toBe(true);
  });

  it('a push that fails after its file was uploaded does not upload the file again', async () => {
    const token = await tokenOf('sotttt');
    const api = new ApiClient({ baseUrl: url, token });
    const replica = new TaskReplicaRepository(openLocalStore(tempDir('attach-engine')));
    const scope = { serverUrl: url, userId: 'sotttt' };
    const actor = {
      id: 'sotttt',
      // Sở KH&CN, which took over the task's lead agency, Sở TT&TT, in 2025.
      name: 'Sở KH&CN',
      unitId: 'hp-so-khcn',
      roles: ['delegate' as const],
      meetingRoles: { 'hd-bcd-cds-2022-09-27': 'delegate' as const },
    };
    const http = httpSyncTransport(async () => api);
    let uploads = 0;
    let failPush = true;
    const engine = new SyncEngine({
      replica,
      scope,
      transport: {
        pull: http.pull,
        push: async (request) => {
          if (failPush) {
            failPush = false;
            throw new AppError('unavailable', 'link dropped after the upload');
          }
          return http.push(request);
        },
        uploadAttachment: async (upload) => {
          uploads += 1;
          return http.uploadAttachment!(upload);
        },
      },
    });
    await engine.syncOnce();
    const bytes = pdfBytes();
    replica.blobs.put(sha256(bytes), bytes, new Date());
    const attachment: Attachment = {
      id: 'file-00000002',
      name: 'Biên bản.pdf',
      mime: 'application/pdf',
      size: bytes.byteLength,
      sha256: sha256(bytes),
    };
    replica.record(
      scope,
      actor,
      {
        name: 'task.report',
        args: {
          taskId: TTTT_TASK,
          reportId: `report-${randomUUID()}`,
          text: 'Kèm biên bản',
          percent: 90,
          attachments: [attachment],
        },
      },
      new Date(),
    );
    await expect(engine.syncOnce()).rejects.toMatchObject({ code: 'unavailable' });
    await engine.syncOnce();
    expect(uploads).toBe(1);
    expect(replica.pendingCount(scope)).toBe(0);
    expect(replica.rejections(scope)).toEqual([]);
    // Nothing waits for the file any more: it may be pruned.
    expect(replica.blobs.prune(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
  });
});
