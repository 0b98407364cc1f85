/**
 * Attachment routes of progress reports (common/protocol/tasksApi.ts): a content-addressed,
 * idempotent upload and a download under the file's own name. Who may do what:
 * - upload: whoever may report on the task (its lead agency's members; staff);
 * - download: whoever may see the task (SyncService's visibility rule, as for pull).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ForbiddenError, InvalidError, NotFoundError, AppError } from '../../../common/errors';
import { MAX_ATTACHMENT_BYTES } from '../../../common/domain/task';
import {
  attachmentDownloadParamsSchema,
  attachmentUploadParamsSchema,
  taskAttachmentPaths,
  type AttachmentUploadResponse,
} from '../../../common/protocol/tasksApi';
import { mayReport } from '../../../common/tasks/mutations';
import { requireRequestUser, type Authenticate } from '../api/registerRoute';
import type { AppDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';
import type { DiskGuard } from '../storage/DiskSpace';
import type { FilesInFlight } from '../storage/FilesInFlight';
import { StorageQuota } from '../storage/StorageQuota';
import { requestKeyOf, UploadRequests } from '../storage/UploadRequests';
import { AttachmentStore, tooLargeAttachment } from './AttachmentStore';
import type { SyncService } from './SyncService';
import { TaskStore } from './TaskStore';

export interface AttachmentRouteDeps {
  authenticate: Authenticate;
  db: AppDatabase;
  sync: SyncService;
  dataDir: string;
  /** Refuses uploads (507) when the data directory's disk is (nearly) full. */
  disk: DiskGuard;
  /** What one task and one meeting may keep. */
  quota: StorageQuota;
  /** Files uploads are working on, which the orphan sweep leaves alone (one per server). */
  inFlight: FilesInFlight;
  /** Cap on one file; the domain's 20 MB unless a test lowers it. */
  maxBytes?: number;
}

function parseParams<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidError('Invalid path parameters');
  return result.data;
}

/**
 * `Content-Disposition` keeping a Vietnamese name: `filename*` (RFC 6266 / 5987) carries it in
 * UTF-8, and `filename` an ASCII fallback without diacritics for old clients.
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9 ._()-]/g, '_')
      .trim()
      .slice(0, 150) || 'tep-dinh-kem';
  const encoded = encodeURIComponent(fileName.normalize('NFC')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: AttachmentRouteDeps): void {
  const { authenticate, db, sync, disk, quota } = deps;
  const store = new AttachmentStore(db, deps.dataDir, deps.inFlight);
  const maxBytes = deps.maxBytes ?? MAX_ATTACHMENT_BYTES;

  const requireUser = (request: FastifyRequest) => requireRequestUser(request, authenticate);

  // Raw bytes only in this scope: no other route reads a body it has not parsed.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
      done(null, payload),
    );

    scope.put(taskAttachmentPaths.upload, async (request, reply) => {
      try {
        const user = await requireUser(request);
        const params = parseParams(attachmentUploadParamsSchema, request.params);
        const task = await TaskStore.get(db, params.taskId);
        if (!task || !(await sync.canSee(user, task))) throw new NotFoundError('No such task');
        if (!mayReport(await sync.actorOf(user), task))
          throw new ForbiddenError(
            'Only the lead agency of this task may attach files to its progress reports',
          );
        // A repeat of a stored request: the first answer, without reading the body (the SHA-256
        // in the path is the content, checked against the first).
        const key = requestKeyOf(request);
        const requestId =
          key === undefined ? undefined : { userId: user.id, key, target: `attachment:${task.id}` };
        const stored = requestId && (await UploadRequests.find(db, user.id, requestId.key));
        if (stored) {
          const answer = UploadRequests.replay(stored, requestId.target, params.sha256);
          return reply.code(answer.status).send(answer.body);
        }
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) throw tooLargeAttachment(maxBytes);
        const declaredBytes = Number.isFinite(declared) && declared > 0 ? declared : 0;
        await disk.requireRoom(declaredBytes);
        if (!(await AttachmentStore.sentFor(db, task.id, params.sha256)))
          await quota.requireTaskRoom(db, task, declaredBytes);
        const body = request.body as Readable | undefined;
        if (typeof body?.pipe !== 'function')
          throw new InvalidError('Send the file as the request body (application/octet-stream)');
        const received = await store.receive(body, maxBytes);
        if (received.sha256 !== params.sha256) {
          await store.discard(received);
          throw new InvalidError(
            `The file's SHA-256 is ${received.sha256}, not the ${params.sha256} it was sent to`,
            { reason: 'sha256_mismatch' },
          );
        }
        const { kind } = received;
        if (received.size === 0 || kind === null) {
          await store.discard(received);
          throw new InvalidError(
            'Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files may be attached',
            { reason: 'attachment_type' },
          );
        }
        let answer: { status: number; body: AttachmentUploadResponse };
        try {
          answer = await store.keep(received, async (trx) => {
            await StorageQuota.lockMeeting(trx, task.meetingId);
            // A file sent for this task before counts already: sending it again is a no-op.
            if (!(await AttachmentStore.sentFor(trx, task.id, received.sha256)))
              await quota.requireTaskRoom(trx, task, received.size);
            const created = await AttachmentStore.record(
              trx,
              { ...received, kind },
              task.id,
              user.id,
            );
            await new AuditLog(trx).record({
              userId: user.id,
              action: 'task.attachment_upload',
              subject: task.id,
              details: { sha256: received.sha256, size: received.size, created },
            });
            const first = {
              status: created ? 201 : 200,
              body: { sha256: received.sha256, size: received.size, created },
            };
            if (requestId) await UploadRequests.save(trx, requestId, received.sha256, first);
            return first;
          });
        } catch (error) {
          // Another copy of the same request, sent while this one ran, was stored first.
          const first = requestId && (await UploadRequests.settle(db, requestId, received.sha256));
          if (!first) throw error;
          answer = first as typeof answer;
        }
        return reply.code(answer.status).send(answer.body satisfies AttachmentUploadResponse);
      } catch (error) {
        // Whatever of the body is still coming is read and dropped, so the client reads the
        // answer instead of a reset connection.
        request.raw.resume();
        if (error instanceof AppError && error.code !== 'internal')
          request.log.info({ code: error.code, reason: error.message }, 'attachment refused');
        throw error;
      }
    });
  });

  app.get(taskAttachmentPaths.download, async (request, reply) => {
    const user = await requireUser(request);
    const params = parseParams(attachmentDownloadParamsSchema, request.params);
    const task = await TaskStore.get(db, params.taskId);
    if (!task) throw new NotFoundError('No such task');
    if (!(await sync.canSee(user, task)))
      throw new ForbiddenError('Only those who follow this task may read its reports’ files');
    const attachment = task.reports
      .find((r) => r.id === params.reportId)
      ?.attachments.find((a) => a.id === params.attachmentId);
    if (!attachment) throw new NotFoundError('No such attachment on this report');
    const file = store.pathOf(attachment.sha256);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat || stat.size !== attachment.size) {
      request.log.error({ file }, 'stored attachment missing or of the wrong size');
      throw new AppError('internal', 'The file of this attachment is missing on the server');
    }
    const etag = `"${attachment.sha256}"`;
    void reply
      .header('etag', etag)
      .header('content-type', attachment.mime)
      .header('content-disposition', contentDisposition('attachment', attachment.name))
      // The bytes under a SHA-256 never change; only this user's client may keep them.
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.code(200).header('content-length', stat.size).send(fs.createReadStream(file));
  });
}
