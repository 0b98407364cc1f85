/**
 * Relays conclusions to the meeting's room: an edit goes to every other participant's socket,
 * a status change (issued, reopened) to all.
 */
import { toBase64 } from '../../../common/encoding/base64';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import type { ConclusionsService } from './ConclusionsService';

export function connectConclusions(conclusions: ConclusionsService, rooms: RoomRegistry): void {
  const roomOf = (meetingId: string) => rooms.rooms.find((r) => r.meetingId === meetingId);
  conclusions.on('updated', (meetingId, update, origin) => {
    const room = roomOf(meetingId);
    if (!room) return;
    const data = { update: toBase64(update) };
    for (const peer of room.peers) if (peer.id !== origin) peer.notify('conclusionsUpdated', data);
  });
  conclusions.on('statusChanged', (meetingId, status) => {
    for (const peer of roomOf(meetingId)?.peers ?? [])
      peer.notify('conclusionsStatusChanged', { status });
  });
}
