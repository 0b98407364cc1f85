import type { ApiClient } from '../../common/protocol/ApiClient';
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
    uploadAttachment: async ({ taskId, sha256, bytes }) => {
      await (
        await api()
      ).putBytes(
        buildPath(taskAttachmentPaths.upload, { taskId, sha256 }),
        bytes,
        attachmentUploadResponseSchema,
      );
    },
  };
}
