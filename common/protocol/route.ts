/**
 * The shape of one REST route in the contract. Each area (core, documents, sync) keeps its
 * route table in its own module; `api.ts` joins them into `apiRoutes`.
 */
import { z } from 'zod';
import type { roleSchema } from '../domain/user';

/** No path parameters, or no body. */
export const empty = z.strictObject({});
export const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export interface RouteDef<
  P extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  Q extends z.ZodType = typeof empty,
> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params: P;
  body: B;
  /** The query string's parameters (a GET's input); absent: the query string is not read. */
  query?: Q;
  response: R;
  /** false only for health and login; everything else needs a bearer token. */
  auth: boolean;
  /** Roles allowed; absent = any authenticated user (with per-object checks in the handler). */
  roles?: readonly z.infer<typeof roleSchema>[];
  /**
   * Callable by a user who must change a password an administrator set (me, logout, the change
   * itself); every other route refuses them until they have.
   */
  whilePasswordChangePending?: boolean;
}

export function route<
  P extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  Q extends z.ZodType = typeof empty,
>(def: RouteDef<P, B, R, Q>): RouteDef<P, B, R, Q> {
  return def;
}
