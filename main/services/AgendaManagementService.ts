/**
 * What the meeting's chair and secretary (and admins) change on the agenda (issue #4): upload a
 * document or a new version of one, and set the item under discussion. The server decides who
 * may; its refusals come back as AppErrors with their codes and `details` (see documentsApi.ts).
 *
 * Events: `uploadProgress` while an upload is sent (at most once per whole percent), when all
 * bytes are out and the server checks the PDF (`checking`), and when it ends (`done`, `failed`).
 */
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

export class AgendaManagementService extends EventEmitter<AgendaManagementEvents> {
  readonly #session: SessionService;
  readonly #documents: DocumentCacheService;

  constructor(session: SessionService, documents: DocumentCacheService) {
    super();
    this.#session = session;
    this.#documents = documents;
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
    try {
      const { document } = await api.postMultipart(
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
      );
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
