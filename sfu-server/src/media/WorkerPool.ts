/**
 * One mediasoup worker per core. A worker that dies is replaced after a short backoff and the
 * pool emits `workerReplaced` so rooms on it can be re-created (clients rejoin on their own).
 * The pool counts consumers per worker (`WorkerLoad`) so rooms place peers on lightly loaded
 * workers, spread over several routers as they grow, and refuse a consumer that would take a
 * worker over `maxConsumersPerWorker`.
 */
import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import type { Logger } from 'pino';
import { WorkerLoad, type WorkerLoadSnapshot } from './WorkerLoad';

export interface WorkerPoolOptions {
  size: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logger: Logger;
  /** Explicit binary; otherwise mediasoup's lookup (MEDIASOUP_WORKER_BIN, then its own out/ dir). */
  workerBin?: string;
  /** Delay before a dead worker is replaced, ms. */
  restartDelayMs?: number;
  /** Consumers a worker carries at most, across its rooms (default 500, mediasoup's guidance). */
  maxConsumersPerWorker?: number;
}

export interface WorkerPoolEvents {
  workerDied: [index: number, pid: number, error: Error];
  workerReplaced: [index: number, worker: ms.Worker];
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  readonly #options: WorkerPoolOptions;
  readonly #workers: (ms.Worker | undefined)[];
  readonly #load = new WorkerLoad();
  #next = 0;
  #closed = false;

  private constructor(options: WorkerPoolOptions) {
    super();
    this.#options = options;
    this.#workers = new Array(options.size).fill(undefined);
  }

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      // NOTE: sequential, so port ranges and start-up logs stay readable; each start is ~30 ms.
      for (let i = 0; i < options.size; i++) await pool.#start(i);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Workers that are running now (a replacement may be pending for a dead one). */
  get liveWorkers(): ms.Worker[] {
    return this.#workers.filter((w): w is ms.Worker => w !== undefined && !w.closed && !w.died);
  }

  /** Consumers per worker across all rooms (what placement compares with the bound). */
  get load(): WorkerLoad {
    return this.#load;
  }

  get maxConsumersPerWorker(): number {
    return this.#options.maxConsumersPerWorker ?? 500;
  }

  /** Per worker: consumers, pipe consumers and reservations (benchmarks, tests, diagnostics). */
  consumerCounts(): WorkerLoadSnapshot[] {
    return this.#load.snapshot();
  }

  /**
   * The live worker with the fewest consumers (plus reservations), skipping `exclude`; ties go
   * round-robin, so idle workers take new rooms in turn. Undefined when none is left.
   */
  leastLoadedWorker(exclude: ReadonlySet<ms.Worker> = new Set()): ms.Worker | undefined {
    const live = this.liveWorkers;
    let best: ms.Worker | undefined;
    let bestLoad = Infinity;
    for (let i = 0; i < live.length; i++) {
      const worker = live[(this.#next + i) % live.length]!;
      if (exclude.has(worker)) continue;
      const load = this.#load.load(worker);
      if (load < bestLoad) {
        best = worker;
        bestLoad = load;
      }
    }
    this.#next = (this.#next + 1) % Number.MAX_SAFE_INTEGER;
    return best;
  }

  /** Asks every worker for its resource usage; resolves to the number that answered in time. */
  async ping(timeoutMs = 2000): Promise<number> {
    const answers = await Promise.all(
      this.#workers.map(async (w) => {
        if (!w || w.closed || w.died) return false;
        const timeout = new Promise<false>((resolve) =>
          setTimeout(() => resolve(false), timeoutMs).unref(),
        );
        return Promise.race([
          w.getResourceUsage().then(
            () => true as const,
            () => false as const,
          ),
          timeout,
        ]);
      }),
    );
    return answers.filter(Boolean).length;
  }

  /**
   * Closes every worker and resolves once their processes are gone (at most `timeoutMs`), so a
   * shutdown never leaves a worker behind holding ports.
   */
  async close(timeoutMs = 3000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pids = this.#workers.filter((w): w is ms.Worker => w !== undefined).map((w) => w.pid);
    for (const worker of this.#workers) worker?.close();
    this.#workers.fill(undefined);
    const deadline = Date.now() + timeoutMs;
    while (pids.some(processExists) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #start(index: number): Promise<ms.Worker> {
    const { rtcMinPort, rtcMaxPort, size, logger, workerBin } = this.#options;
    // Each worker gets its own slice of the RTC port range so they never compete for a port.
    const span = Math.floor((rtcMaxPort - rtcMinPort + 1) / size);
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort: rtcMinPort + index * span,
      rtcMaxPort: rtcMinPort + (index + 1) * span - 1,
      ...(workerBin ? { workerBin } : {}),
      appData: { index },
    });
    this.#workers[index] = worker;
    this.#load.watch(worker, index);
    logger.info({ index, pid: worker.pid }, 'mediasoup worker started');
    worker.on('died', (error) => this.#onDied(index, worker, error));
    return worker;
  }

  #onDied(index: number, worker: ms.Worker, error: Error): void {
    if (this.#closed || this.#workers[index] !== worker) return;
    this.#options.logger.error(
      { index, pid: worker.pid, err: error },
      'mediasoup worker died; replacing it',
    );
    this.#workers[index] = undefined;
    this.emit('workerDied', index, worker.pid, error);
    const retry = (attempt: number) => {
      if (this.#closed) return;
      this.#start(index).then(
        (replacement) => this.emit('workerReplaced', index, replacement),
        (startError: unknown) => {
          this.#options.logger.error(
            { index, err: startError, attempt },
            'mediasoup worker restart failed',
          );
          setTimeout(() => retry(attempt + 1), Math.min(30_000, 500 * 2 ** attempt)).unref();
        },
      );
    };
    setTimeout(() => retry(0), this.#options.restartDelayMs ?? 200).unref();
  }
}
