/**
 * Agenda and document routes (issue #4): the agenda with documents and versions, the current
 * item, streamed uploads (multipart, SHA-256 while writing, size cap while streaming, PDF check)
 * and downloads with Range. Who may do what:
 * - list and download: the meeting's invited participants, and admins (seesAllMeetings);
 *   a confidential document's content: invited participants only;
 * - upload and set the current item: the meeting's chair or secretary, or an admin;
 * - search: as the list, confidential documents for invited participants only.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AppError,
  assertUnreachable,
  ForbiddenError,
  InvalidError,
  NotFoundError,
} from '../../../common/errors';
import { can } from '../../../common/domain/policy';
import type { User } from '../../../common/domain/user';
import {
  documentPaths,
  uploadDocumentParamsSchema as uploadDocumentParams,
  uploadVersionParamsSchema as uploadVersionParams,
  versionContentParamsSchema as contentParams,
  type UploadResponse,
} from '../../../common/protocol/documentsApi';
import type { MeetingAccess } from '../api/access';
import { requireRequestUser, registerRoute, type Authenticate } from '../api/registerRoute';
import type { AppDatabase } from '../db/database';
import { AuditLog, type AuditEntry } from '../db/repos/AuditLog';
import type { MeetingRepository } from '../db/repos/MeetingRepository';
import type { AgendaEvents } from './AgendaEvents';
import { ifRangeHolds, noneMatch, parseByteRange } from './byteRange';
import { DocumentFileStore } from './DocumentFileStore';
import { DocumentSearch } from './DocumentSearch';
import { DocumentRepository, type NewVersionFile } from './DocumentRepository';
import { PdfInspector } from './inspectPdf';
import {
  hashUpload,
  MULTIPART_OVERHEAD,
  receiveUpload,
  titleFor,
  type ReceivedUpload,
} from './receiveUpload';
import type { DiskGuard } from '../storage/DiskSpace';
import type { FilesInFlight } from '../storage/FilesInFlight';
import { StorageQuota } from '../storage/StorageQuota';
import { requestKeyOf, UploadRequests } from '../storage/UploadRequests';

export interface DocumentRouteDeps {
  authenticate: Authenticate;
  access: MeetingAccess;
  db: AppDatabase;
  meetings: MeetingRepository;
  audit: AuditLog;
  dataDir: string;
  /** Cap on one uploaded file, bytes. */
  maxUploadBytes: number;
  /** Told of every change the meeting's room should see (current item, new document or version). */
  agendaEvents: AgendaEvents;
  /** Reads uploaded PDFs within the server's limits (one per server, shared; its owner closes it). */
  inspector?: PdfInspector;
  /** Refuses uploads (507) when the data directory's disk is (nearly) full. */
  disk: DiskGuard;
  /** What one meeting may keep (PHONGHOP_MEETING_QUOTA_*). */
  quota: StorageQuota;
  /** Files uploads are working on, which the orphan sweep leaves alone (one per server). */
  inFlight: FilesInFlight;
}

function parseParams<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidError('Invalid path parameters');
  return result.data;
}

/** `filename*` for Content-Disposition: the title as the saved file's name. */
function dispositionFor(title: string): string {
  const ascii = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ._-]/g, '')
    .trim()
    .slice(0, 100);
  return `inline; filename="${ascii || 'document'}.pdf"; filename*=UTF-8''${encodeURIComponent(`${title}.pdf`)}`;
}

