/**
 * The meeting channel's requests (issue #5): attendance, the speaking queue and votes travel
 * over the signaling socket, beside media, and need no media to work (a site on audio-only or
 * with video dropped keeps them). Joined into `signalingRequests` in signaling.ts.
 */
import { z } from 'zod';
import { meetingStateSchema } from '../domain/meetingSession';

const id = z.string().min(1).max(64);
const ok = z.object({});

export const meetingChannelRequests = {
  /** The meeting state as the caller may see it (also pushed as `meetingStateChanged`). */
  getMeetingState: { data: z.strictObject({}), response: meetingStateSchema },
  /** Check in oneself, or (chair/secretary) another participant. */
  checkIn: { data: z.strictObject({ userId: id.optional() }), response: ok },
  markAbsent: {
    data: z.strictObject({
      userId: id,
      reason: z.string().trim().min(1).max(500),
      /** Ủy quyền: who attends in this person's place. */
      proxyUserId: id.nullable().optional(),
    }),
    response: ok,
  },
  requestFloor: {
    data: z.strictObject({ topic: z.string().trim().max(300).nullable() }),
    response: z.object({ requestId: z.string() }),
  },
  withdrawFloor: { data: z.strictObject({ requestId: id }), response: ok },
  /** Chair/secretary: the participant gets the floor and their microphone is opened on the SFU. */
  grantFloor: { data: z.strictObject({ requestId: id }), response: ok },
  endFloor: { data: z.strictObject({ requestId: id }), response: ok },
  declineFloor: { data: z.strictObject({ requestId: id }), response: ok },
  openVote: {
    data: z.strictObject({
      question: z.string().trim().min(1).max(1000),
      /** Defaults to Đồng ý / Không đồng ý / Ý kiến khác. */
      options: z.array(z.string().trim().min(1).max(200)).min(2).max(10).optional(),
      secret: z.boolean(),
    }),
    response: z.object({ voteId: z.string() }),
  },
  castVote: {
    data: z.strictObject({ voteId: id, option: z.number().int().min(0).max(9) }),
    response: ok,
  },
  closeVote: { data: z.strictObject({ voteId: id }), response: ok },
} as const;

export const meetingChannelNotifications = {
  /** The meeting state changed; this is the recipient's view of it. */
  meetingStateChanged: meetingStateSchema,
} as const;
