import type { types as ms } from 'mediasoup';
import { CAMERA_START_LAYER, CAMERA_TOP_LAYER } from '../../../common/protocol/signaling';

/** A camera's sender and the consumers that receive it, on any of the room's routers. */
interface Sender {
  readonly announce: (spatialLayer: number) => void;
  readonly consumers: Set<ms.Consumer>;
  /** The highest layer its owner was last told to send. */
  announced: number;
  lowering: NodeJS.Timeout | undefined;
}

export interface SenderLayersOptions {
  /**
   * How long a layer nobody receives keeps being sent before its sender is told to drop it. In
   * speaker view the large tile follows the speaker; a short pause must not make it flap.
   */
  lowerAfterMs: number;
}

/**
 * Tells each camera's owner the highest simulcast layer anyone in the room receives of it, so
 * that layers nobody watches are not encoded or sent (a commune PC's CPU, a weak uplink): in a
 * grid of small tiles a 960×540 top layer costs its sender three quarters of the encoding for
 * nothing. Layer 0 is always sent: every consumer starts on it.
 *
 * What a consumer wants is its preferred spatial layer while it is not paused (audio-only mode
 * and the receive cap pause it). A higher layer is asked for at once; a lower one only after
 * `lowerAfterMs` without anyone wanting more. Consumers on other routers count the same: a pipe
 * producer keeps its source's id.
 */
export class SenderLayers {
  readonly #options: SenderLayersOptions;
  readonly #senders = new Map<string, Sender>();

  constructor(options: SenderLayersOptions) {
    this.#options = options;
  }

  /** A new producer; only simulcast cameras are followed. The client starts on CAMERA_START_LAYER. */
  addProducer(producer: ms.Producer, announce: (spatialLayer: number) => void): void {
    if (producer.type !== 'simulcast') return;
    this.#senders.set(producer.id, {
      announce,
      consumers: new Set(),
      announced: CAMERA_START_LAYER,
      lowering: undefined,
    });
    producer.observer.once('close', () => this.#forget(producer.id));
    // Nobody receives it yet: unless someone asks for more soon, its sender keeps only layer 0.
    this.update(producer.id);
  }

  addConsumer(consumer: ms.Consumer): void {
    const sender = this.#senders.get(consumer.producerId);
    if (!sender) return;
    sender.consumers.add(consumer);
    const update = () => this.update(consumer.producerId);
    consumer.observer.on('pause', update);
    consumer.observer.on('resume', update);
    consumer.observer.once('close', () => {
      sender.consumers.delete(consumer);
      update();
    });
    update();
  }

  /** A consumer of `producerId` changed (its preferred layer); see what its sender should send. */
  update(producerId: string): void {
    const sender = this.#senders.get(producerId);
    if (!sender) return;
    const wanted = this.#wanted(sender);
    if (wanted >= sender.announced) {
      clearTimeout(sender.lowering);
      sender.lowering = undefined;
      if (wanted > sender.announced) this.#announce(sender, wanted);
      return;
    }
    sender.lowering ??= setTimeout(() => {
      sender.lowering = undefined;
      const now = this.#wanted(sender);
      if (now < sender.announced) this.#announce(sender, now);
    }, this.#options.lowerAfterMs);
  }

  /** The layer last asked of a camera's sender (tests, diagnostics). */
  announced(producerId: string): number | undefined {
    return this.#senders.get(producerId)?.announced;
  }

  close(): void {
    for (const id of [...this.#senders.keys()]) this.#forget(id);
  }

  #wanted(sender: Sender): number {
    let top = 0;
    for (const consumer of sender.consumers) {
      if (consumer.closed || consumer.paused) continue;
      top = Math.max(top, consumer.preferredLayers?.spatialLayer ?? CAMERA_TOP_LAYER);
    }
    return Math.min(top, CAMERA_TOP_LAYER);
  }

  #announce(sender: Sender, spatialLayer: number): void {
    sender.announced = spatialLayer;
    sender.announce(spatialLayer);
  }

  #forget(producerId: string): void {
    clearTimeout(this.#senders.get(producerId)?.lowering);
    this.#senders.delete(producerId);
  }
}
