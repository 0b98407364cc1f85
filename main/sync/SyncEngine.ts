/**
 * Runs task sync for one replica in the background: pushes the outbox in order, then pulls, after
 * every local change, on an interval, and after failures with exponential backoff (when: see
 * BackgroundSync). It never holds a database transaction across a network call: the replica is
 * read, the request sent, and the answer applied in a transaction of its own.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors';
import {
  MAX_PUSH_BATCH,
  SYNC_PROTOCOL_VERSION,
  type PushedMutation,
} from '../../common/protocol/sync';
import { mutationAttachments } from '../../common/tasks/mutations';
import type { SyncState } from '../../common/tasks/syncState';
import type { ReplicaScope, TaskReplicaRepository } from '../store/repos/TaskReplicaRepository';
import { ScheduledSync, type SyncTiming } from './BackgroundSync';
import type { SyncTransport } from './SyncTransport';

export interface SyncEngineOptions extends SyncTiming {
  replica: TaskReplicaRepository;
  scope: ReplicaScope;
  transport: SyncTransport;
}

export interface SyncEngineEvents {
  state: [state: SyncState];
  /** Task ids whose view changed because of a pull. */
  tasksChanged: [taskIds: string[]];
}

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

/**
 * The request id of one pending upload: the same for every retry of it, across rounds and
 * restarts, since it is made of what defines the upload (this replica, the task, the file).
 */
export function attachmentRequestId(clientId: string, taskId: string, sha256: string): string {
  const digest = createHash('sha256').update(`${clientId}\n${taskId}\n${sha256}`).digest('hex');
  return `attachment.${digest.slice(0, 40)}`;
}

/** Refusals of an upload that a retry would meet again (see `#uploadAttachments`). */
const PERMANENT_UPLOAD_CODES = new Set(['not_found', 'forbidden', 'invalid', 'too_large']);

export class SyncEngine extends ScheduledSync<SyncEngineEvents> {
  readonly #o: SyncEngineOptions;

  constructor(options: SyncEngineOptions) {
    super(options, () => options.replica.pendingCount(options.scope));
    this.#o = options;
  }

  protected async round(progress: (pending: number) => void): Promise<void> {
    const { replica, scope, transport } = this.#o;
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
      replica.acknowledge(scope, response, this.now());
      progress(replica.pendingCount(scope));
      if (response.lastMutationId < batch.at(-1)!.id)
        throw new AppError('internal', 'The server did not process the whole push');
    }
    const response = await transport.pull({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: meta.clientId,
      since: replica.meta(scope).pulledClock,
    });
    const { changedTaskIds } = replica.applyPull(scope, response, this.now());
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
   * is pushed anyway, and the server rejects it with its reason, so the outbox moves on (a
   * quota refusal is `too_large`). Network failures, and a full disk on the server (507), throw
   * and the round is retried; each upload carries the same request id on every retry, so one the
   * server stored but whose answer was lost is answered as the first and stored once.
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
        await transport.uploadAttachment({
          taskId: upload.taskId,
          sha256: upload.sha256,
          bytes,
          requestId: attachmentRequestId(
            replica.meta(scope).clientId,
            upload.taskId,
            upload.sha256,
          ),
        });
        replica.markUploaded(scope, upload.taskId, upload.sha256, this.now());
      } catch (error) {
        if (!(error instanceof AppError) || !PERMANENT_UPLOAD_CODES.has(error.code)) throw error;
        if (error.code === 'not_found' && upload.mutationId > batch[0]!.id)
          return batch.filter((m) => m.id < upload.mutationId);
      }
    }
    return batch;
  }
}
