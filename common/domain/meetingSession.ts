/**
 * The live state of a meeting that is not media: who is present, who has the floor, what is
 * being voted. The server is the authority (sfu-server/src/session/MeetingSession.ts); clients
 * receive this snapshot, shaped for each recipient (a vote's tally is the chair's until closed).
 */
import { z } from 'zod';

export const attendanceStatusSchema = z.enum(['not_checked_in', 'present', 'late', 'absent']);
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

export const attendeeSchema = z.object({
  userId: z.string(),
  fullName: z.string(),
  title: z.string(),
  agencyName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  /** chair | secretary | delegate | guest */
  meetingRole: z.string(),
  status: attendanceStatusSchema,
  checkedInAt: z.string().nullable(),
  absenceReason: z.string().nullable(),
  /** Ủy quyền: the person attending in this participant's place. */
  proxy: z.object({ userId: z.string(), fullName: z.string() }).nullable(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const floorRequestSchema = z.object({
  id: z.string(),
  userId: z.string(),
  fullName: z.string(),
  siteName: z.string(),
  topic: z.string().nullable(),
  requestedAt: z.string(),
});
export type FloorRequest = z.infer<typeof floorRequestSchema>;

export const DEFAULT_VOTE_OPTIONS = ['Đồng ý', 'Không đồng ý', 'Ý kiến khác'] as const;

export const voteSchema = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(z.string()),
  /** Secret ballot: the server keeps who voted and the counts, never who voted what. */
  secret: z.boolean(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  eligibleCount: z.number().int(),
  votedCount: z.number().int(),
  /** Counts per option, in `options` order: the chair's and secretary's while open, everyone's once closed. */
  tally: z.array(z.number().int()).nullable(),
  /** The recipient's own ballot: the option index, or 'secret' after a secret vote, or null. */
  myBallot: z.union([z.number().int(), z.literal('secret'), z.null()]),
  /** Whether the recipient may vote on it. */
  eligible: z.boolean(),
});
export type Vote = z.infer<typeof voteSchema>;

export const meetingStateSchema = z.object({
  meetingId: z.string(),
  attendance: z.array(attendeeSchema),
  floor: z.object({
    /** Waiting requests, first come first served. */
    queue: z.array(floorRequestSchema),
    current: floorRequestSchema.extend({ grantedAt: z.string() }).nullable(),
  }),
  /** Newest first. */
  votes: z.array(voteSchema),
});
export type MeetingState = z.infer<typeof meetingStateSchema>;

/** Head-count per site: present (incl. late) of invited. */
export function headCountBySite(
  attendance: readonly Attendee[],
): Map<string, { siteName: string; present: number; invited: number }> {
  const counts = new Map<string, { siteName: string; present: number; invited: number }>();
  for (const a of attendance) {
    const entry = counts.get(a.siteId) ?? { siteName: a.siteName, present: 0, invited: 0 };
    entry.invited += 1;
    if (a.status === 'present' || a.status === 'late') entry.present += 1;
    counts.set(a.siteId, entry);
  }
  return counts;
}
