import type { types as ms } from 'mediasoup';
import { InvalidStateError, NotFoundError, PeerLimitError } from '../../../common/errors';
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

/**
 * What one connection may hold (issue #18): a send and a receive transport (RoomClient's two, or
 * one for both as the benchmark's clients), so a delegate cannot take the server's ports.
 */
export const MAX_TRANSPORTS_PER_PEER = 2;

/** Gives back what a reservation held; calling it again does nothing. */
export type Release = () => void;

/** How a peer is told things: its own signaling channel (the peer never holds its room). */
export type Notify = <N extends SignalingNotificationName>(
  name: N,
  data: SignalingNotificationData<N>,
) => void;

/**
 * One participant's connection to a room, and the mediasoup objects it owns.
 *
 * Its limits are kept by reservations taken synchronously, before mediasoup is asked for
 * anything: two requests racing for the last slot cannot both pass, and a refused one has made
 * nothing. A reservation is given back when the request fails or what it made closes.
 */
export class Peer {
  readonly info: PeerInfo;
  readonly notify: Notify;
  /** Ends this connection: a newer one of the same user took its place in the room. */
  readonly replaced: () => void;
  rtpCapabilities: ms.RtpCapabilities | undefined;
  readonly #transports = new Map<string, ms.WebRtcTransport>();
  readonly #producers = new Map<string, ms.Producer>();
  readonly #consumers = new Map<string, ms.Consumer>();
  /** Transports made or being made. */
  #transportSlots = 0;
  /** Sources sent or about to be (one producer each). */
  readonly #sources = new Set<MediaSource>();
  /** Producers received or about to be, by producer id (one consumer each). */
  readonly #consuming = new Set<string>();
  #closed = false;

  constructor(info: PeerInfo, notify: Notify, replaced: () => void = () => undefined) {
    this.info = info;
    this.notify = notify;
    this.replaced = replaced;
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

  /** A slot for one more transport, or `transport_limit` past MAX_TRANSPORTS_PER_PEER. */
  reserveTransport(): Release {
    if (this.#transportSlots >= MAX_TRANSPORTS_PER_PEER)
      throw new PeerLimitError('transport_limit', { limit: MAX_TRANSPORTS_PER_PEER });
    this.#transportSlots++;
    return once(() => this.#transportSlots--);
  }

  /** Keeps a transport made with `slot` (reserveTransport); the slot is freed when it closes. */
  addTransport(transport: ms.WebRtcTransport, slot: Release = () => undefined): void {
    // NOTE: the session may have closed while the transport (and its router) was being made;
    // a transport kept then would never be closed.
    if (this.#closed) {
      transport.close();
      slot();
      throw new InvalidStateError('The peer has left the room');
    }
    this.#transports.set(transport.id, transport);
    transport.observer.once('close', () => {
      this.#transports.delete(transport.id);
      slot();
    });
  }

  /** A transport of this peer's; another peer's id is indistinguishable from an unknown one. */
  transport(id: string): ms.WebRtcTransport {
    const t = this.#transports.get(id);
    if (!t) throw new NotFoundError(`No transport ${id} for this peer`);
    return t;
  }

  /** `source` for one producer, or `source_taken` while another one sends it. */
  reserveSource(source: MediaSource): Release {
    if (this.#sources.has(source)) throw new PeerLimitError('source_taken', { source });
    this.#sources.add(source);
    return once(() => this.#sources.delete(source));
  }

  /** Keeps a producer made with `source` (reserveSource), given back when it closes. */
  addProducer(producer: ms.Producer, source: Release = () => undefined): void {
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      this.#producers.delete(producer.id);
      source();
    });
  }

  producer(id: string): ms.Producer {
    const p = this.#producers.get(id);
    if (!p) throw new NotFoundError(`No producer ${id} for this peer`);
    return p;
  }

  /**
   * Receiving `producerId` once, or `already_consuming` while a consumer of it exists or is
   * being made. A second consumer of one stream is refused rather than answered with the first:
   * the client already has that consumer (or had its request time out), and handing the same
   * one out again would make it set up a second receiver of the same RTP stream.
   */
  reserveConsumer(producerId: string): Release {
    if (this.#consuming.has(producerId))
      throw new PeerLimitError('already_consuming', { producerId });
    this.#consuming.add(producerId);
    return once(() => this.#consuming.delete(producerId));
  }

  /** Keeps a consumer made with `reservation` (reserveConsumer), given back when it closes. */
  addConsumer(consumer: ms.Consumer, reservation: Release = () => undefined): void {
    this.#consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => {
      this.#consumers.delete(consumer.id);
      reservation();
    });
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

/** `release`, run at most once. */
function once(release: () => void): Release {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
