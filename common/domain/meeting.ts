import { z } from 'zod';
import { meetingRoleSchema } from './policy';

export const meetingPhaseSchema = z.enum(['upcoming', 'in_progress', 'past']);
export type MeetingPhase = z.infer<typeof meetingPhaseSchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  /** Agency presenting the item. */
  presenter: z.string().nullable(),
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      pageCount: z.number().int(),
      sizeBytes: z.number().int(),
    }),
  ),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const meetingSiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Whether this is the main hall where the chair sits. */
  isHost: z.boolean(),
});

export const meetingSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO 8601 with offset. */
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  chairName: z.string(),
  phase: meetingPhaseSchema,
  siteCount: z.number().int(),
  /**
   * The signed-in user's role in this meeting; null when not invited (the Office sees every
   * meeting). The app decides from it, offline too, what the user may do with the meeting's
   * tasks. Absent from lists cached by older clients.
   */
  myRole: meetingRoleSchema.nullable().optional(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingDetailSchema = meetingSummarySchema.extend({
  organizer: z.string(),
  agenda: z.array(agendaItemSchema),
  sites: z.array(meetingSiteSchema),
  participants: z.array(
    z.object({
      userId: z.string(),
      fullName: z.string(),
      title: z.string(),
      agencyName: z.string(),
      siteId: z.string(),
      meetingRole: meetingRoleSchema,
    }),
  ),
  /**
   * The province's agencies (current units, not merged ones): whom the conclusions may assign
   * tasks to. Absent from meeting details cached by older clients, hence the default.
   */
  agencies: z
    .array(z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() }))
    .default([]),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/** A meeting's phase at `now`: derived, never stored, so it cannot go stale. */
export function meetingPhase(startsAt: string, endsAt: string, now: Date): MeetingPhase {
  const t = now.getTime();
  if (t < Date.parse(startsAt)) return 'upcoming';
  if (t <= Date.parse(endsAt)) return 'in_progress';
  return 'past';
}
