/**
 * Binds a handler to a route of the shared REST contract: validates params and body with the
 * contract's zod schemas, authenticates the bearer token and checks roles before the handler runs.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ForbiddenError, InvalidError, UnauthorizedError } from '../../../common/errors';
import {
  apiRoutes,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '../../../common/protocol/api';
import type { User } from '../../../common/domain/user';

export interface RequestContext<N extends RouteName> {
  params: RouteParams<N>;
  body: RouteBody<N>;
  /** The query string, for routes that declare `query`; `{}` otherwise. */
  query: RouteQuery<N>;
  /** Present on every route with `auth: true`. */
  user: User | undefined;
  token: string | undefined;
  request: FastifyRequest;
}

/**
 * The user of a live session, or undefined. Throws forbidden for a user who must first change a
 * password an administrator set, unless the caller is one of the routes that allows it.
 */
export type Authenticate = (
  token: string,
  options?: { whilePasswordChangePending?: boolean },
) => Promise<User | undefined>;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new InvalidError(`Invalid ${what}${where}: ${issue?.message ?? 'bad value'}`);
  }
  return result.data;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match?.[1];
}

/** The user of a hand-bound (streamed) route's bearer token; 401 without a live session. */
export async function requireRequestUser(
  request: FastifyRequest,
  authenticate: Authenticate,
): Promise<User> {
  const token = bearerToken(request);
  const user = token ? await authenticate(token) : undefined;
  if (!user) throw new UnauthorizedError();
  return user;
}

export function registerRoute<N extends RouteName>(
  app: FastifyInstance,
  name: N,
  authenticate: Authenticate,
  handler: (ctx: RequestContext<N>) => Promise<RouteResponse<N>>,
  routeOptions: { config?: Record<string, unknown> } = {},
): void {
  const def = apiRoutes[name];
  app.route({
    method: def.method,
    url: def.path,
    config: routeOptions.config,
    handler: async (request) => {
      let user: User | undefined;
      let token: string | undefined;
      if (def.auth) {
        token = bearerToken(request);
        user = token
          ? await authenticate(token, {
              whilePasswordChangePending:
                'whilePasswordChangePending' in def && def.whilePasswordChangePending === true,
            })
          : undefined;
        if (!user) throw new UnauthorizedError();
        const allowed = 'roles' in def ? (def.roles as readonly string[] | undefined) : undefined;
        if (allowed && !user.roles.some((r) => allowed.includes(r))) throw new ForbiddenError();
      }
      const params = parse(def.params, request.params, 'path parameters') as RouteParams<N>;
      const body = parse(
        def.body,
        def.method === 'GET' ? {} : request.body,
        'request body',
      ) as RouteBody<N>;
      const query = (
        def.query ? parse(def.query, request.query, 'query parameters') : {}
      ) as RouteQuery<N>;
      return handler({ params, body, query, user, token, request });
    },
  });
}
