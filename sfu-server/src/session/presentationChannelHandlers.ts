/** The presentation channel's signaling handlers for one participant's socket. */
import type { presentationChannelRequests } from '../../../common/protocol/presentationChannel';
import type { ChannelHandlers } from '../signaling/channelHandlers';
import type { SessionActor } from './MeetingSessionService';
import type { PresentationService } from './PresentationService';

export type PresentationChannelHandlers = ChannelHandlers<typeof presentationChannelRequests>;

export function presentationChannelHandlers(
  presentations: PresentationService,
  meetingId: string,
  actor: SessionActor,
): PresentationChannelHandlers {
  return {
    getPresentation: async () => presentations.state(meetingId),
    presentDocument: (input) => presentations.present(meetingId, actor, input),
    turnPage: async (input) => ({ seq: presentations.turnPage(meetingId, actor, input).seq }),
    stopPresenting: () => presentations.stop(meetingId, actor),
    appointPresenter: ({ userId }) => presentations.appoint(meetingId, actor, userId),
  };
}
