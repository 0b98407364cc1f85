/**
 * Annotations for the renderer: reads from the local replica (so the viewer shows them offline),
 * records changes as mutations, and runs one sync engine for whoever is signed in, as
 * TasksService does for tasks.
 */
import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import { mayShareAnnotations, type Annotation } from '../../common/domain/annotation';
import type { User } from '../../common/domain/user';
import type { AnnotationRefusal } from '../../common/ipc/contract';
import type {
  AnnotationActor,
  AnnotationMutation,
  MeetingRole,
} from '../../common/annotations/mutations';
import type { SyncState } from '../../common/tasks/syncState';
import type { ReplicaScope } from '../store/outbox';
import type {
  AnnotationReplicaRepository,
  DocumentKey,
  StoredAnnotationRejection,
} from '../store/repos/AnnotationReplicaRepository';
import { AnnotationSyncEngine } from '../sync/AnnotationSyncEngine';
import { httpAnnotationSyncTransport, type AnnotationSyncTransport } from '../sync/SyncTransport';
import type { SessionService } from './SessionService';

export interface AnnotationsServiceEvents {
  documentsChanged: [documents: DocumentKey[]];
  syncChanged: [state: SyncState];
}

const SIGNED_OUT: SyncState = {
  status: 'error',
  pending: 0,
  lastSyncedAt: null,
  error: { code: 'unauthorized', message: 'Not signed in' },
  nextRetryAt: null,
};

export interface AnnotationsServiceOptions {
  /** The signed-in user's role in a meeting, null when not invited (MeetingsService). */
  meetingRole: (meetingId: string) => Promise<MeetingRole | null>;
  transport?: (session: SessionService) => AnnotationSyncTransport;
  intervalMs?: number;
  backoffMs?: number;
}

export class AnnotationsService extends EventEmitter<AnnotationsServiceEvents> {
  readonly #session: SessionService;
  readonly #replica: AnnotationReplicaRepository;
  readonly #options: AnnotationsServiceOptions;
  #engine: AnnotationSyncEngine | undefined;
  #scope: (ReplicaScope & { user: User }) | undefined;

  constructor(
    session: SessionService,
    replica: AnnotationReplicaRepository,
    options: AnnotationsServiceOptions,
  ) {
    super();
    this.#session = session;
    this.#replica = replica;
    this.#options = options;
    session.on('changed', () => this.#follow());
    this.#follow();
  }

  /**
   * The annotations of one document the user sees (own ones, and those shared with everyone),
   * which wait to be sent, and what the user may do there.
   */
  async list(
    meetingId: string,
    documentId: string,
  ): Promise<{
    annotations: Annotation[];
    pendingIds: string[];
    userId: string;
    canAnnotate: boolean;
    canShare: boolean;
    sync: SyncState;
    rejections: AnnotationRefusal[];
  }> {
    const scope = this.#requireScope();
    const role = await this.#role(meetingId);
    const pending = this.#replica.pendingIds(scope);
    const annotations = this.#replica.list(scope, meetingId, documentId);
    return {
      annotations,
      pendingIds: annotations.filter((a) => pending.has(a.id)).map((a) => a.id),
      userId: scope.userId,
      canAnnotate: role !== null,
      canShare: mayShareAnnotations(role),
      sync: this.syncState(),
      rejections: this.#replica
        .rejections(scope, { document: { meetingId, documentId } })
        .map(({ mutationId, annotationId, action, rejection, annotation, at }) => ({
          mutationId,
          annotationId,
          action,
          rejection,
          annotation,
          at,
        })),
    };
  }

  /** Records a change locally (durably) and starts pushing it; returns the annotation as it now is. */
  async mutate(
    mutation: AnnotationMutation,
    now = new Date(),
  ): Promise<{ mutationId: number; annotation: Annotation }> {
    const scope = this.#requireScope();
    const meetingId =
      mutation.name === 'annotation.create'
        ? mutation.args.annotation.meetingId
        : this.#replica.get(scope, mutation.args.id)?.meetingId;
    const actor: AnnotationActor = {
      id: scope.user.id,
      name: scope.user.fullName,
      meetingRole: meetingId ? await this.#role(meetingId) : null,
    };
    const result = this.#replica.record(scope, actor, mutation, now);
    this.emit('documentsChanged', [
      { meetingId: result.annotation.meetingId, documentId: result.annotation.documentId },
    ]);
    this.#engine?.recorded();
    return result;
  }

  /** The user's own annotations of a document (for the export). */
  own(meetingId: string, documentId: string): Annotation[] {
    const scope = this.#requireScope();
    return this.#replica
      .list(scope, meetingId, documentId)
      .filter((a) => a.author.id === scope.userId);
  }

  /** Every annotation of a document the user sees (for the export with shared ones). */
  visible(meetingId: string, documentId: string): Annotation[] {
    return this.#replica.list(this.#requireScope(), meetingId, documentId);
  }

  /** Every refusal kept here, newest first, dismissed ones too (for support and tests). */
  rejections(): StoredAnnotationRejection[] {
    return this.#replica.rejections(this.#requireScope(), { includeDismissed: true });
  }

  /** The user has read these refusals: they leave the reader's notice, durably. */
  dismissRejections(mutationIds: readonly number[], now = new Date()): { dismissed: number } {
    const { dismissed, documents } = this.#replica.dismissRejections(
      this.#requireScope(),
      mutationIds,
      now,
    );
    if (documents.length > 0) this.emit('documentsChanged', documents);
    return { dismissed };
  }

