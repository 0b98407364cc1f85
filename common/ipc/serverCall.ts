/**
 * One IPC call, `server.call`, carries the renderer's calls to the REST routes that need nothing
 * of main but the session's token (admin screens, accounts, meeting management), instead of one
 * IPC channel per route. Main checks the route against this allowlist, validates params, body and
 * query with the REST contract's own schemas before any network call, and answers with the
 * server's validated response. The token never reaches the renderer.
 */
import { z } from 'zod';
import type { RouteName } from '../protocol/api';

/** The REST routes the renderer may call through `server.call`; add a route here to expose it. */
export const RENDERER_ROUTES = [
  // Directory (issue #15 §2): units, sites, people, spreadsheet import.
  'listUnits',
  'createUnit',
  'updateUnit',
  'moveUnit',
  'mergeUnit',
  'listSites',
  'createSite',
  'updateSite',
  'listDirectoryUsers',
  'createUser',
  'updateUser',
  'setUserDisabled',
  'importDirectory',
  // Accounts: a temporary password set by an administrator (imported people have none).
  'resetUserPassword',
  // Meeting planning (issue #15 §3): the Office's plans, everyone's invitations and calendar.
  'listPlans',
  'createMeeting',
  'getMeetingPlan',
  'updateMeeting',
  'updateAgenda',
  'publishMeeting',
  'setMeetingStatus',
  'listPeople',
  'listUnitsAndSites',
  'myInvitations',
  'markInvitationSeen',
  'invitationPeople',
  'answerInvitation',
  'weekCalendar',
  // The audit log (issue #15 §2), administrators only; its export goes through `audit.export`.
  'listAuditLog',
  // Usage figures (issue #15 §2), administrators only; the workbook goes through `usage.export`.
  'getUsage',
] as const satisfies readonly RouteName[];
export type RendererRoute = (typeof RENDERER_ROUTES)[number];

const fieldsSchema = z.record(z.string(), z.unknown());

export const serverCallRequestSchema = z.strictObject({
  route: z.enum(RENDERER_ROUTES),
  /** Path parameters (`:id`), as the route's `params` schema takes them. */
  params: fieldsSchema.optional(),
  /** The JSON body (ignored for GET routes), as the route's `body` schema takes it. */
  body: z.unknown().optional(),
  /** Query string parameters, as the route's `query` schema takes them. */
  query: fieldsSchema.optional(),
});
export type ServerCallRequest = z.infer<typeof serverCallRequestSchema>;
