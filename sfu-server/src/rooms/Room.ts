import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { Logger } from 'pino';
import { roomMediaCodecs } from './mediaCodecs';
import { assertUnreachable } from '../../../common/errors';
import type {
  MuteTarget,
  SignalingNotificationData,
  SignalingNotificationName,
} from '../../../common/protocol/signaling';
import type { Peer, ProducerAppData } from './Peer';

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

  readonly #speakerObserver: ms.ActiveSpeakerObserver;

  private constructor(
    meetingId: string,
    router: ms.Router,
    speakerObserver: ms.ActiveSpeakerObserver,
    logger: Logger,
  ) {
    super();
    this.meetingId = meetingId;
    this.router = router;
    this.#speakerObserver = speakerObserver;
    this.logger = logger;
  }

  static async create(meetingId: string, worker: ms.Worker, logger: Logger): Promise<Room> {
    const router = await worker.createRouter({
      mediaCodecs: roomMediaCodecs,
      appData: { meetingId },
    });
    const speakerObserver = await router.createActiveSpeakerObserver({ interval: 300 });
    const room = new Room(meetingId, router, speakerObserver, logger.child({ meetingId }));
    speakerObserver.on('dominantspeaker', ({ producer }) => {
      room.broadcast('activeSpeaker', { peerId: (producer.appData as ProducerAppData).peerId });
    });
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

  /** Sends a notification to every peer in the room. */
  broadcast<N extends SignalingNotificationName>(
    name: N,
    data: SignalingNotificationData<N>,
  ): void {
    for (const peer of this.#peers.values()) peer.notify(name, data);
  }

  /** Microphones count toward the active speaker. */
  observeSpeaker(producer: ms.Producer): void {
    if (producer.kind === 'audio')
      void this.#speakerObserver.addProducer({ producerId: producer.id }).catch(() => undefined);
  }

  /**
   * Pauses or resumes the microphones a chair's target names, on the server, so nothing reaches
   * anyone whatever the muted client does. Returns how many changed.
   */
  async setMicrophones(target: MuteTarget, muted: boolean): Promise<number> {
    const chosen = this.peers.filter((peer) => {
      switch (target.kind) {
        case 'peer':
          return peer.id === target.peerId;
        case 'site':
          return peer.info.siteId === target.siteId;
        case 'allExcept':
          return peer.id !== target.peerId;
        default:
          return assertUnreachable(target);
      }
    });
    let changed = 0;
    for (const peer of chosen) {
      for (const producer of peer.producers) {
        const appData = producer.appData as ProducerAppData;
        if (appData.source !== 'mic') continue;
        if (muted && !(producer.paused && appData.mutedByChair)) {
          await producer.pause();
          appData.mutedByChair = true;
          this.broadcast('producerPaused', {
            peerId: peer.id,
            producerId: producer.id,
            byChair: true,
          });
          changed++;
        } else if (!muted && appData.mutedByChair) {
          appData.mutedByChair = false;
          await producer.resume();
          this.broadcast('producerResumed', { peerId: peer.id, producerId: producer.id });
          changed++;
        }
      }
    }
    return changed;
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
