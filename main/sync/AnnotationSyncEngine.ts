/**
 * Runs annotation sync for one replica in the background (when: BackgroundSync): pushes the
 * outbox in order, in batches that fit the server's body limit, then pulls page by page. As for
 * tasks, no database transaction is held across a network call.
 */
import { AppError } from '../../common/errors';
import {
  ANNOTATION_SYNC_PROTOCOL_VERSION,
  MAX_ANNOTATION_PUSH_BATCH,
  MAX_ANNOTATION_PUSH_CHARS,
  type PushedAnnotationMutation,
} from '../../common/protocol/annotationsApi';
import type { SyncState } from '../../common/tasks/syncState';
import type { ReplicaScope } from '../store/outbox';
import {
  DocumentSet,
  type AnnotationReplicaRepository,
  type DocumentKey,
} from '../store/repos/AnnotationReplicaRepository';
import { ScheduledSync, type SyncTiming } from './BackgroundSync';
import type { AnnotationSyncTransport } from './SyncTransport';

export interface AnnotationSyncEngineOptions extends SyncTiming {
  replica: AnnotationReplicaRepository;
  scope: ReplicaScope;
  transport: AnnotationSyncTransport;
}

export interface AnnotationSyncEngineEvents {
  state: [state: SyncState];
  /** Documents whose annotations changed because of a pull, or a refusal of a push. */
  documentsChanged: [documents: DocumentKey[]];
}

/** The longest prefix of `batch` whose JSON stays under the push budget (one mutation at least). */
export function withinPushBudget(batch: PushedAnnotationMutation[]): PushedAnnotationMutation[] {
  let chars = 0;
  for (let i = 0; i < batch.length; i++) {
    chars += JSON.stringify(batch[i]).length;
    if (chars > MAX_ANNOTATION_PUSH_CHARS) return batch.slice(0, Math.max(1, i));
  }
  return batch;
}

/** Pages of one pull round at most (500 annotations each): the next round goes on. */
const MAX_PULL_PAGES = 20;

export class AnnotationSyncEngine extends ScheduledSync<AnnotationSyncEngineEvents> {
  readonly #o: AnnotationSyncEngineOptions;

  constructor(options: AnnotationSyncEngineOptions) {
    super(options, () => options.replica.pendingCount(options.scope));
    this.#o = options;
  }

  protected async round(progress: (pending: number) => void): Promise<void> {
    const { replica, scope, transport } = this.#o;
    const meta = replica.meta(scope);
    for (;;) {
      const batch = withinPushBudget(replica.pending(scope, MAX_ANNOTATION_PUSH_BATCH));
      if (batch.length === 0) break;
      const response = await transport.push({
        protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION,
        clientId: meta.clientId,
        mutations: batch,
      });
      const { refusedDocuments } = replica.acknowledge(scope, response, this.now());
      progress(replica.pendingCount(scope));
      // The reader shows refusals at once, even when the pull that follows fails.
      if (refusedDocuments.length > 0) this.emit('documentsChanged', refusedDocuments);
      if (response.lastMutationId < batch.at(-1)!.id)
        throw new AppError('internal', 'The server did not process the whole push');
    }
    const changed = new DocumentSet();
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const response = await transport.pull({
        protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION,
        clientId: meta.clientId,
        since: replica.meta(scope).pulledClock,
      });
      const { changedDocuments } = replica.applyPull(scope, response, this.now());
      for (const d of changedDocuments) changed.add(d);
      if (!response.more) break;
    }
    const documents = changed.values();
    if (documents.length > 0) this.emit('documentsChanged', documents);
  }
}
