/**
 * The directory's REST routes (common/protocol/directoryApi.ts): admins only, which the route
 * table says (`roles: ['admin']`) and registerRoute enforces before a body is even read.
 */
import type { FastifyInstance } from 'fastify';
import { registerRoute, type Authenticate } from '../api/registerRoute';
import type { DirectoryService } from './DirectoryService';

export function registerDirectoryRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; directory: DirectoryService },
): void {
  const { authenticate, directory } = deps;

  registerRoute(app, 'listUnits', authenticate, async () => ({
    units: await directory.listUnits(),
  }));
  registerRoute(app, 'createUnit', authenticate, async ({ user, body }) => ({
    unit: await directory.createUnit(user!, body),
  }));
  registerRoute(app, 'updateUnit', authenticate, async ({ user, params, body }) => ({
    unit: await directory.updateUnit(user!, params.id, body),
  }));
  registerRoute(app, 'moveUnit', authenticate, async ({ user, params, body }) => ({
    unit: await directory.moveUnit(user!, params.id, body.parentId),
  }));
  registerRoute(app, 'mergeUnit', authenticate, async ({ user, params, body }) =>
    directory.mergeUnit(user!, params.id, body.successorId),
  );

  registerRoute(app, 'listSites', authenticate, async () => ({
    sites: await directory.listSites(),
  }));
  registerRoute(app, 'createSite', authenticate, async ({ user, body }) => ({
    site: await directory.createSite(user!, body),
  }));
  registerRoute(app, 'updateSite', authenticate, async ({ user, params, body }) => ({
    site: await directory.updateSite(user!, params.id, body),
  }));

  registerRoute(app, 'listDirectoryUsers', authenticate, async ({ query }) =>
    directory.listUsers(query),
  );
  registerRoute(app, 'createUser', authenticate, async ({ user, body }) => ({
    user: await directory.createUser(user!, body),
  }));
  registerRoute(app, 'updateUser', authenticate, async ({ user, params, body }) => ({
    user: await directory.updateUser(user!, params.id, body),
  }));
  registerRoute(app, 'setUserDisabled', authenticate, async ({ user, params, body }) => ({
    user: await directory.setUserDisabled(user!, params.id, body.disabled),
  }));

  registerRoute(app, 'importDirectory', authenticate, async ({ user, body }) =>
    directory.importDirectory(user!, body),
  );
}
