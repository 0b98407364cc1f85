/**
 * The meeting channel's signaling handlers for one participant's socket: each request is the
 * MeetingSessionService call of the same name, made as this participant.
 */
import type { MeetingState } from '../../../common/domain/meetingSession';
import type { meetingChannelRequests } from '../../../common/protocol/meetingChannel';
import type { ChannelHandlers } from '../signaling/channelHandlers';
import type { MeetingSessionService, SessionActor } from './MeetingSessionService';

export type MeetingChannelHandlers = ChannelHandlers<typeof meetingChannelRequests>;

export function meetingChannelHandlers(
  sessions: MeetingSessionService,
  meetingId: string,
  actor: SessionActor,
): MeetingChannelHandlers {
  const done = {};
  return {
    getMeetingState: async (): Promise<MeetingState> => sessions.snapshot(meetingId, actor),
    checkIn: async ({ userId }) => {
      await sessions.checkIn(meetingId, actor, userId);
      return done;
    },
    markAbsent: async (args) => {
      await sessions.markAbsent(meetingId, actor, args);
      return done;
    },
    requestFloor: async ({ topic }) => ({
      requestId: await sessions.requestFloor(meetingId, actor, topic),
    }),
    withdrawFloor: async ({ requestId }) => {
      await sessions.withdrawFloor(meetingId, actor, requestId);
      return done;
    },
    grantFloor: async ({ requestId }) => {
      await sessions.grantFloor(meetingId, actor, requestId);
      return done;
    },
    endFloor: async ({ requestId }) => {
      await sessions.endFloor(meetingId, actor, requestId);
      return done;
    },
    declineFloor: async ({ requestId }) => {
      await sessions.declineFloor(meetingId, actor, requestId);
      return done;
    },
    openVote: async (args) => ({ voteId: await sessions.openVote(meetingId, actor, args) }),
    castVote: async (args) => {
      await sessions.castVote(meetingId, actor, args);
      return done;
    },
    closeVote: async ({ voteId }) => {
      await sessions.closeVote(meetingId, actor, voteId);
      return done;
    },
  };
}