export function registerDocumentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): void {
  const { authenticate, access, meetings, audit, agendaEvents, disk, quota } = deps;
  const documents = new DocumentRepository(deps.db);
  const files = new DocumentFileStore(deps.dataDir, deps.inFlight);
  const inspector = deps.inspector ?? new PdfInspector();
  const search = new DocumentSearch(deps.db);

  const canManage = async (meetingId: string, user: User): Promise<boolean> =>
    can(await meetings.meetingRole(meetingId, user.id), 'agenda.manage', user.roles);

  const requireUser = (request: FastifyRequest) => requireRequestUser(request, authenticate);

  registerRoute(app, 'meetingAgenda', authenticate, async ({ params, user }) => {
    await access.requireInvited(params.id, user!);
    const agenda = await documents.agenda(params.id);
    return { meetingId: params.id, ...agenda, canManage: await canManage(params.id, user!) };
  });

  registerRoute(app, 'setCurrentAgendaItem', authenticate, async ({ params, body, user }) => {
    await access.requireInvited(params.id, user!);
    if (!(await canManage(params.id, user!)))
      throw new ForbiddenError('Only the chair or the secretary of this meeting may do this');
    if (body.itemId !== null && !(await documents.itemBelongsTo(body.itemId, params.id)))
      throw new NotFoundError('No such agenda item in this meeting');
    await documents.setCurrentItem(params.id, body.itemId, user!.id);
    await audit.record({
      userId: user!.id,
      action: 'agenda.current_set',
      subject: params.id,
      details: { itemId: body.itemId },
    });
    agendaEvents.emit('changed', {
      meetingId: params.id,
      currentItemId: body.itemId,
      cause: 'currentItem',
    });
    return { currentItemId: body.itemId };
  });

  registerRoute(app, 'searchMeetingDocuments', authenticate, async ({ params, query, user }) => {
    await access.requireInvited(params.id, user!);
    // Confidential documents: invited participants only (not an admin), as for their content.
    const participant = await meetings.isParticipant(params.id, user!.id);
    return search.search(params.id, query.q, { includeConfidential: participant });
  });

  /**
   * Both uploads (issue #4, #16), in this order: a repeat of a stored request (same request id)
   * gets the first answer, its body hashed and compared but kept nowhere; the disk's free space
   * and the meeting's quota on the declared size, before the body is read; the body into a
   * temporary file; the PDF check; the file into place; then, in one transaction, the quota again
   * on the real size, the rows, the audit entry and the request id. Whatever fails, the temporary
   * and the stored file are removed and no row stays, so a refusal leaves nothing behind.
   * NOTE: the file is in place before the transaction, so a row never names a missing file; a
   * crash in between leaves an unreferenced file, which the orphan sweep removes.
   */
  const acceptUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: User,
    meetingId: string,
    target: string,
    write: (
      documents: DocumentRepository,
      received: ReceivedUpload,
      file: NewVersionFile,
    ) => Promise<{ documentId: string; audit: AuditEntry }>,
    /** Refuses what can be refused before the PDF is read (a missing title). */
    check: (received: ReceivedUpload) => void = () => undefined,
  ): Promise<FastifyReply> => {
    const key = requestKeyOf(request);
    const requestId = key === undefined ? undefined : { userId: user.id, key, target };
    if (requestId) {
      const stored = await UploadRequests.find(deps.db, user.id, requestId.key);
      if (stored) {
        try {
          UploadRequests.replay(stored, target);
        } catch (error) {
          request.raw.resume();
          throw error;
        }
        const repeat = await hashUpload(request, deps.maxUploadBytes);
        const answer = UploadRequests.replay(stored, target, repeat.sha256);
        return reply.code(answer.status).send(answer.body);
      }
    }
    const declared = Number(request.headers['content-length']);
    const declaredBytes = Number.isFinite(declared) && declared > 0 ? declared : 0;
    await disk.requireRoom(declaredBytes);
    await quota.requireMeetingRoom(
      deps.db,
      meetingId,
      Math.max(0, declaredBytes - MULTIPART_OVERHEAD),
    );

    const received = await receiveUpload(request, files, deps.maxUploadBytes);
    let storedName: string | undefined;
    try {
      check(received);
      // Each meeting's uploads wait in their own queue: never behind another meeting's backlog.
      const facts = await inspector.inspect(received.tempFile, { queue: meetingId });
      storedName = await files.commit(received.tempFile);
      const file: NewVersionFile = {
        storedName,
        sha256: received.sha256,
        sizeBytes: received.sizeBytes,
        pageCount: facts.pageCount,
        searchText: facts.text,
        pages: facts.pages,
        searchablePages: facts.searchablePages,
      };
      const { documentId, answer } = await deps.db.transaction().execute(async (trx) => {
        await StorageQuota.lockMeeting(trx, meetingId);
        await quota.requireMeetingRoom(trx, meetingId, file.sizeBytes);
        const inTransaction = new DocumentRepository(trx);
        const written = await write(inTransaction, received, file);
        await new AuditLog(trx).record(written.audit);
        const document = await inTransaction.document(meetingId, written.documentId);
        const answer = { status: 201, body: { document: document! } satisfies UploadResponse };
        if (requestId) await UploadRequests.save(trx, requestId, received.sha256, answer);
        return { documentId: written.documentId, answer };
      });
      // Committed: the file is the rows' now, never removed below.
      files.settled(storedName);
      storedName = undefined;
      // The room reloads its agenda.
      agendaEvents.emit('changed', {
        meetingId,
        currentItemId: await documents.currentItemId(meetingId),
        cause: 'document',
        documentId,
      });
      return reply.code(answer.status).send(answer.body);
    } catch (error) {
      await files.discard(received.tempFile);
      if (storedName) await files.remove(storedName).catch(() => undefined);
      // Another copy of the same request, sent while this one ran, was stored first.
      const first = requestId && (await UploadRequests.settle(deps.db, requestId, received.sha256));
      if (first) return reply.code(first.status).send(first.body);
      throw error;
    }
  };

  const requireManager = async (meetingId: string, user: User) => {
    await access.requireInvited(meetingId, user);
    if (!(await canManage(meetingId, user)))
      throw new ForbiddenError(
        'Only the chair or the secretary of this meeting may upload documents',
      );
  };

  /** Refusals are the client's fault and stay quiet, except a crafted path in a file name. */
  const logRejected = (request: FastifyRequest, user: User, error: unknown) => {
    if (!(error instanceof AppError)) return;
    const crafted = (error.details as { reason?: string } | undefined)?.reason === 'path_in_name';
    request.log[crafted ? 'warn' : 'info'](
      { userId: user.id, code: error.code, reason: error.message },
      'upload refused',
    );
  };

  // Multipart only in this scope: no other route parses multipart bodies.
  void app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: true });

    scope.post(documentPaths.uploadDocument, async (request, reply) => {
      const user = await requireUser(request);
      const params = parseParams(uploadDocumentParams, request.params);
      await requireManager(params.id, user);
      if (!(await documents.itemBelongsTo(params.itemId, params.id)))
        throw new NotFoundError('No such agenda item in this meeting');
      try {
        return await acceptUpload(
          request,
          reply,
          user,
          params.id,
          `document:${params.id}/${params.itemId}`,
          async (inTransaction, received, file) => {
            const documentId = randomUUID();
            const title = titleFor(received.fields.title, received.fileName);
            await inTransaction.createDocument({
              id: documentId,
              agendaItemId: params.itemId,
              title,
              confidential: received.fields.confidential === 'true',
              uploadedBy: user.id,
              file,
            });
            return {
              documentId,
              audit: {
                userId: user.id,
                action: 'document.upload',
                subject: documentId,
                details: {
                  meetingId: params.id,
                  itemId: params.itemId,
                  version: 1,
                  title,
                  sha256: file.sha256,
                  sizeBytes: file.sizeBytes,
                  pageCount: file.pageCount,
                },
              },
            };
          },
          (received) => void titleFor(received.fields.title, received.fileName),
        );
      } catch (error) {
        logRejected(request, user, error);
        throw error;
      }
    });

    scope.post(documentPaths.uploadVersion, async (request, reply) => {
      const user = await requireUser(request);
      const params = parseParams(uploadVersionParams, request.params);
      await requireManager(params.id, user);
      const existing = await documents.documentIn(params.id, params.documentId);
      if (!existing) throw new NotFoundError('No such document in this meeting');
      try {
        return await acceptUpload(
          request,
          reply,
          user,
          params.id,
          `version:${params.id}/${params.documentId}`,
          async (inTransaction, _received, file) => {
            const version = await inTransaction.addVersion(params.documentId, file, user.id);
            return {
              documentId: params.documentId,
              audit: {
                userId: user.id,
                action: 'document.upload',
                subject: params.documentId,
                details: {
                  meetingId: params.id,
                  version,
                  title: existing.title,
                  sha256: file.sha256,
                  sizeBytes: file.sizeBytes,
                  pageCount: file.pageCount,
                },
              },
            };
          },
        );
      } catch (error) {
        logRejected(request, user, error);
        throw error;
      }
    });
  });

  app.get(documentPaths.versionContent, async (request, reply) => {
    const user = await requireUser(request);
    const params = parseParams(contentParams, request.params);
    await access.requireInvited(params.id, user);
    const version = await documents.versionFile(
      params.id,
      params.documentId,
      Number(params.version),
    );
    if (!version) throw new NotFoundError('No such document version in this meeting');
    if (version.confidential && !(await meetings.isParticipant(params.id, user.id)))
      throw new ForbiddenError(
        'This document is confidential: only invited participants may read it',
      );
    return sendVersion(request, reply, files.pathOf(version.storedName), version, () =>
      // Who read which document (issue #16): once per download, not per resumed part.
      audit.record({
        userId: user.id,
        action: 'document.read',
        subject: params.documentId,
        details: {
          meetingId: params.id,
          version: Number(params.version),
          confidential: version.confidential,
        },
      }),
    );
  });
}

