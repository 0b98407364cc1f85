/**
 * REST routes of meeting planning (issue #15 §3): the Office's staff create, edit, publish,
 * postpone and cancel meetings and build their agendas; invitees list and answer their
 * invitations; everyone signed in reads the province's weekly calendar. The invitation and the
 * calendar PDFs are streamed routes (paths below).
 */
import { z } from 'zod';
import {
  agendaInputSchema,
  answerInvitationSchema,
  calendarEntrySchema,
  meetingPlanInputSchema,
  meetingPlanSchema,
  myInvitationSchema,
  plannablePersonSchema,
  plannableSiteSchema,
  plannableUnitSchema,
  weekQuerySchema,
} from '../domain/meetingPlan';
import { empty, idParams, route } from './route';

const ok = z.object({ ok: z.literal(true) });

export const meetingPlanRoutes = {
  /** A new draft meeting; the Office's staff. */
  createMeeting: route({
    method: 'POST',
    path: '/api/plans',
    params: empty,
    body: meetingPlanInputSchema,
    response: meetingPlanSchema,
    auth: true,
    roles: ['office'],
  }),
  /** The meeting as its organiser edits it; the Office's staff, its chair and its secretary. */
  getMeetingPlan: route({
    method: 'GET',
    path: '/api/plans/:id',
    params: idParams,
    body: empty,
    response: meetingPlanSchema,
    auth: true,
  }),
  /** Replaces the plan; after publication the invitees are told what changed. */
  updateMeeting: route({
    method: 'PUT',
    path: '/api/plans/:id',
    params: idParams,
    body: meetingPlanInputSchema,
    response: meetingPlanSchema,
    auth: true,
  }),
  /** Replaces the agenda in its order; the Office, or the meeting's chair or secretary. */
  updateAgenda: route({
    method: 'PUT',
    path: '/api/plans/:id/agenda',
    params: idParams,
    body: agendaInputSchema,
    response: meetingPlanSchema,
    auth: true,
  }),
  /** Sends the invitations (and renders the giấy mời); a published meeting answers as it is. */
  publishMeeting: route({
    method: 'POST',
    path: '/api/plans/:id/publish',
    params: idParams,
    body: empty,
    response: meetingPlanSchema,
    auth: true,
  }),
  /** Postpones (new times to follow) or cancels, telling every invitee why. */
  setMeetingStatus: route({
    method: 'POST',
    path: '/api/plans/:id/status',
    params: idParams,
    body: z.strictObject({
      status: z.enum(['postponed', 'cancelled']),
      reason: z.string().trim().min(3).max(1000),
    }),
    response: meetingPlanSchema,
    auth: true,
  }),
  /** Meetings the current user organises (drafts included), newest first; the Office's staff. */
  listPlans: route({
    method: 'GET',
    path: '/api/plans',
    params: empty,
    body: empty,
    response: z.object({ meetings: z.array(meetingPlanSchema) }),
    auth: true,
    roles: ['office'],
  }),
  /**
   * Active people to choose as chair, secretary or invitee, by name (at most `PEOPLE_LIST_MAX`);
   * the Office's staff, who need not administer the directory to plan a meeting.
   */
  listPeople: route({
    method: 'GET',
    path: '/api/plans/people',
    params: empty,
    body: empty,
    response: z.object({ people: z.array(plannablePersonSchema), truncated: z.boolean() }),
    auth: true,
    roles: ['office'],
  }),
  /** Current units (tree order, merged ones left out) and sites, to invite; the Office's staff. */
  listUnitsAndSites: route({
    method: 'GET',
    path: '/api/plans/units-and-sites',
    params: empty,
    body: empty,
    response: z.object({
      units: z.array(plannableUnitSchema),
      sites: z.array(plannableSiteSchema),
    }),
    auth: true,
    roles: ['office'],
  }),
  /**
   * The active people of the invitation's unit, by name: whom its addressee may send (who
   * attends for a unit, a proxy). Only for the invitation's addressee.
   */
  invitationPeople: route({
    method: 'GET',
    path: '/api/invitations/:id/people',
    params: idParams,
    body: empty,
    response: z.object({ people: z.array(plannablePersonSchema), truncated: z.boolean() }),
    auth: true,
  }),
  /** The current user's invitations (as a person and for their unit), upcoming first. */
  myInvitations: route({
    method: 'GET',
    path: '/api/invitations',
    params: empty,
    body: empty,
    response: z.object({
      invitations: z.array(myInvitationSchema),
      /** Not yet opened by this user: the badge. */
      unseen: z.number().int().nonnegative(),
    }),
    auth: true,
  }),
  /** Marks an invitation seen by the current user (opening it). */
  markInvitationSeen: route({
    method: 'POST',
    path: '/api/invitations/:id/seen',
    params: idParams,
    body: empty,
    response: ok,
    auth: true,
  }),
  answerInvitation: route({
    method: 'POST',
    path: '/api/invitations/:id/answer',
    params: idParams,
    body: answerInvitationSchema,
    response: myInvitationSchema,
    auth: true,
  }),
  /** The province's meetings of one week (published, postponed and cancelled; no drafts). */
  weekCalendar: route({
    method: 'GET',
    path: '/api/calendar',
    params: empty,
    body: empty,
    query: weekQuerySchema,
    response: z.object({
      weekStart: z.string(),
      weekEnd: z.string(),
      entries: z.array(calendarEntrySchema),
    }),
    auth: true,
  }),
} as const;

/** Streamed PDFs (GET, bearer token). */
export const meetingPlanPaths = {
  /** The giấy mời of a published meeting; invitees, the Office, the chair and the secretary. */
  invitationPdf: '/api/plans/:id/invitation.pdf',
  /** `?week=YYYY-MM-DD[&unitId=…]`: the weekly calendar as offices publish it. */
  calendarPdf: '/api/calendar.pdf',
} as const;
