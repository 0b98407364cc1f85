/**
 * What the meeting's chair and secretary (and admins) change on the agenda (issue #4): upload a
 * document or a new version of one, and set the item under discussion. The server decides who
 * may; its refusals come back as AppErrors with their codes and `details` (see documentsApi.ts).
 *
 * Events: `uploadProgress` while an upload is sent (at most once per whole percent), when all
 * bytes are out and the server checks the PDF (`checking`), and when it ends (`done`, `failed`).
 *
 * An upload whose answer does not arrive (the link drops, a timeout, the server restarting) is
 * sent again, up to twice, under the same request id (`Idempotency-Key`): if the server had
 * stored it, it answers with the first answer and stores nothing twice, so a retry never makes
 * a second document or version. Refusals are not retried.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import type { DocumentUploadProgress } from '../../common/domain/document';
import type { IpcRequest, IpcResponse } from '../../common/ipc/contract';
import { buildPath } from '../../common/protocol/api';
import {
  documentPaths,
  uploadFieldNames,
  uploadResponseSchema,
} from '../../common/protocol/documentsApi';
import type { DocumentCacheService } from './DocumentCacheService';
import type { SessionService } from './SessionService';

export interface AgendaManagementEvents {
  uploadProgress: [progress: DocumentUploadProgress];
}

export type UploadRequest = IpcRequest<'documents.upload'>;

export interface AgendaManagementOptions {
  /** Waits before each retry of an upload that got no answer, ms (its length: how many). */
  retryDelaysMs?: readonly number[];
}

/** Errors that say the answer did not arrive, not that the server refused: worth a retry. */
const RETRIED_CODES = new Set(['unavailable']);

export class AgendaManagementService extends EventEmitter<AgendaManagementEvents> {
  readonly #session: SessionService;
  readonly #documents: DocumentCacheService;
  readonly #retryDelaysMs: readonly number[];

  constructor(
    session: SessionService,
    documents: DocumentCacheService,
    options: AgendaManagementOptions = {},
  ) {
    super();
    this.#session = session;
    this.#documents = documents;
    this.#retryDelaysMs = options.retryDelaysMs ?? [1_000, 4_000];
  }

  /** Streams the file to the server; resolves with the document as listed, the new version first. */
  async upload(request: UploadRequest): Promise<IpcResponse<'documents.upload'>> {
    const { uploadId, meetingId, target, fileName, bytes } = request;
    const { api } = await this.#session.authorizedClient();
    const path =
      target.kind === 'document'
        ? buildPath(documentPaths.uploadDocument, { id: meetingId, itemId: target.itemId })
        : buildPath(documentPaths.uploadVersion, { id: meetingId, documentId: target.documentId });
    const fields: Record<string, string> = {};
    if (target.kind === 'document') {
      if (target.title) fields[uploadFieldNames.title] = target.title;
      fields[uploadFieldNames.confidential] = String(target.confidential);
    }
    let lastPercent = -1;
    let sentBytes = 0;
    let totalBytes = bytes.byteLength;
    const report = (phase: DocumentUploadProgress['phase']) =>
      this.emit('uploadProgress', { uploadId, meetingId, phase, sentBytes, totalBytes });
    // One id for this upload, sent again with every retry of it.
    const requestId = randomUUID();
    const send = () => {
      lastPercent = -1;
      return api.postMultipart(
        path,
        {
          fields,
          file: { field: uploadFieldNames.file, name: fileName, type: 'application/pdf', bytes },
        },
        uploadResponseSchema,
        (sent, total) => {
          sentBytes = sent;
          totalBytes = total;
          const percent = Math.floor((sent / total) * 100);
          if (sent === total) report('checking');
          else if (percent > lastPercent) report('sending');
          lastPercent = percent;
        },
        { requestId },
      );
    };
    try {
      let attempt = 0;
      let answer: Awaited<ReturnType<typeof send>> | undefined;
      while (!answer) {
        try {
          answer = await send();
        } catch (error) {
          const delay = this.#retryDelaysMs[attempt++];
          if (!(error instanceof AppError && RETRIED_CODES.has(error.code)) || delay === undefined)
            throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
      const { document } = answer;
      report('done');
      // The uploader's own copy is readable offline at once; if this fails it downloads later.
      await this.#documents
        .keepUploaded(meetingId, document.id, document.currentVersion, bytes)
        .catch(() => undefined);
      return { document };
    } catch (error) {
      report('failed');
      await this.#rejectedSession(error);
      throw error;
    }
  }

  async setCurrentItem(
    meetingId: string,
    itemId: string | null,
  ): Promise<IpcResponse<'documents.setCurrentItem'>> {
    const { api } = await this.#session.authorizedClient();
    try {
      return await api.call('setCurrentAgendaItem', { id: meetingId }, { itemId });
    } catch (error) {
      await this.#rejectedSession(error);
      throw error;
    }
  }

  /** The server no longer accepts the token: the session ends here too. */
  async #rejectedSession(error: unknown): Promise<void> {
    if (error instanceof AppError && error.code === 'unauthorized')
      await this.#session.sessionRejected();
  }
}
