import type { ApiClient } from '../../common/protocol/ApiClient';
import type {
  AnnotationPullRequest,
  AnnotationPullResponse,
  AnnotationPushRequest,
  AnnotationPushResponse,
} from '../../common/protocol/annotationsApi';
import { buildPath } from '../../common/protocol/api';
import type {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../common/protocol/sync';
import {
  attachmentUploadResponseSchema,
  taskAttachmentPaths,
} from '../../common/protocol/tasksApi';

/** A report's file, sent before the report that names it. */
export interface AttachmentUpload {
  taskId: string;
  sha256: string;
  bytes: Uint8Array;
  /**
   * Names this upload across retries (`Idempotency-Key`): the server answers a repeat with its
   * first answer and stores nothing twice (SyncEngine derives it from the client and the file).
   */
  requestId?: string;
}

/** How a replica reaches the server: HTTP in the app, the server's service in-process in tests. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  /**
   * Sends one file (idempotent: the server keeps one copy per SHA-256). Optional for transports
   * of tests that never attach files; the engine refuses to push a report with files without it.
   */
  uploadAttachment?(upload: AttachmentUpload): Promise<void>;
}

export function httpSyncTransport(api: () => Promise<ApiClient>): SyncTransport {
  return {
    push: async (request) => (await api()).call('syncPush', {}, request),
    pull: async (request) => (await api()).call('syncPull', {}, request),
    uploadAttachment: async ({ taskId, sha256, bytes, requestId }) => {
      await (
        await api()
      ).putBytes(
        buildPath(taskAttachmentPaths.upload, { taskId, sha256 }),
        bytes,
        attachmentUploadResponseSchema,
        { requestId },
      );
    },
  };
}

/** How an annotation replica reaches the server (common/protocol/annotationsApi.ts). */
export interface AnnotationSyncTransport {
  push(request: AnnotationPushRequest): Promise<AnnotationPushResponse>;
  pull(request: AnnotationPullRequest): Promise<AnnotationPullResponse>;
}

export function httpAnnotationSyncTransport(
  api: () => Promise<ApiClient>,
): AnnotationSyncTransport {
  return {
    push: async (request) => (await api()).call('annotationsPush', {}, request),
    pull: async (request) => (await api()).call('annotationsPull', {}, request),
  };
}