async function sendVersion(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  version: { sha256: string; sizeBytes: number; title: string },
  /** Awaited before bytes from the file's start are sent (a whole read, or its first part). */
  onRead: () => Promise<unknown> = async () => undefined,
): Promise<FastifyReply> {
  const stat = await fs.promises.stat(file).catch(() => undefined);
  if (!stat || stat.size !== version.sizeBytes) {
    request.log.error({ file }, 'stored document file missing or of the wrong size');
    throw new AppError('internal', 'The file of this document is missing on the server');
  }
  const etag = `"${version.sha256}"`;
  void reply
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('content-type', 'application/pdf')
    .header('content-disposition', dispositionFor(version.title))
    // A version never changes: a client may keep it as long as it likes, but only for itself.
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('x-content-type-options', 'nosniff');
  if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const ifRange = request.headers['if-range'];
  const rangeHeader = ifRangeHolds(typeof ifRange === 'string' ? ifRange : undefined, etag)
    ? request.headers.range
    : undefined;
  const range = parseByteRange(rangeHeader, stat.size);
  if (range.kind === 'full' || (range.kind === 'partial' && range.start === 0)) await onRead();
  switch (range.kind) {
    case 'full':
      return reply.code(200).header('content-length', stat.size).send(fs.createReadStream(file));
    case 'partial':
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
        .header('content-length', range.end - range.start + 1)
        .send(fs.createReadStream(file, { start: range.start, end: range.end }));
    case 'unsatisfiable':
      return reply
        .code(416)
        .header('content-range', `bytes */${stat.size}`)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('Range not satisfiable');
    default:
      return assertUnreachable(range);
  }
}
