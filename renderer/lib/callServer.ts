/**
 * The renderer's typed door to the REST routes main lets it reach (`RENDERER_ROUTES`): one IPC
 * call, `server.call`, which main validates against the REST contract and forwards with the
 * session's token. Types come from the REST contract; the answer is checked against the route's
 * response schema once more here, as every IPC answer is.
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import { AppError } from '../../common/errors';
import type { RendererRoute } from '../../common/ipc/contract';
import {
  apiRoutes,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '../../common/protocol/api';
import { getApi } from './api';
import { useIpcQuery, type QueryState } from './useIpcQuery';

function parseAnswer<N extends RendererRoute>(name: N, value: unknown): RouteResponse<N> {
  const schema: z.ZodType = apiRoutes[name].response;
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError('incompatible', `The answer to ${name} does not match the contract`, {
      issues: parsed.error.issues.slice(0, 10),
    });
  return parsed.data as RouteResponse<N>;
}

export async function callServer<N extends RendererRoute>(
  name: N,
  params: RouteParams<N>,
  body: RouteBody<N>,
  query?: RouteQuery<N>,
): Promise<RouteResponse<N>> {
  const value = await getApi().invoke('server.call', {
    route: name,
    params: params as Record<string, unknown>,
    body,
    ...(query ? { query: query as Record<string, unknown> } : {}),
  });
  return parseAnswer(name, value);
}

/** A read through `server.call` for a screen, as `useIpcQuery` (loading, success, error, reload). */
export function useServerQuery<N extends RendererRoute>(
  name: N,
  params: RouteParams<N>,
  query?: RouteQuery<N>,
): QueryState<RouteResponse<N>> & { reload: () => void } {
  const raw = useIpcQuery('server.call', {
    route: name,
    params: params as Record<string, unknown>,
    body: {},
    ...(query ? { query: query as Record<string, unknown> } : {}),
  });
  const data = raw.status === 'success' ? raw.data : undefined;
  // Parsed once per answer, not per render.
  const parsed = useMemo(() => {
    if (data === undefined) return undefined;
    try {
      return { ok: true as const, value: parseAnswer(name, data) };
    } catch (error) {
      return { ok: false as const, error: error as AppError };
    }
  }, [name, data]);
  if (raw.status === 'loading' || raw.status === 'error' || parsed === undefined) {
    return raw.status === 'error' ? raw : { status: 'loading', reload: raw.reload };
  }
  return parsed.ok
    ? { status: 'success', data: parsed.value, reloading: raw.reloading, reload: raw.reload }
    : { status: 'error', error: parsed.error, reloading: raw.reloading, reload: raw.reload };
}
