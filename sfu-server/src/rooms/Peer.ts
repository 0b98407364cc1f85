import type { types as ms } from 'mediasoup';
import { NotFoundError } from '../../../common/errors';

export interface PeerInfo {
  id: string;
  userId: string;
  siteId: string;
  displayName: string;
}

/** One participant's connection to a room, and the mediasoup objects it owns. */
export class Peer {
  readonly info: PeerInfo;
  rtpCapabilities: ms.RtpCapabilities | undefined;
  readonly #transports = new Map<string, ms.WebRtcTransport>();
  readonly #producers = new Map<string, ms.Producer>();
  #closed = false;

  constructor(info: PeerInfo) {
    this.info = info;
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

  addTransport(transport: ms.WebRtcTransport): void {
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

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // NOTE: closing transports closes their producers and consumers.
    for (const t of this.#transports.values()) t.close();
  }
}
