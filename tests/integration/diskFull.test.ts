/**
 * A full disk (issue #16), for real: the server's data directory is a tmpfs of 8 MB (mounted
 * here, as root; without the right to mount, the suite is skipped and says why), filled with a
 * file until little is left. Then:
 * - below PHONGHOP_MIN_FREE_DISK_MB, /api/health says degraded, and document uploads,
 *   attachment uploads and sync pushes are refused 507 before writing anything;
 * - above it, but with less room than the upload needs (the client declared no size), the write
 *   meets ENOSPC: still 507, the temporary file removed, no row;
 * - with no minimum and almost no room, a sync push's transaction meets SQLITE_FULL: 507, rolled
 *   back, applied later;
 * - once space is freed, everything works again.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPath } from '../../common/protocol/api';
import { documentPaths } from '../../common/protocol/documentsApi';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import { taskAttachmentPaths } from '../../common/protocol/tasksApi';
import type { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer, tempDir } from '../helpers/testServer';

const MEETING = 'hd-ubnd-upcoming';
const ITEM = `${MEETING}-item-1`;
const TASK = 'hd-bcd-cds-2022-09-27-task-2'; // lead: Sở Thông tin và Truyền thông
const KB = 1024;
const MB = 1024 * KB;

/** Mounts an 8 MB tmpfs, or says why it cannot (not root, no mount in this container). */
function mountTmpfs(): { dir: string; skip?: undefined } | { dir?: undefined; skip: string } {
  if (process.platform !== 'linux') return { skip: 'tmpfs needs Linux' };
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const why = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return { skip: `cannot mount a tmpfs here (${why}); run as root to test a full disk` };
  }
}

const mount = mountTmpfs();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function makePdf(title: string, paddingBytes = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(title, { x: 50, y: 780, size: 14, font });
  if (paddingBytes > 0)
    await doc.attach(new Uint8Array(randomBytes(paddingBytes)), 'phu-luc.bin', {
      mimeType: 'application/octet-stream',
    });
  return doc.save();
}

function attachmentBytes(size = 600): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(`%PDF-1.7\n% ${randomUUID()}\n`));
  return bytes;
}

/** A body streamed in 64 KB chunks without Content-Length: the server cannot check its size first. */
function unsizedBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 64 * KB));
      offset += 64 * KB;
    },
  });
}

