/**
 * Usage figures for administrators (common/protocol/usageApi.ts). The route table allows only
 * 'admin'; the query's period is checked there (calendar days, at most USAGE_MAX_MONTHS).
 */
import type { FastifyInstance } from 'fastify';
import { registerRoute, type Authenticate } from '../api/registerRoute';
import type { UsageService } from './UsageService';

export function registerUsageRoutes(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; usage: UsageService },
): void {
  const { authenticate, usage } = deps;
  registerRoute(app, 'getUsage', authenticate, ({ query }) => usage.report(query));
}
