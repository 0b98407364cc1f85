import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../api/registerRoute';
import { registerRoute } from '../api/registerRoute';
import type { SyncService } from './SyncService';

export function registerSyncRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; sync: SyncService },
): void {
  registerRoute(app, 'syncPush', deps.authenticate, ({ user, body }) =>
    deps.sync.push(user!, body),
  );
  registerRoute(app, 'syncPull', deps.authenticate, ({ user, body }) =>
    deps.sync.pull(user!, body),
  );
}
