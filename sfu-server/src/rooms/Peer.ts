import type { types as ms } from 'mediasoup';
import { InvalidStateError, NotFoundError } from '../../../common/errors';
import type {
  MediaSource,
  PeerSummary,
  SignalingNotificationData,
  SignalingNotificationName,
} from '../../../common/protocol/signaling';

export interface PeerInfo {
  id: string;
  userId: string;
  displayName: string;
  siteId: string;
  siteName: string;
  meetingRole: PeerSummary['meetingRole'];
}

/** What the room keeps on each producer's appData. */
export interface ProducerAppData {
  source: MediaSource;
  peerId: string;
  /** Paused by the chair; the owner may not resume it. */
  mutedByChair: boolean;
  [key: string]: unknown;
}

/** How a peer is told things: its own signaling channel (the peer never holds its room). */
export type Notify = <N extends SignalingNotificationName>(
  name: N,
  data: SignalingNotificationData<N>,
) => void;

/** One participant's connection to a room, and the mediasoup objects it owns. */
export class Peer {
  readonly info: PeerInfo;
  readonly notify: Notify;
  rtpCapabilities: ms.RtpCapabilities | undefined;
  readonly #transports = new Map<string, ms.WebRtcTransport>();
  readonly #producers = new Map<string, ms.Producer>();
  readonly #consumers = new Map<string, ms.Consumer>();
  #closed = false;

  constructor(info: PeerInfo, notify: Notify) {
    this.info = info;
    this.notify = notify;
  }

  get id(): string {
    return this.info.id;
  }
  get closed(): boolean {
    return this.#closed;
  }
  get producers(): ms.Producer[] {
    return [...this.#producers.values()];
  }
  get consumers(): ms.Consumer[] {
    return [...this.#consumers.values()];
  }

  summary(): PeerSummary {
    return {
      peerId: this.id,
      userId: this.info.userId,
      displayName: this.info.displayName,
      siteId: this.info.siteId,
      siteName: this.info.siteName,
      meetingRole: this.info.meetingRole,
      producers: this.producers.map((p) => {
        const appData = p.appData as ProducerAppData;
        return {
          producerId: p.id,
          kind: p.kind,
          source: appData.source,
          paused: p.paused,
          mutedByChair: appData.mutedByChair,
        };
      }),
    };
  }

  addTransport(transport: ms.WebRtcTransport): void {
    // NOTE: the session may have closed while the transport (and its router) was being made;
    // a transport kept then would never be closed.
    if (this.#closed) {
      transport.close();
      throw new InvalidStateError('The peer has left the room');
    }
    this.#transports.set(transport.id, transport);
    transport.observer.once('close', () => this.#transports.delete(transport.id));
  }

  /** A transport of this peer's; another peer's id is indistinguishable from an unknown one. */
  transport(id: string): ms.WebRtcTransport {
    const t = this.#transports.get(id);
    if (!t) throw new NotFoundError(`No transport ${id} for this peer`);
    return t;
  }

  addProducer(producer: ms.Producer): void {
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => this.#producers.delete(producer.id));
  }

  producer(id: string): ms.Producer {
    const p = this.#producers.get(id);
    if (!p) throw new NotFoundError(`No producer ${id} for this peer`);
    return p;
  }

  addConsumer(consumer: ms.Consumer): void {
    this.#consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.#consumers.delete(consumer.id));
    // The sender left or stopped this track: tell the client so it removes the tile's track.
    consumer.on('producerclose', () => {
      consumer.close();
      this.notify('consumerClosed', { consumerId: consumer.id });
    });
    consumer.on('layerschange', (layers) => {
      this.notify('consumerLayersChanged', {
        consumerId: consumer.id,
        spatialLayer: layers?.spatialLayer ?? null,
      });
    });
  }

  consumer(id: string): ms.Consumer {
    const c = this.#consumers.get(id);
    if (!c) throw new NotFoundError(`No consumer ${id} for this peer`);
    return c;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // NOTE: closing transports closes their producers and consumers.
    for (const t of this.#transports.values()) t.close();
  }
}
