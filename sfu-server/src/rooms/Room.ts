import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { Logger } from 'pino';
import { roomMediaCodecs } from './mediaCodecs';
import type { Peer } from './Peer';

export interface RoomEvents {
  close: [];
}

/** The online room of one meeting: a router and the peers in it. Meeting state lives elsewhere. */
export class Room extends EventEmitter<RoomEvents> {
  readonly meetingId: string;
  readonly router: ms.Router;
  readonly logger: Logger;
  readonly #peers = new Map<string, Peer>();
  #closed = false;

  private constructor(meetingId: string, router: ms.Router, logger: Logger) {
    super();
    this.meetingId = meetingId;
    this.router = router;
    this.logger = logger;
  }

  static async create(meetingId: string, worker: ms.Worker, logger: Logger): Promise<Room> {
    const router = await worker.createRouter({
      mediaCodecs: roomMediaCodecs,
      appData: { meetingId },
    });
    const room = new Room(meetingId, router, logger.child({ meetingId }));
    // A router closes with its worker; the room goes with it and clients rejoin a new one.
    router.observer.once('close', () => room.close());
    room.logger.info({ workerPid: worker.pid }, 'room created');
    return room;
  }

  get closed(): boolean {
    return this.#closed;
  }
  get peers(): Peer[] {
    return [...this.#peers.values()];
  }

  /** Adds the peer and tells everyone else it arrived. */
  addPeer(peer: Peer): void {
    this.#peers.get(peer.id)?.close();
    this.#peers.set(peer.id, peer);
    for (const other of this.#peers.values()) {
      if (other !== peer) other.notify('peerJoined', { peer: peer.summary() });
    }
  }

  /** Removes the peer (closing its media) and tells everyone else it left. */
  removePeer(peer: Peer): void {
    const present = this.#peers.get(peer.id) === peer;
    if (present) this.#peers.delete(peer.id);
    peer.close();
    if (present)
      for (const other of this.#peers.values()) other.notify('peerLeft', { peerId: peer.id });
  }

  /** A producer of any peer in this room (consumers may only reach into their own room). */
  findProducer(producerId: string): { peer: Peer; producer: ms.Producer } | undefined {
    for (const peer of this.#peers.values()) {
      const producer = peer.producers.find((p) => p.id === producerId);
      if (producer) return { peer, producer };
    }
    return undefined;
  }

  /** Tells every peer but `except` about a new or closed producer. */
  announceProducer(owner: Peer, producer: ms.Producer, event: 'added' | 'closed'): void {
    for (const other of this.#peers.values()) {
      if (other === owner) continue;
      if (event === 'added') {
        const summary = owner.summary().producers.find((p) => p.producerId === producer.id);
        if (summary) other.notify('producerAdded', { peerId: owner.id, producer: summary });
      } else {
        other.notify('producerClosed', { peerId: owner.id, producerId: producer.id });
      }
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.router.close();
    this.logger.info('room closed');
    this.emit('close');
  }
}
