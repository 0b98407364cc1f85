/**
 * The REST contract between clients and sfu-server. Each route names its method, path, body
 * and response schemas; the server registers handlers against it and validates with the same
 * schemas, and `ApiClient` derives its request and response types from it.
 */
import { z } from 'zod';
import { meetingDetailSchema, meetingSummarySchema } from '../domain/meeting';
import { userSchema } from '../domain/user';
import { loginUsernameSchema, newPasswordSchema } from '../domain/account';
import { annotationRoutes } from './annotationsApi';
import { auditRoutes } from './auditApi';
import { usageRoutes } from './usageApi';
import { directoryRoutes } from './directoryApi';
import { meetingPlanRoutes } from './meetingsApi';
import { documentRoutes } from './documentsApi';
import { empty, idParams, route } from './route';
import { syncRoutes } from './sync';

export const API_VERSION = 1;

export const healthResponseSchema = z.object({
  /** degraded: answering, but the data directory's disk is below its free-space threshold. */
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  mediasoup: z.object({ workers: z.number().int() }),
  /** The data directory's file system. Absent from older servers. */
  disk: z
    .object({ freeBytes: z.number(), totalBytes: z.number(), minFreeBytes: z.number() })
    .optional(),
});

export const loginRequestSchema = z.strictObject({
  username: loginUsernameSchema,
  password: z.string().min(1).max(256),
});

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});

export const resetPasswordRequestSchema = z.strictObject({
  /** The temporary password the administrator hands over; the user must change it at sign-in. */
  newPassword: newPasswordSchema,
});
export const loginResponseSchema = z.object({
  token: z.string(),
  user: userSchema,
  expiresAt: z.string(),
});

export const joinTicketResponseSchema = z.object({
  /** Single-use, short-lived: the renderer opens the signaling socket with it, never with the session token. */
  ticket: z.string(),
  expiresAt: z.string(),
  signalingUrl: z.string(),
});

const coreRoutes = {
  health: route({
    method: 'GET',
    path: '/api/health',
    params: empty,
    body: empty,
    response: healthResponseSchema,
    auth: false,
  }),
  /**
   * This contract as an OpenAPI 3.1 document (openapi.ts), for integrators such as the province's
   * LGSP. Public, like health: it describes routes every client already ships, and holds no secret.
   */
  openApi: route({
    method: 'GET',
    path: '/api/openapi.json',
    params: empty,
    body: empty,
    response: z.looseObject({
      openapi: z.string(),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.unknown()),
    }),
    auth: false,
  }),
  login: route({
    method: 'POST',
    path: '/api/auth/login',
    params: empty,
    body: loginRequestSchema,
    response: loginResponseSchema,
    auth: false,
  }),
  logout: route({
    method: 'POST',
    path: '/api/auth/logout',
    params: empty,
    body: empty,
    response: z.object({ ok: z.literal(true) }),
    auth: true,
    whilePasswordChangePending: true,
  }),
  /** Changes the caller's own password and signs out their other sessions. */
  changePassword: route({
    method: 'POST',
    path: '/api/auth/password',
    params: empty,
    body: changePasswordRequestSchema,
    response: z.object({ user: userSchema }),
    auth: true,
    whilePasswordChangePending: true,
  }),
  /** An administrator sets a temporary password; the user's sessions end and sign-in asks for a new one. */
  resetUserPassword: route({
    method: 'POST',
    path: '/api/admin/users/:id/password',
    params: idParams,
    body: resetPasswordRequestSchema,
    response: z.object({ ok: z.literal(true) }),
    auth: true,
    roles: ['admin'],
  }),
  me: route({
    method: 'GET',
    path: '/api/me',
    params: empty,
    body: empty,
    response: userSchema,
    auth: true,
    whilePasswordChangePending: true,
  }),
  listMeetings: route({
    method: 'GET',
    path: '/api/meetings',
    params: empty,
    body: empty,
    response: z.object({ meetings: z.array(meetingSummarySchema) }),
    auth: true,
  }),
  getMeeting: route({
    method: 'GET',
    path: '/api/meetings/:id',
    params: idParams,
    body: empty,
    response: meetingDetailSchema,
    auth: true,
  }),
  joinTicket: route({
    method: 'POST',
    path: '/api/meetings/:id/join-ticket',
    params: idParams,
    body: empty,
    response: joinTicketResponseSchema,
    auth: true,
  }),
  listUsers: route({
    method: 'GET',
    path: '/api/admin/users',
    params: empty,
    body: empty,
    response: z.object({ users: z.array(userSchema) }),
    auth: true,
    roles: ['admin'],
  }),
} as const;

/** Every route; each area keeps its table in its own module. */
export const apiRoutes = {
  ...coreRoutes,
  ...documentRoutes,
  ...syncRoutes,
  ...annotationRoutes,
  ...directoryRoutes,
  ...meetingPlanRoutes,
  ...auditRoutes,
  ...usageRoutes,
} as const;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
export type RouteParams<N extends RouteName> = z.infer<ApiRoutes[N]['params']>;
export type RouteBody<N extends RouteName> = z.infer<ApiRoutes[N]['body']>;
export type RouteResponse<N extends RouteName> = z.infer<ApiRoutes[N]['response']>;
export type RouteQuery<N extends RouteName> = z.infer<NonNullable<ApiRoutes[N]['query']>>;

/** Fills `:name` segments of a route path, URL-encoding each value. */
export function buildPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z][a-zA-Z0-9]*)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}
