/**
 * A meeting as the Office prepares it (issue #15 §3): what it is, who chairs and minutes it, who
 * is invited (units, sites and persons, each with a role in *this* meeting), its agenda, and the
 * invitations (giấy mời) sent when it is published, with each invitee's answer.
 *
 * Lifecycle: `draft` (only the Office sees it) → `published` (invitations out; changes are
 * announced) → `postponed` or `cancelled` (every invitee is told). The meeting's phase (upcoming,
 * in progress, past) stays derived from its times (meeting.ts).
 */
import { z } from 'zod';
import { meetingRoleSchema } from './policy';

export const MEETING_KINDS = [
  'ubnd_session',
  'steering_committee',
  'online_conference',
  'working_meeting',
  'briefing',
  'other',
] as const;
export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const meetingStatusSchema = z.enum(['draft', 'published', 'postponed', 'cancelled']);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

const idSchema = z.string().min(1).max(64);
const refSchema = z.object({ id: z.string(), name: z.string() });
/** ISO 8601 with an offset, as the meeting list already speaks. */
const instantSchema = z.iso.datetime({ offset: true });

export const TITLE_MAX = 500;

/** A person invited by name, with their role in this meeting. */
export const invitedPersonInputSchema = z.strictObject({
  userId: idSchema,
  role: meetingRoleSchema.exclude(['chair', 'secretary']),
});

/** What the Office fills in; the same body creates and edits (edits replace the lists). */
export const meetingPlanInputSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(TITLE_MAX),
    kind: meetingKindSchema,
    startsAt: instantSchema,
    endsAt: instantSchema,
    chairUserId: idSchema,
    secretaryUserId: idSchema.nullable(),
    /** The unit that prepares the meeting (đơn vị chuẩn bị). */
    preparingUnitId: idSchema.nullable(),
    /** The hall where the chair sits (a site); null for a meeting held elsewhere. */
    hallSiteId: idSchema.nullable(),
    /** A place in words when there is no hall site ("Nhà khách tỉnh"), or extra detail. */
    place: z.string().trim().max(300),
    /** Held online: the invited sites connect to the room. */
    online: z.boolean(),
    /** Units invited as such: their answer names who attends. */
    unitIds: z.array(idSchema).max(500),
    /** Online sites besides the hall (communes' meeting rooms). */
    siteIds: z.array(idSchema).max(500),
    persons: z.array(invitedPersonInputSchema).max(1000),
    /** Signs the invitation: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" and the name; defaults to the chair. */
    signer: z
      .strictObject({
        authority: z.string().trim().max(100),
        title: z.string().trim().min(1).max(200),
        name: z.string().trim().min(1).max(200),
      })
      .nullable(),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), {
    message: 'The meeting must end after it starts',
    path: ['endsAt'],
  });
export type MeetingPlanInput = z.infer<typeof meetingPlanInputSchema>;

export const agendaItemInputSchema = z.strictObject({
  /** Absent for a new item; an existing item's id keeps its documents. */
  id: idSchema.optional(),
  title: z.string().trim().min(1).max(1000),
  /** Unit presenting the item. */
  presentingUnitId: idSchema.nullable(),
  /** Planned start, minutes from the meeting's start; null when not planned. */
  plannedStartMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable(),
  plannedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable(),
});
/** The whole agenda in its order: items not listed are removed (with their documents). */
export const agendaInputSchema = z.strictObject({
  items: z.array(agendaItemInputSchema).max(200),
});
export type AgendaInput = z.infer<typeof agendaInputSchema>;

export const invitationResponseSchema = z.enum(['pending', 'attend', 'absent', 'proxy']);
export type InvitationResponse = z.infer<typeof invitationResponseSchema>;

/** One invitation: to a unit (any of its people answers for it) or to a person. */
export const invitationSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  addressee: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unit'), unit: refSchema }),
    z.object({ kind: z.literal('person'), user: refSchema, unit: refSchema }),
  ]),
  /** The site the addressee joins from (their unit's, or the one invited), if known. */
  site: refSchema.nullable(),
  response: invitationResponseSchema,
  /** Who attends: the person themselves, the one the unit sends, or the proxy (ủy quyền). */
  attendee: refSchema.nullable(),
  reason: z.string().nullable(),
  respondedBy: refSchema.nullable(),
  respondedAt: z.string().nullable(),
  /** When the current user first opened it (badge of unseen invitations); null: not yet. */
  seenAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** An invitation as its addressee lists it, with the meeting it is for. */
