import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../api/registerRoute';
import { registerRoute } from '../api/registerRoute';
import type { AppDatabase } from '../db/database';
import type { AuditLog } from '../db/repos/AuditLog';
import type { DiskGuard } from '../storage/DiskSpace';
import type { FilesInFlight } from '../storage/FilesInFlight';
import type { StorageQuota } from '../storage/StorageQuota';
import { registerAttachmentRoutes } from './attachmentRoutes';
import type { SyncService } from './SyncService';

export function registerSyncRoutes(
  app: FastifyInstance,
  deps: {
    authenticate: Authenticate;
    sync: SyncService;
    db: AppDatabase;
    audit: AuditLog;
    /** Where report attachments are kept (`task-attachments/`). */
    dataDir: string;
    /** Refuses pushes and uploads (507) when the data directory's disk is (nearly) full. */
    disk: DiskGuard;
    /** What one task and one meeting may keep (PHONGHOP_TASK_QUOTA_*, PHONGHOP_MEETING_QUOTA_*). */
    quota: StorageQuota;
    /** Files uploads are working on, which the orphan sweep leaves alone (one per server). */
    inFlight: FilesInFlight;
  },
): void {
  registerRoute(app, 'syncPush', deps.authenticate, async ({ user, body, request }) => {
    // A full disk refuses the push before its transaction (nothing applied, the outbox keeps
    // it); one that fills during the transaction is rolled back and answered the same (507).
    await deps.disk.requireRoom(Number(request.headers['content-length']) || 0);
    return deps.sync.push(user!, body);
  });
  registerRoute(app, 'syncPull', deps.authenticate, ({ user, body }) =>
    deps.sync.pull(user!, body),
  );
  registerAttachmentRoutes(app, deps);
}
