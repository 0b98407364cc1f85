/**
 * Runs task sync for one replica in the background: pushes the outbox in order, then pulls, after
 * every local change, on an interval, and after failures with exponential backoff. It never holds
 * a database transaction across a network call: the replica is read, the request sent, and the
 * answer applied in a transaction of its own.
 */
import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import {
  MAX_PUSH_BATCH,
  SYNC_PROTOCOL_VERSION,
  type PushedMutation,
} from '../../common/protocol/sync';
import { mutationAttachments } from '../../common/tasks/mutations';
import type { SyncState } from '../../common/tasks/syncState';
import type { ReplicaScope, TaskReplicaRepository } from '../store/repos/TaskReplicaRepository';
import type { SyncTransport } from './SyncTransport';

export interface SyncEngineOptions {
  replica: TaskReplicaRepository;
  scope: ReplicaScope;
  transport: SyncTransport;
  /** Between syncs when nothing happens locally (picks up others' changes). */
  intervalMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Called when the server no longer accepts the session. */
  onUnauthorized?: () => void;
  now?: () => Date;
}

export interface SyncEngineEvents {
  state: [state: SyncState];
  /** Task ids whose view changed because of a pull. */
  tasksChanged: [taskIds: string[]];
}

/** Codes after which retrying cannot help until something else changes (sign-in, update). */
const FINAL_CODES = new Set(['unauthorized', 'incompatible']);

/**
 * At most this many attachment descriptions in one push (about 300 bytes each): 500 reports with
 * 10 files each would pass the server's 1 MB JSON body limit and be refused on every retry.
 */
const MAX_PUSH_ATTACHMENTS = 1_000;

/** The longest prefix of `batch` naming at most MAX_PUSH_ATTACHMENTS files (one mutation at least). */
function withinAttachmentBudget(batch: PushedMutation[]): PushedMutation[] {
  let files = 0;
  for (let i = 0; i < batch.length; i++) {
    files += mutationAttachments(batch[i]!.mutation).length;
    if (files > MAX_PUSH_ATTACHMENTS) return batch.slice(0, Math.max(1, i));
  }
  return batch;
}

/** Refusals of an upload that a retry would meet again (see `#uploadAttachments`). */
const PERMANENT_UPLOAD_CODES = new Set(['not_found', 'forbidden', 'invalid', 'too_large']);

export class SyncEngine extends EventEmitter<SyncEngineEvents> {
  readonly #o: Required<Omit<SyncEngineOptions, 'onUnauthorized'>> &
    Pick<SyncEngineOptions, 'onUnauthorized'>;
  #state: SyncState;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = false;

  constructor(options: SyncEngineOptions) {
    super();
    // NOTE: defaults by `??`, not by spreading `options` over them: TasksService passes
    // `intervalMs: undefined` when it has no override, and a spread would keep that undefined,
    // making every timer 0 ms (a sync round back to back, forever, and retries without backoff).
    this.#o = {
      ...options,
      intervalMs: options.intervalMs ?? 30_000,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      now: options.now ?? (() => new Date()),
    };
    const pending = options.replica.pendingCount(options.scope);
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
    this.#setState({ pending: this.#o.replica.pendingCount(this.#o.scope) });
    if (this.#state.status === 'synced') this.#setState({ status: 'pending' });
    this.requestSync();
  }

  /** Resolves when the current round (if any) has finished. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.syncOnce();
        this.#failures = 0;
      } catch (error) {
        this.#failed(error);
        return;
      }
    } while (this.#again && !this.#stopped);
    this.#schedule(this.#o.intervalMs);
  }

  /** One round: push everything pending, in batches and in order, then pull. Throws on failure. */
  async syncOnce(): Promise<void> {
    const { replica, scope, transport } = this.#o;
    this.#setState({ status: 'syncing' });
    const meta = replica.meta(scope);
    for (;;) {
      const pending = withinAttachmentBudget(replica.pending(scope, MAX_PUSH_BATCH));
      if (pending.length === 0) break;
      // Files first: the server refuses a report whose files it does not have.
      const batch = await this.#uploadAttachments(pending);
      const response = await transport.push({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId: meta.clientId,
        mutations: batch,
      });
      replica.acknowledge(scope, response, this.#o.now());
      this.#setState({ pending: replica.pendingCount(scope) });
      if (response.lastMutationId < batch.at(-1)!.id)
        throw new AppError('internal', 'The server did not process the whole push');
    }
    const response = await transport.pull({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: meta.clientId,
      since: replica.meta(scope).pulledClock,
    });
    const { changedTaskIds } = replica.applyPull(scope, response, this.#o.now());
    const pending = replica.pendingCount(scope);
    this.#setState({
      status: pending > 0 ? 'pending' : 'synced',
      pending,
      lastSyncedAt: this.#o.now().toISOString(),
      error: null,
      nextRetryAt: null,
    });
    if (changedTaskIds.length > 0) this.emit('tasksChanged', changedTaskIds);
  }

  /**
   * Uploads the files the batch's reports name and the server has not confirmed, and returns the
   * part of the batch to push now. A file is marked sent only once the server answered, so a crash
   * in between sends it again, which the server takes as a no-op.
   *
   * The upload of a report's file on a task the server does not know yet (created by an earlier
   * mutation of the same batch) is refused as not found: the batch is cut before that report, the
   * part that creates the task is pushed, and the next batch sends the file. Other refusals (the
   * task moved to another agency; the file was refused) cannot be mended by retrying: the report
   * is pushed anyway, and the server rejects it with its reason, so the outbox moves on.
   * Network failures throw and the round is retried.
   */
  async #uploadAttachments(batch: PushedMutation[]): Promise<PushedMutation[]> {
    const { replica, scope, transport } = this.#o;
    const uploads = replica.pendingUploads(scope, batch.at(-1)!.id);
    for (const upload of uploads) {
      const bytes = replica.blobs.get(upload.sha256);
      // Lost from the store (it cannot be, while the outbox names it): the server will say so.
      if (!bytes) continue;
      if (!transport.uploadAttachment)
        throw new AppError('internal', 'This sync transport cannot upload attachments');
      try {
        await transport.uploadAttachment({ taskId: upload.taskId, sha256: upload.sha256, bytes });
        replica.markUploaded(scope, upload.taskId, upload.sha256, this.#o.now());
      } catch (error) {
        if (!(error instanceof AppError) || !PERMANENT_UPLOAD_CODES.has(error.code)) throw error;
        if (error.code === 'not_found' && upload.mutationId > batch[0]!.id)
          return batch.filter((m) => m.id < upload.mutationId);
      }
    }
    return batch;
  }

  #failed(error: unknown): void {
    // A round still running when the services close fails on the closed store: nothing to report.
    if (this.#stopped) return;
    const appError =
      error instanceof AppError ? error : new AppError('internal', String(error as Error));
    const pending = this.#o.replica.pendingCount(this.#o.scope);
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
