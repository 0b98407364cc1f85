/**
 * Participants of a `Room` driven in-process, without signaling: for tests of the room's own
 * logic (placement, piping, sender layers) on real mediasoup workers.
 */
import { Peer, type Notify } from '../../sfu-server/src/rooms/Peer';
import type { Room } from '../../sfu-server/src/rooms/Room';

let peerCount = 0;

/** A peer of its own user and site, not in any room yet; `notify` receives what it is told. */
export function newPeer(notify: Notify = () => undefined): Peer {
  const id = `peer-${++peerCount}`;
  return new Peer(
    { id, userId: id, displayName: id, siteId: 's', siteName: 'S', meetingRole: 'delegate' },
    notify,
  );
}

/** A new peer joined to `room` with one (unconnected) WebRTC transport on its router. */
export async function joinRoomPeer(room: Room, notify?: Notify) {
  const peer = newPeer(notify);
  const router = await room.routerFor(peer);
  const transport = await router.createWebRtcTransport({
    listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
  });
  peer.addTransport(transport);
  peer.rtpCapabilities = router.rtpCapabilities;
  room.addPeer(peer);
  return { peer, transport };
}
