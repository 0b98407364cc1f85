import type { FastifyInstance } from 'fastify';
import { registerRoute, type Authenticate } from '../api/registerRoute';
import type { AnnotationService } from './AnnotationService';

/** Push and pull of annotations (common/protocol/annotationsApi.ts); checks are in the service. */
export function registerAnnotationRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; annotations: AnnotationService },
): void {
  registerRoute(app, 'annotationsPush', deps.authenticate, ({ user, body }) =>
    deps.annotations.push(user!, body),
  );
  registerRoute(app, 'annotationsPull', deps.authenticate, ({ user, body }) =>
    deps.annotations.pull(user!, body),
  );
}
