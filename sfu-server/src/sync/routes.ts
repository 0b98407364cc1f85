import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../api/registerRoute';
import { registerRoute } from '../api/registerRoute';
import type { AppDatabase } from '../db/database';
import type { AuditLog } from '../db/repos/AuditLog';
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
  },
): void {
  registerRoute(app, 'syncPush', deps.authenticate, ({ user, body }) =>
    deps.sync.push(user!, body),
  );
  registerRoute(app, 'syncPull', deps.authenticate, ({ user, body }) =>
    deps.sync.pull(user!, body),
  );
  registerAttachmentRoutes(app, deps);
}
