/**
 * Follow-up tasks for the renderer: reads from the local replica (so every view works offline),
 * records changes as mutations, and runs one sync engine for whoever is signed in.
 */
import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import type { Task } from '../../common/domain/task';
import type { User } from '../../common/domain/user';
import { taskActorOf, type TaskMutation } from '../../common/tasks/mutations';
import type { SyncState } from '../../common/tasks/syncState';
import type {
  ReplicaScope,
  StoredRejection,
  TaskReplicaRepository,
} from '../store/repos/TaskReplicaRepository';
import { SyncEngine } from '../sync/SyncEngine';
import { httpSyncTransport, type SyncTransport } from '../sync/SyncTransport';
import type { SessionService } from './SessionService';

export interface TasksServiceEvents {
  tasksChanged: [taskIds: string[]];
  syncChanged: [state: SyncState];
}

const SIGNED_OUT: SyncState = {
  status: 'error',
  pending: 0,
  lastSyncedAt: null,
  error: { code: 'unauthorized', message: 'Not signed in' },
  nextRetryAt: null,
};

export class TasksService extends EventEmitter<TasksServiceEvents> {
  readonly #session: SessionService;
  readonly #replica: TaskReplicaRepository;
  readonly #transport: (session: SessionService) => SyncTransport;
  readonly #engineOptions: { intervalMs?: number; backoffMs?: number };
  #engine: SyncEngine | undefined;
  #scope: (ReplicaScope & { user: User }) | undefined;

  constructor(
    session: SessionService,
    replica: TaskReplicaRepository,
    options: {
      transport?: (session: SessionService) => SyncTransport;
      intervalMs?: number;
      backoffMs?: number;
    } = {},
  ) {
    super();
    this.#session = session;
    this.#replica = replica;
    this.#transport =
      options.transport ?? ((s) => httpSyncTransport(async () => (await s.authorizedClient()).api));
    this.#engineOptions = { intervalMs: options.intervalMs, backoffMs: options.backoffMs };
    session.on('changed', () => this.#follow());
    this.#follow();
  }

  list(): { tasks: Task[]; pendingTaskIds: string[]; sync: SyncState } {
    const scope = this.#requireScope();
    return {
      tasks: this.#replica.listTasks(scope),
      pendingTaskIds: [...this.#replica.pendingTaskIds(scope)],
      sync: this.syncState(),
    };
  }

  /** Records a change locally (durably) and starts pushing it; returns the task as it now reads. */
  mutate(mutation: TaskMutation, now = new Date()): { mutationId: number; task: Task | null } {
    const scope = this.#requireScope();
    const mutationId = this.#replica.record(scope, taskActorOf(scope.user), mutation, now);
    const taskId = mutation.name === 'task.create' ? mutation.args.task.id : mutation.args.taskId;
    this.emit('tasksChanged', [taskId]);
    this.#engine?.recorded();
    return { mutationId, task: this.#replica.getTask(scope, taskId) ?? null };
  }

  rejections(): StoredRejection[] {
    return this.#replica.rejections(this.#requireScope());
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

  #requireScope(): ReplicaScope & { user: User } {
    if (!this.#scope) throw new AppError('unauthorized', 'Not signed in');
    return this.#scope;
  }

  /** One engine per signed-in user and server; another user signing in gets a replica of their own. */
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
    const engine = new SyncEngine({
      replica: this.#replica,
      scope,
      transport: this.#transport(this.#session),
      ...this.#engineOptions,
      onUnauthorized: () => void this.#session.sessionRejected(),
    });
    engine.on('state', (s) => this.emit('syncChanged', s));
    engine.on('tasksChanged', (ids) => this.emit('tasksChanged', ids));
    this.#engine = engine;
    engine.start();
  }
}
