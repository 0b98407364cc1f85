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

  addPeer(peer: Peer): void {
    this.#peers.get(peer.id)?.close();
    this.#peers.set(peer.id, peer);
  }

  removePeer(peer: Peer): void {
    if (this.#peers.get(peer.id) === peer) this.#peers.delete(peer.id);
    peer.close();
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
