/**
 * Connects the meeting state to the rooms: after every change each participant in the meeting's
 * room receives the state as they may see it, and giving or ending the floor opens or closes the
 * speaker's microphone on the SFU (the server pauses the producer, not a client-side flag).
 */
import type { Logger } from 'pino';
import type { AgendaEvents } from '../documents/AgendaEvents';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import type { MeetingSessionService } from './MeetingSessionService';
import type { PresentationService } from './PresentationService';

export function connectMeetingSessions(
  sessions: MeetingSessionService,
  rooms: RoomRegistry,
  logger: Logger,
): void {
  const roomOf = (meetingId: string) => rooms.rooms.find((r) => r.meetingId === meetingId);

  sessions.on('changed', (meetingId) => {
    const room = roomOf(meetingId);
    if (!room) return;
    for (const peer of room.peers) {
      sessions
        .snapshot(meetingId, { userId: peer.info.userId, meetingRole: peer.info.meetingRole })
        .then((state) => peer.notify('meetingStateChanged', state))
        .catch((error: unknown) =>
          logger.warn({ err: error, meetingId }, 'meeting state not sent'),
        );
    }
  });

  const setSpeakerMicrophone = (meetingId: string, userId: string, muted: boolean) => {
    const room = roomOf(meetingId);
    if (!room) return;
    for (const peer of room.peers.filter((p) => p.info.userId === userId)) {
      room
        .setMicrophones({ kind: 'peer', peerId: peer.id }, muted)
        .catch((error: unknown) => logger.warn({ err: error, meetingId }, 'floor microphone'));
    }
  };
  sessions.on('floorGranted', (meetingId, userId) =>
    setSpeakerMicrophone(meetingId, userId, false),
  );
  sessions.on('floorEnded', (meetingId, userId) => setSpeakerMicrophone(meetingId, userId, true));
}

/** Relays presenter sync to everyone in the meeting's room, the presenter included (it confirms the order). */
export function connectPresentations(
  presentations: PresentationService,
  rooms: RoomRegistry,
): void {
  presentations.on('changed', (meetingId, state) => {
    for (const peer of rooms.rooms.find((r) => r.meetingId === meetingId)?.peers ?? [])
      peer.notify('presentationChanged', state);
  });
}

/** Tells everyone in the meeting's room that its agenda changed, so their agenda reloads. */
export function connectAgenda(agenda: AgendaEvents, rooms: RoomRegistry): void {
  agenda.on('changed', (change) => {
    for (const peer of rooms.rooms.find((r) => r.meetingId === change.meetingId)?.peers ?? [])
      peer.notify('agendaChanged', change);
  });
}
