/**
 * The signed-in user's tasks as every task view sees them, kept outside React (like the session
 * store): the header's sync indicator, the tasks screen and a meeting's task section share one
 * copy and one set of event subscriptions.
 *
 * Fed by `tasks.list` (the local replica, so it works offline) and `tasks.rejections`, refetched
 * when main says tasks changed (`tasks.changed`), when the outbox shrinks or grows (`sync.changed`
 * with another `pending`), and after the browser bridge reconnects. `sync.changed` also updates
 * the sync state at once.
 *
 * State shape (`TasksSnapshot`, immutable, a new object on every change):
 *   status      'loading' until the first list arrives, then 'ready'; 'error' if that failed
 *   tasks       every task the user may see
 *   pendingTaskIds  tasks with changes recorded here and not yet acknowledged by the server
 *   sync        the sync engine's state (null before the first answer)
 *   rejections  changes the server refused, newest first
 *   error       why the last refresh failed (the data shown is then the previous one)
 */
import { useSyncExternalStore } from 'react';
import type { AppError } from '../../../common/errors';
import type { Task } from '../../../common/domain/task';
import type { IpcResponse, PhongHopApi } from '../../../common/ipc/contract';
import type { TaskMutation } from '../../../common/tasks/mutations';
import type { SyncState } from '../../../common/tasks/syncState';
import { getApi, onApiReconnected } from '../../lib/api';
import { toAppError } from '../../lib/contractChecks';

export type TaskRejection = IpcResponse<'tasks.rejections'>[number];

export interface TasksSnapshot {
  status: 'loading' | 'ready' | 'error';
  tasks: readonly Task[];
  pendingTaskIds: ReadonlySet<string>;
  sync: SyncState | null;
  rejections: readonly TaskRejection[];
  error: AppError | null;
}

const INITIAL: TasksSnapshot = {
  status: 'loading',
  tasks: [],
  pendingTaskIds: new Set(),
  sync: null,
  rejections: [],
  error: null,
};

export class TasksStore {
  readonly #api: PhongHopApi;
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: (() => void)[] = [];
  #snapshot: TasksSnapshot = INITIAL;
  #refreshing: Promise<void> | undefined;
  #again = false;
  #closed = false;

  private constructor(api: PhongHopApi) {
    this.#api = api;
  }

  /** Subscribes to the task events and starts the first load. */
  static create(api: PhongHopApi, options: { onReconnected?: typeof onApiReconnected } = {}) {
    const store = new TasksStore(api);
    store.#unsubscribe.push(
      api.on('tasks.changed', () => store.refresh()),
      api.on('sync.changed', (sync) => {
        const before = store.#snapshot.sync;
        store.#apply({ sync });
        // Acknowledged or newly recorded changes alter which tasks are pending.
        if (before?.pending !== sync.pending || sync.status === 'synced') store.refresh();
      }),
      (options.onReconnected ?? onApiReconnected)(() => store.refresh()),
    );
    store.refresh();
    return store;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): TasksSnapshot => this.#snapshot;

  /** Reloads the list; calls during a reload coalesce into one more. Never throws. */
  refresh(): void {
    if (this.#closed) return;
    if (this.#refreshing) {
      this.#again = true;
      return;
    }
    this.#refreshing = this.#load().finally(() => {
      this.#refreshing = undefined;
      if (this.#again) {
        this.#again = false;
        this.refresh();
      }
    });
  }

  /** Resolves once no reload is running (tests, and callers that want fresh data). */
  async settled(): Promise<void> {
    while (this.#refreshing) await this.#refreshing;
  }

  /** Records a change (throws the AppError main answers with) and shows the result at once. */
  async mutate(mutation: TaskMutation): Promise<Task | null> {
    const { task } = await this.#api.invoke('tasks.mutate', { mutation });
    if (task) {
      const tasks = this.#snapshot.tasks.some((t) => t.id === task.id)
        ? this.#snapshot.tasks.map((t) => (t.id === task.id ? task : t))
        : [...this.#snapshot.tasks, task];
      this.#apply({ tasks, pendingTaskIds: new Set([...this.#snapshot.pendingTaskIds, task.id]) });
    }
    this.refresh();
    return task;
  }

  async syncNow(): Promise<SyncState> {
    const sync = await this.#api.invoke('tasks.syncNow', {});
    this.#apply({ sync });
    this.refresh();
    return sync;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#listeners.clear();
  }

  async #load(): Promise<void> {
    try {
      const [list, rejections] = await Promise.all([
        this.#api.invoke('tasks.list', {}),
        this.#api.invoke('tasks.rejections', {}),
      ]);
      this.#apply({
        status: 'ready',
        tasks: list.tasks,
        pendingTaskIds: new Set(list.pendingTaskIds),
        sync: list.sync,
        rejections,
        error: null,
      });
    } catch (error) {
      this.#apply({
        status: this.#snapshot.status === 'ready' ? 'ready' : 'error',
        error: toAppError(error),
      });
    }
  }

  #apply(patch: Partial<TasksSnapshot>): void {
    if (this.#closed) return;
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }
}

let current: { userId: string; store: TasksStore; unsubscribe: () => void } | undefined;

/**
 * The store of the signed-in user; another user gets a fresh one (their own replica). Signing
 * out drops it, so the previous user's tasks do not stay in memory on a shared office PC.
 */
export function getTasksStore(userId: string): TasksStore {
  if (current?.userId !== userId) {
    dropTasksStore();
    const api = getApi();
    const store = TasksStore.create(api);
    const unsubscribe = api.on('session.changed', (session) => {
      if (session.status !== 'signed_in' || session.user.id !== userId) dropTasksStore();
    });
    current = { userId, store, unsubscribe };
  }
  return current.store;
}

function dropTasksStore(): void {
  current?.unsubscribe();
  current?.store.close();
  current = undefined;
}

export function useTasks(userId: string): TasksSnapshot {
  const store = getTasksStore(userId);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
