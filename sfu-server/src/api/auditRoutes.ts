/**
 * The audit log for administrators (common/protocol/auditApi.ts): filtered pages, newest first,
 * and the record of each export. The route table allows only 'admin'.
 */
import type { FastifyInstance } from 'fastify';
import { AUDIT_PAGE_DEFAULT } from '../../../common/protocol/auditApi';
import type { AuditLog } from '../db/repos/AuditLog';
import { registerRoute, type Authenticate } from './registerRoute';

export function registerAuditRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; audit: AuditLog },
): void {
  const { authenticate, audit } = deps;
  registerRoute(app, 'listAuditLog', authenticate, ({ query }) => {
    const { limit, ...filter } = query;
    return audit.page(filter, limit ?? AUDIT_PAGE_DEFAULT);
  });
  registerRoute(app, 'auditExported', authenticate, async ({ user, body }) => {
    await audit.record({
      userId: user!.id,
      action: 'audit.exported',
      subject: null,
      details: { filter: body.filter, rows: body.rows },
    });
    return { ok: true as const };
  });
}