export const myInvitationSchema = invitationSchema.extend({
  meeting: z.object({
    id: z.string(),
    title: z.string(),
    kind: meetingKindSchema,
    status: meetingStatusSchema,
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string(),
    online: z.boolean(),
    chairName: z.string(),
  }),
  /** Whether the current user may still answer (before the meeting starts, not cancelled). */
  canAnswer: z.boolean(),
  /** What the invitees were told after publication, newest first. */
  announcements: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['changed', 'agenda_changed', 'postponed', 'cancelled']),
      text: z.string(),
    }),
  ),
});
export type MyInvitation = z.infer<typeof myInvitationSchema>;

export const answerInvitationSchema = z.discriminatedUnion('response', [
  /** `attendeeUserId`: who of the unit attends (default: whoever answers). */
  z.strictObject({ response: z.literal('attend'), attendeeUserId: idSchema.optional() }),
  z.strictObject({ response: z.literal('absent'), reason: z.string().trim().min(3).max(1000) }),
  z.strictObject({
    response: z.literal('proxy'),
    proxyUserId: idSchema,
    reason: z.string().trim().max(1000).optional(),
  }),
]);
export type AnswerInvitation = z.infer<typeof answerInvitationSchema>;

/** A meeting as its organiser edits it: the plan, its state and every invitation's answer. */
export const meetingPlanSchema = z.object({
  id: z.string(),
  status: meetingStatusSchema,
  title: z.string(),
  kind: meetingKindSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  chair: refSchema,
  secretary: refSchema.nullable(),
  preparingUnit: refSchema.nullable(),
  hallSite: refSchema.nullable(),
  place: z.string(),
  online: z.boolean(),
  units: z.array(refSchema),
  sites: z.array(refSchema),
  persons: z.array(z.object({ user: refSchema, unit: refSchema, role: meetingRoleSchema })),
  signer: z.object({ authority: z.string(), title: z.string(), name: z.string() }).nullable(),
  agenda: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      presentingUnit: refSchema.nullable(),
      plannedStartMinutes: z.number().int().nullable(),
      plannedMinutes: z.number().int().nullable(),
      documentCount: z.number().int(),
    }),
  ),
  invitations: z.array(invitationSchema),
  /** The invitation document (giấy mời) once published; opens in the app's viewer. */
  invitationDocumentId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Why it was postponed or cancelled, as told to the invitees. */
  statusReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type MeetingPlan = z.infer<typeof meetingPlanSchema>;

/** A week of the province's calendar (lịch họp tuần): Monday 00:00 local time to Sunday. */
export const weekQuerySchema = z.strictObject({
  /** Any day of the week, YYYY-MM-DD (local, Asia/Ho_Chi_Minh). */
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Only meetings this unit prepares, chairs' unit or is invited to. */
  unitId: idSchema.optional(),
});

export const calendarEntrySchema = z.object({
  meetingId: z.string(),
  title: z.string(),
  kind: meetingKindSchema,
  status: meetingStatusSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  online: z.boolean(),
  chairName: z.string(),
  preparingUnit: z.string().nullable(),
  participants: z.string(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/** Most people one answer lists (`listPeople`, `invitationPeople`); `truncated` says when cut. */
export const PEOPLE_LIST_MAX = 5000;

/** A person as the planning screens offer them: a chair, a secretary, an invitee, an attendee. */
export const plannablePersonSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  /** Chức vụ. */
  title: z.string(),
  unit: refSchema,
  site: refSchema,
});
export type PlannablePerson = z.infer<typeof plannablePersonSchema>;

/** A current (not merged) unit as the planning screens offer it, in tree order. */
export const plannableUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  parentId: z.string().nullable(),
});
export type PlannableUnit = z.infer<typeof plannableUnitSchema>;

export const plannableSiteSchema = z.object({ id: z.string(), name: z.string(), unit: refSchema });
export type PlannableSite = z.infer<typeof plannableSiteSchema>;
