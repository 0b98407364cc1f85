/**
 * `server.call`: the renderer's one door to the REST routes listed in `RENDERER_ROUTES`. The
 * route is checked against the allowlist (the IPC contract's enum, and again here), its params,
 * body and query against the REST contract's own schemas, all before any network call; then it
 * goes to the server with the signed-in session's token, and the server's answer comes back as
 * ApiClient validated it.
 */
import type { z } from 'zod';
import { AppError, ForbiddenError, InvalidError } from '../../common/errors';
import { RENDERER_ROUTES, type ServerCallRequest } from '../../common/ipc/serverCall';
import {
  apiRoutes,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
} from '../../common/protocol/api';
import type { SessionService } from './SessionService';

const allowed = new Set<string>(RENDERER_ROUTES);

function check(schema: z.ZodType, value: unknown, route: string, what: string): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new InvalidError(`Invalid ${what} for ${route}${where}: ${issue?.message ?? 'bad value'}`, {
    issues: result.error.issues.slice(0, 10).map((i) => ({ path: i.path, message: i.message })),
  });
}

export class ServerCallService {
  readonly #session: SessionService;

  constructor(session: SessionService) {
    this.#session = session;
  }

  async call(request: ServerCallRequest): Promise<unknown> {
    const { route } = request;
    if (!allowed.has(route)) throw new ForbiddenError(`The renderer may not call ${route}`);
    const def = apiRoutes[route];
    const params = request.params ?? {};
    const body = def.method === 'GET' ? {} : (request.body ?? {});
    const query = request.query ?? {};
    check(def.params, params, route, 'path parameters');
    check(def.body, body, route, 'request body');
    if ('query' in def && def.query) check(def.query, query, route, 'query parameters');
    const { api } = await this.#session.authorizedClient();
    try {
      // NOTE: what the renderer sent, not the parsed value: a schema's output (a default filled
      // in, a trimmed string) need not be its input, and the server parses the same schemas again.
      return await api.call(
        route,
        params as RouteParams<typeof route>,
        body as RouteBody<typeof route>,
        query as RouteQuery<typeof route>,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized')
        await this.#session.sessionRejected();
      throw error;
    }
  }
}
