/**
 * Consumers per mediasoup worker, across every room. Counted from mediasoup's own observer events
 * (worker → router → transport → consumer), so no code path that creates a consumer can forget
 * to report it, plus reservations for peers that were just placed on a worker and are about to
 * consume (so peers joining at the same moment do not all see the same idle worker), plus
 * admissions: consumers being created now, which the bound must see before mediasoup does.
 */
import type { types as ms } from 'mediasoup';

/** One worker's load as the placement of peers sees it. */
export interface WorkerLoadSnapshot {
  /** Index in the pool (stable across a worker's replacement). */
  index: number;
  pid: number;
  /** Consumers on WebRTC transports: the streams sent to participants. The bound applies here. */
  consumers: number;
  /**
   * Consumers on pipe transports, one per producer piped from this worker's routers to another
   * router. Not counted against the bound: spreading a room creates them, and there is at most one
   * per producer per other router, against one per producer per participant for the above.
   */
  pipeConsumers: number;
  /** Consumers promised to peers placed here that have not consumed yet. */
  reserved: number;
  /** Consumers admitted under the bound and being created (see `WorkerLoad.admit`). */
  admitting: number;
  /** Consumers refused at the bound since the worker started. */
  refused: number;
}

type Counts = Omit<WorkerLoadSnapshot, 'pid'>;

const emptyCounts = (index: number): Counts => ({
  index,
  consumers: 0,
  pipeConsumers: 0,
  reserved: 0,
  admitting: 0,
  refused: 0,
});

/** Consumers a placed peer is expected to create; what it has not claimed is given back. */
export class Reservation {
  readonly #counts: Counts;
  #remaining: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(counts: Counts, count: number, ttlMs: number) {
    this.#counts = counts;
    this.#remaining = count;
    counts.reserved += count;
    // A peer with a receive cap or in audio-only mode never consumes everything it could.
    if (count > 0) this.#timer = setTimeout(() => this.release(), ttlMs).unref();
  }

  get remaining(): number {
    return this.#remaining;
  }

  /** One expected consumer now exists (and is counted as a consumer instead). */
  claim(): void {
    if (this.#remaining === 0) return;
    this.#remaining--;
    this.#counts.reserved--;
    if (this.#remaining === 0) clearTimeout(this.#timer);
  }

  /** Idempotent. */
  release(): void {
    clearTimeout(this.#timer);
    this.#counts.reserved -= this.#remaining;
    this.#remaining = 0;
  }
}

export class WorkerLoad {
  readonly #counts = new Map<ms.Worker, Counts>();

  /** Starts counting the consumers of `worker`'s routers; forgets the worker when it closes or dies. */
  watch(worker: ms.Worker, index: number): void {
    const counts = emptyCounts(index);
    this.#counts.set(worker, counts);
    worker.observer.on('newrouter', (router) => {
      router.observer.on('newtransport', (transport) => {
        transport.observer.on('newconsumer', (consumer) => {
          const pipe = consumer.type === 'pipe';
          if (pipe) counts.pipeConsumers++;
          else counts.consumers++;
          consumer.observer.once('close', () => {
            if (pipe) counts.pipeConsumers--;
            else counts.consumers--;
          });
        });
      });
    });
    worker.observer.once('close', () => this.#counts.delete(worker));
  }

  /** What placement compares with the bound: consumers, reservations and admissions. */
  load(worker: ms.Worker): number {
    const counts = this.#counts.get(worker);
    return counts ? counts.consumers + counts.reserved + counts.admitting : Infinity;
  }

  /** Reserves `count` consumers on `worker` for at most `ttlMs`. */
  reserve(worker: ms.Worker, count: number, ttlMs: number): Reservation {
    return new Reservation(this.#counts.get(worker) ?? emptyCounts(-1), count, ttlMs);
  }

  /**
   * Admits one more consumer on `worker` if it stays within `bound`: returns the function that
   * ends the admission (call it once the consumer exists, or failed), or undefined when the
   * worker is full. Synchronous, so consumers requested at the same moment cannot all take the
   * last place; reservations do not count here (they only steer placement).
   */
  admit(worker: ms.Worker, bound: number): (() => void) | undefined {
    const counts = this.#counts.get(worker);
    if (!counts) return undefined;
    if (counts.consumers + counts.admitting >= bound) {
      counts.refused++;
      return undefined;
    }
    counts.admitting++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      counts.admitting--;
    };
  }

  snapshot(): WorkerLoadSnapshot[] {
    return [...this.#counts.entries()]
      .map(([worker, c]) => ({
        index: c.index,
        pid: worker.pid,
        consumers: c.consumers,
        pipeConsumers: c.pipeConsumers,
        reserved: c.reserved,
        admitting: c.admitting,
        refused: c.refused,
      }))
      .sort((a, b) => a.index - b.index);
  }
}
