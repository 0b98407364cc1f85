/**
 * When to sync, for any kind of replica (tasks: SyncEngine; annotations: AnnotationSyncEngine):
 * a round after every local change, on an interval, and after failures with exponential backoff
 * and jitter; calls during a round coalesce into one more round. It also keeps the state the
 * user is shown (`SyncState`). What a round does (push the outbox, then pull) is the caller's.
 */
import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import type { SyncState } from '../../common/tasks/syncState';

export interface BackgroundSyncOptions {
  /**
   * One round: push everything pending and pull. Throws on failure. `progress` reports the
   * outbox's size as it shrinks during the round.
   */
  round: (progress: (pending: number) => void) => Promise<void>;
  /** Changes recorded here and not yet acknowledged. */
  pendingCount: () => number;
  /** Between rounds when nothing happens locally (picks up others' changes). */
  intervalMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Called when the server no longer accepts the session. */
  onUnauthorized?: () => void;
  now?: () => Date;
}

export interface BackgroundSyncEvents {
  state: [state: SyncState];
}

/** Codes after which retrying cannot help until something else changes (sign-in, update). */
const FINAL_CODES = new Set(['unauthorized', 'incompatible']);

export class BackgroundSync extends EventEmitter<BackgroundSyncEvents> {
  readonly #o: Required<Omit<BackgroundSyncOptions, 'onUnauthorized'>> &
    Pick<BackgroundSyncOptions, 'onUnauthorized'>;
  #state: SyncState;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = false;

  constructor(options: BackgroundSyncOptions) {
    super();
    // NOTE: defaults by `??`, not by spreading `options` over them: services pass
    // `intervalMs: undefined` when they have no override, and a spread would keep that undefined,
    // making every timer 0 ms (a sync round back to back, forever, and retries without backoff).
    this.#o = {
      ...options,
      intervalMs: options.intervalMs ?? 30_000,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      now: options.now ?? (() => new Date()),
    };
    const pending = options.pendingCount();
    this.#state = {
      status: pending > 0 ? 'pending' : 'synced',
      pending,
      lastSyncedAt: null,
      error: null,
      nextRetryAt: null,
    };
  }

  get state(): SyncState {
    return this.#state;
  }

  /** Starts syncing now and keeps going until `stop()`. */
  start(): void {
    this.#stopped = false;
    this.requestSync();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Syncs as soon as possible; calls during a sync coalesce into one more round. */
  requestSync(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /** A local change was recorded: count it and sync soon. */
  recorded(): void {
    this.#setState({ pending: this.#o.pendingCount() });
    if (this.#state.status === 'synced') this.#setState({ status: 'pending' });
    this.requestSync();
  }

  /** Resolves when the current round (if any) has finished. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** One round now, with the state around it. Throws on failure (the state is left to the caller). */
  async runOnce(): Promise<void> {
    this.#setState({ status: 'syncing' });
    await this.#o.round((pending) => this.#setState({ pending }));
    const pending = this.#o.pendingCount();
    this.#setState({
      status: pending > 0 ? 'pending' : 'synced',
      pending,
      lastSyncedAt: this.#o.now().toISOString(),
      error: null,
      nextRetryAt: null,
    });
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.runOnce();
        this.#failures = 0;
      } catch (error) {
        this.#failed(error);
        return;
      }
    } while (this.#again && !this.#stopped);
    this.#schedule(this.#o.intervalMs);
  }

  #failed(error: unknown): void {
    // A round still running when the services close fails on the closed store: nothing to report.
    if (this.#stopped) return;
    const appError =
      error instanceof AppError ? error : new AppError('internal', String(error as Error));
    const pending = this.#o.pendingCount();
    if (FINAL_CODES.has(appError.code)) {
      this.#setState({
        status: 'error',
        pending,
        error: { code: appError.code, message: appError.message },
        nextRetryAt: null,
      });
      if (appError.code === 'unauthorized') this.#o.onUnauthorized?.();
      return;
    }
    this.#failures += 1;
    const delay = Math.min(this.#o.maxBackoffMs, this.#o.backoffMs * 2 ** (this.#failures - 1));
    // Jitter spreads the retries of hundreds of commune sites after a province server restart.
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.#setState({
      status: appError.code === 'unavailable' ? 'offline' : 'error',
      pending,
      error:
        appError.code === 'unavailable' ? null : { code: appError.code, message: appError.message },
      nextRetryAt: new Date(this.#o.now().getTime() + jittered).toISOString(),
    });
    this.#schedule(jittered);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.requestSync(), ms);
    this.#timer.unref?.();
  }

  #setState(patch: Partial<SyncState>): void {
    this.#state = { ...this.#state, ...patch };
    this.emit('state', this.#state);
  }
}

/** A sync engine's timing and session hooks, handed on to its BackgroundSync. */
export type SyncTiming = Omit<BackgroundSyncOptions, 'round' | 'pendingCount'>;

/**
 * A sync engine for one kind of replica (tasks, annotations): the subclass says what a round does
 * (push the outbox, then pull); when rounds run, and the state the user is shown, are
 * BackgroundSync's, reached through the methods here.
 */
export abstract class ScheduledSync<
  E extends BackgroundSyncEvents & Record<keyof E, unknown[]>,
> extends EventEmitter<E> {
  protected readonly now: () => Date;
  readonly #scheduler: BackgroundSync;

  /** `pendingCount` must not use the subclass's fields: it is read before they are set. */
  protected constructor(timing: SyncTiming, pendingCount: () => number) {
    super();
    this.now = timing.now ?? (() => new Date());
    const { intervalMs, backoffMs, maxBackoffMs, onUnauthorized } = timing;
    this.#scheduler = new BackgroundSync({
      intervalMs,
      backoffMs,
      maxBackoffMs,
      onUnauthorized,
      now: this.now,
      round: (progress) => this.round(progress),
      pendingCount,
    });
    const events = this as unknown as EventEmitter<BackgroundSyncEvents>;
    this.#scheduler.on('state', (state) => events.emit('state', state));
  }

  /** One round: push everything pending, in order, then pull. Throws on failure. */
  protected abstract round(progress: (pending: number) => void): Promise<void>;

  get state(): SyncState {
    return this.#scheduler.state;
  }

  /** Starts syncing now and keeps going until `stop()`. */
  start(): void {
    this.#scheduler.start();
  }

  stop(): void {
    this.#scheduler.stop();
  }

  /** Syncs as soon as possible; calls during a sync coalesce into one more round. */
  requestSync(): void {
    this.#scheduler.requestSync();
  }

  /** A local change was recorded: count it and sync soon. */
  recorded(): void {
    this.#scheduler.recorded();
  }

  /** Resolves when the current round (if any) has finished. */
  idle(): Promise<void> {
    return this.#scheduler.idle();
  }

  /** One round now, whatever the schedule. Throws on failure. */
  syncOnce(): Promise<void> {
    return this.#scheduler.runOnce();
  }
}