  syncState(): SyncState {
    return this.#engine?.state ?? SIGNED_OUT;
  }

  /** Syncs now and resolves when the round is over (the state says how it went). */
  async syncNow(): Promise<SyncState> {
    if (!this.#engine) return SIGNED_OUT;
    this.#engine.requestSync();
    await this.#engine.idle();
    return this.#engine.state;
  }

  close(): void {
    this.#engine?.stop();
    this.#engine = undefined;
  }

  async #role(meetingId: string): Promise<MeetingRole | null> {
    try {
      return await this.#options.meetingRole(meetingId);
    } catch (error) {
      // A meeting never opened here, while offline: the server decides when the change arrives;
      // meanwhile the user may annotate privately (sharing needs a known role).
      if (error instanceof AppError && error.code === 'unavailable') return 'guest';
      throw error;
    }
  }

  #requireScope(): ReplicaScope & { user: User } {
    if (!this.#scope) throw new AppError('unauthorized', 'Not signed in');
    return this.#scope;
  }

  /** One engine per signed-in user and server. */
  #follow(): void {
    const state = this.#session.state();
    const scope =
      state.status === 'signed_in'
        ? { serverUrl: state.serverUrl, userId: state.user.id, user: state.user }
        : undefined;
    if (
      scope &&
      this.#scope?.serverUrl === scope.serverUrl &&
      this.#scope.userId === scope.userId
    ) {
      this.#scope = scope;
      return;
    }
    this.#engine?.stop();
    this.#engine = undefined;
    this.#scope = scope;
    if (!scope) {
      this.emit('syncChanged', SIGNED_OUT);
      return;
    }
    const transport =
      this.#options.transport?.(this.#session) ??
      httpAnnotationSyncTransport(async () => (await this.#session.authorizedClient()).api);
    const engine = new AnnotationSyncEngine({
      replica: this.#replica,
      scope,
      transport,
      intervalMs: this.#options.intervalMs,
      backoffMs: this.#options.backoffMs,
      onUnauthorized: () => void this.#session.sessionRejected(),
    });
    engine.on('state', (s) => this.emit('syncChanged', s));
    engine.on('documentsChanged', (documents) => this.emit('documentsChanged', documents));
    this.#engine = engine;
    engine.start();
  }
}
