import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import type { Task } from '../../../common/domain/task';
import type {
  IpcChannel,
  IpcEventName,
  IpcEventPayload,
  IpcRequest,
  IpcResponse,
  PhongHopApi,
} from '../../../common/ipc/contract';
import type { SyncState } from '../../../common/tasks/syncState';
import { TasksStore } from '../../../renderer/features/tasks/tasksStore';
import { makeTask } from '../../helpers/taskFixture';

const SYNCED: SyncState = {
  status: 'synced',
  pending: 0,
  lastSyncedAt: null,
  error: null,
  nextRetryAt: null,
};

function task(id: string, content = id): Task {
  return makeTask(id, { meetingId: 'm', content, reportTo: null });
}

/** An API double answering from `state`, counting calls, and emitting events on demand. */
function fakeApi(state: { tasks: Task[]; pending: string[]; sync: SyncState; fail?: boolean }) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const api: PhongHopApi = {
    async invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>) {
      calls.push(channel);
      if (state.fail) throw new AppError('unavailable', 'host down');
      switch (channel) {
        case 'tasks.list':
          return {
            tasks: state.tasks,
            pendingTaskIds: state.pending,
            sync: state.sync,
          } as IpcResponse<C>;
        case 'tasks.rejections':
          return [] as IpcResponse<C>;
        case 'tasks.mutate': {
          const { mutation } = request as IpcRequest<'tasks.mutate'>;
          if (mutation.name !== 'task.report') throw new Error('unexpected');
          const updated = { ...task(mutation.args.taskId), status: 'in_progress' as const };
          state.tasks = state.tasks.map((t) => (t.id === updated.id ? updated : t));
          state.pending = [updated.id];
          return { mutationId: 1, task: updated } as IpcResponse<C>;
        }
        case 'tasks.syncNow':
          return state.sync as IpcResponse<C>;
        default:
          throw new Error(`unexpected ${channel}`);
      }
    },
    on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { api, calls, emit, listeners };
}

const noReconnect = () => () => {};

describe('TasksStore', () => {
  it('create() loads the list and rejections and becomes ready', async () => {
    const { api } = fakeApi({ tasks: [task('a')], pending: [], sync: SYNCED });
    const store = TasksStore.create(api, { onReconnected: noReconnect });
    expect(store.getSnapshot().status).toBe('loading');
    await store.settled();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', sync: SYNCED, rejections: [] });
    expect(store.getSnapshot().tasks.map((t) => t.id)).toEqual(['a']);
    store.close();
  });

  it('tasks.changed refetches; events during a refetch coalesce into one more', async () => {
    const state = { tasks: [task('a')], pending: [] as string[], sync: SYNCED };
    const { api, calls, emit } = fakeApi(state);
    const store = TasksStore.create(api, { onReconnected: noReconnect });
    await store.settled();
    state.tasks = [task('a', 'đã sửa')];
    emit('tasks.changed', { taskIds: ['a'] });
    emit('tasks.changed', { taskIds: ['a'] });
    emit('tasks.changed', { taskIds: ['a'] });
    await store.settled();
    expect(calls.filter((c) => c === 'tasks.list')).toHaveLength(3);
    expect(store.getSnapshot().tasks[0]!.content).toBe('đã sửa');
    store.close();
  });

  it('sync.changed updates the state at once and refetches when the pending count changes', async () => {
    const state: { tasks: Task[]; pending: string[]; sync: SyncState } = {
      tasks: [task('a')],
      pending: ['a'],
      sync: { ...SYNCED, status: 'pending', pending: 1 },
    };
    const { api, calls, emit } = fakeApi(state);
    const store = TasksStore.create(api, { onReconnected: noReconnect });
    await store.settled();
    const before = calls.length;
    emit('sync.changed', { ...state.sync, status: 'offline' });
    expect(store.getSnapshot().sync?.status).toBe('offline');
    await store.settled();
    expect(calls.length).toBe(before);
    state.pending = [];
    state.sync = SYNCED;
    emit('sync.changed', SYNCED);
    await store.settled();
    expect(calls.length).toBeGreaterThan(before);
    expect(store.getSnapshot().pendingTaskIds.size).toBe(0);
    store.close();
  });

  it('mutate() shows the changed task and marks it pending before the refetch', async () => {
    const { api } = fakeApi({ tasks: [task('a'), task('b')], pending: [], sync: SYNCED });
    const store = TasksStore.create(api, { onReconnected: noReconnect });
    await store.settled();
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().tasks[0]!.status));
    await store.mutate({
      name: 'task.report',
      args: { taskId: 'a', reportId: 'report-12345678', text: 'Đã làm', percent: 10 },
    });
    expect(seen[0]).toBe('in_progress');
    expect(store.getSnapshot().pendingTaskIds.has('a')).toBe(true);
    await store.settled();
    store.close();
  });

  it('a failed first load is an error; a failed later refresh keeps the data', async () => {
    const state = { tasks: [task('a')], pending: [], sync: SYNCED, fail: true };
    const { api } = fakeApi(state);
    const store = TasksStore.create(api, { onReconnected: noReconnect });
    await store.settled();
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'unavailable' } });
    state.fail = false;
    store.refresh();
    await store.settled();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', error: null });
    state.fail = true;
    store.refresh();
    await store.settled();
    expect(store.getSnapshot().status).toBe('ready');
    expect(store.getSnapshot().tasks).toHaveLength(1);
    store.close();
  });

  it('close() unsubscribes from events and ignores later answers', async () => {
    const { api, listeners } = fakeApi({ tasks: [], pending: [], sync: SYNCED });
    const store = TasksStore.create(api, { onReconnected: noReconnect });
    store.close();
    await store.settled();
    expect(store.getSnapshot().status).toBe('loading');
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
