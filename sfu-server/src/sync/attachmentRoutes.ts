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
import type { AuditLog } from '../db/repos/AuditLog';
import { AttachmentStore, tooLargeAttachment } from './AttachmentStore';
import type { SyncService } from './SyncService';
import { TaskStore } from './TaskStore';

export interface AttachmentRouteDeps {
  authenticate: Authenticate;
  db: AppDatabase;
  sync: SyncService;
  audit: AuditLog;
  dataDir: string;
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
  const { authenticate, db, sync, audit } = deps;
  const store = new AttachmentStore(db, deps.dataDir);
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
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) throw tooLargeAttachment(maxBytes);
        const body = request.body as Readable | undefined;
        if (typeof body?.pipe !== 'function')
          throw new InvalidError('Send the file as the request body (application/octet-stream)');
        const received = await store.receive(body, maxBytes);
        if (received.sha256 !== params.sha256) {
          await store.discard(received.tempFile);
          throw new InvalidError(
            `The file's SHA-256 is ${received.sha256}, not the ${params.sha256} it was sent to`,
            { reason: 'sha256_mismatch' },
          );
        }
        if (received.size === 0 || received.kind === null) {
          await store.discard(received.tempFile);
          throw new InvalidError(
            'Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files may be attached',
            { reason: 'attachment_type' },
          );
        }
        const created = await store.commit({ ...received, kind: received.kind }, task.id, user.id);
        await audit.record({
          userId: user.id,
          action: 'task.attachment_upload',
          subject: task.id,
          details: { sha256: received.sha256, size: received.size, created },
        });
        return reply.code(created ? 201 : 200).send({
          sha256: received.sha256,
          size: received.size,
          created,
        } satisfies AttachmentUploadResponse);
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