function multipart(bytes: Uint8Array): { contentType: string; body: Uint8Array } {
  const boundary = `----diskFull${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

describe.skipIf(mount.skip !== undefined)('a full disk', () => {
  const dataDir = mount.dir ? path.join(mount.dir, 'data') : '';
  const filler = mount.dir ? path.join(mount.dir, 'filler.bin') : '';
  let server: Server;
  let url: string;
  let secretary: string;
  let reporter: string;
  let mutationId = 0;
  const clientId = randomUUID();

  const freeBytes = () => {
    const stats = fs.statfsSync(mount.dir!);
    return stats.bavail * stats.bsize;
  };
  /** Leaves about `bytes` free (the filler grows or shrinks). */
  const leaveFree = (bytes: number) => {
    const current = fs.existsSync(filler) ? fs.statSync(filler).size : 0;
    const size = Math.max(0, current + freeBytes() - bytes);
    const handle = fs.openSync(filler, 'w');
    try {
      // Written, not truncated up: tmpfs counts only pages that hold data.
      const chunk = Buffer.alloc(256 * KB, 1);
      for (let written = 0; written < size; written += chunk.length) {
        const part = Math.min(chunk.length, size - written);
        try {
          fs.writeSync(handle, chunk, 0, part);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    } finally {
      fs.closeSync(handle);
    }
  };
  const freeSpace = () => fs.rmSync(filler, { force: true });

  /** Files and rows a write may leave. */
  const state = () => {
    const db = new Database(path.join(dataDir, 'phonghop.sqlite3'), { readonly: true });
    try {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return {
        documents: fs.readdirSync(path.join(dataDir, 'documents')).sort(),
        attachments: fs.existsSync(path.join(dataDir, 'task-attachments'))
          ? fs.readdirSync(path.join(dataDir, 'task-attachments')).sort()
          : [],
        versions: n('SELECT count(*) AS n FROM document_versions'),
        blobs: n('SELECT count(*) AS n FROM task_attachment_blobs'),
        reports: n('SELECT count(*) AS n FROM task_reports'),
        clock: n('SELECT value AS n FROM sync_clock'),
        audit: n('SELECT count(*) AS n FROM audit_log'),
      };
    } finally {
      db.close();
    }
  };

  const uploadDocument = (body: Uint8Array | ReadableStream<Uint8Array>, contentType: string) =>
    fetch(`${url}${buildPath(documentPaths.uploadDocument, { id: MEETING, itemId: ITEM })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretary}`, 'content-type': contentType },
      body,
      duplex: 'half',
    } as RequestInit);
  const uploadAttachment = (bytes: Uint8Array, sized = true) =>
    fetch(
      new URL(buildPath(taskAttachmentPaths.upload, { taskId: TASK, sha256: sha256(bytes) }), url),
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${reporter}`,
          'content-type': 'application/octet-stream',
        },
        body: sized ? new Uint8Array(bytes) : unsizedBody(bytes),
        duplex: 'half',
      } as RequestInit,
    );
  /** Pushes the next mutation of this client: a progress report on TASK. */
  const push = (id = mutationId + 1) =>
    fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reporter}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId,
        mutations: [
          {
            id,
            createdAt: new Date().toISOString(),
            mutation: {
              name: 'task.report',
              args: {
                taskId: TASK,
                reportId: `report-disk-${id}`,
                text: 'Báo cáo tiến độ khi máy chủ đầy ổ đĩa',
                percent: 40,
                attachments: [],
              },
            },
          },
        ],
      }),
    });
  const expect507 = async (response: Response) => {
    expect(response.status).toBe(507);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('insufficient_storage');
    expect(body.error.message).toMatch(/^Máy chủ đã hết dung lượng lưu trữ/);
  };
  const noTempFiles = () =>
    expect(
      [...state().documents, ...state().attachments].filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);

  beforeAll(async () => {
    ({ server, url } = await startTestServer({
      dataDir,
      workers: 1,
      minFreeDiskBytes: 1 * MB,
      orphanSweepMs: 0,
    }));
    [secretary, reporter] = await Promise.all([login(url, 'thuky'), login(url, 'baocao')]);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (mount.dir) {
      execFileSync('umount', [mount.dir]);
      fs.rmSync(mount.dir, { recursive: true, force: true });
    }
  });

  it('below the minimum free space: health says degraded, and uploads and a sync push answer 507, writing nothing', async () => {
    expect((await getJson(`${url}/api/health`)).body.status).toBe('ok');
    leaveFree(512 * KB);
    const health = await getJson(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.disk.freeBytes).toBeLessThan(health.body.disk.minFreeBytes);

    const before = state();
    const pdf = multipart(await makePdf('Bao cao'));
    await expect507(await uploadDocument(pdf.body, pdf.contentType));
    await expect507(await uploadAttachment(attachmentBytes()));
    await expect507(await push());
    expect(state()).toEqual(before);
    noTempFiles();
  });

  it('with room under the upload’s size and no size declared, the write meets ENOSPC: 507, its temporary file removed, no row', async () => {
    leaveFree(1.5 * MB);
    const before = state();
    const big = attachmentBytes(3 * MB);
    await expect507(await uploadAttachment(big, false));
    expect(state()).toEqual(before);
    noTempFiles();

    const pdf = multipart(await makePdf('Tai lieu lon', 3 * MB));
    await expect507(await uploadDocument(unsizedBody(pdf.body), pdf.contentType));
    expect(state()).toEqual(before);
    noTempFiles();
    // Nothing stayed behind taking space.
    expect(freeBytes()).toBeGreaterThan(1.2 * MB);
  });

  it('with no minimum and almost no room, a sync push’s transaction meets SQLITE_FULL: 507, nothing applied; applied once there is room', async () => {
    freeSpace();
    await server.close();
    ({ server, url } = await startTestServer({
      dataDir,
      workers: 1,
      seedDemo: false,
      minFreeDiskBytes: 0,
      orphanSweepMs: 0,
    }));
    // Room for the request's body (so the check before the transaction passes), not for the
    // database pages the push writes.
    leaveFree(8 * KB);
    const before = state();
    await expect507(await push());
    expect(state()).toEqual(before);

    freeSpace();
    const applied = await push();
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ results: [{ id: 1, status: 'applied' }] });
    mutationId = 1;
    expect(state().reports).toBe(before.reports + 1);
  }, 60_000);

  it('once space is freed, uploads and pushes work again and health says ok', async () => {
    freeSpace();
    expect((await getJson(`${url}/api/health`)).body.status).toBe('ok');
    const pdf = await makePdf('Sau khi giai phong o dia');
    const form = multipart(pdf);
    const document = await uploadDocument(form.body, form.contentType);
    expect(document.status).toBe(201);
    const file = attachmentBytes();
    expect((await uploadAttachment(file)).status).toBe(201);
    const pushed = await push();
    expect(pushed.status).toBe(200);
    expect(await pushed.json()).toMatchObject({
      results: [{ id: mutationId + 1, status: 'applied' }],
    });
    expect(state().attachments).toContain(sha256(file));
    noTempFiles();
  });
});

if (mount.skip !== undefined)
  describe('a full disk', () => {
    it.skip(`not run: ${mount.skip}`, () => undefined);
  });
