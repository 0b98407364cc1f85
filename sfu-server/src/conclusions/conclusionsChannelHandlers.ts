/**
 * The conclusions channel's signaling handlers for one participant's socket. `peerId` marks the
 * participant's own edits, so the relay skips the socket they came from.
 */
import type { conclusionsChannelRequests } from '../../../common/protocol/conclusionsChannel';
import type { SessionActor } from '../session/MeetingSessionService';
import type { ChannelHandlers } from '../signaling/channelHandlers';
import type { ConclusionsService } from './ConclusionsService';

export type ConclusionsChannelHandlers = ChannelHandlers<typeof conclusionsChannelRequests>;

export function conclusionsChannelHandlers(
  conclusions: ConclusionsService,
  meetingId: string,
  actor: SessionActor,
  peerId: string,
): ConclusionsChannelHandlers {
  return {
    syncConclusions: ({ stateVector }) => conclusions.sync(meetingId, stateVector),
    editConclusions: async ({ update }) => {
      await conclusions.edit(meetingId, actor, update, peerId);
      return {};
    },
    issueConclusions: async (input) => ({
      status: await conclusions.issue(meetingId, actor, input),
    }),
    reviseConclusions: async () => ({ status: await conclusions.revise(meetingId, actor) }),
  };
}
