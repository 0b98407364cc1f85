import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../common/domain/annotation';
import type {
  AnnotationRefusal,
  IpcChannel,
  IpcEventName,
  IpcEventPayload,
  IpcRequest,
  IpcResponse,
  PhongHopApi,
} from '../../../../common/ipc/contract';
import type { SyncState } from '../../../../common/tasks/syncState';
import { DocumentAnnotationsStore } from '../../../../renderer/features/documents/annotations/DocumentAnnotationsStore';

const SYNCED: SyncState = {
  status: 'synced',
  pending: 0,
  lastSyncedAt: null,
  error: null,
  nextRetryAt: null,
};

function annotation(id: string): Annotation {
  return {
    id,
    meetingId: 'm',
    documentId: 'd',
    version: 1,
    page: 1,
    color: '#d62828',
    shared: true,
    anchor: null,
    shape: { kind: 'ink', strokes: [[[1, 2]]], width: 2 },
    author: { id: 'thuky', name: 'Vũ Thị Thu Hằng' },
    createdAt: '2022-09-26T01:00:00.000Z',
    updatedAt: '2022-09-26T01:00:00.000Z',
    deleted: false,
    clock: 1,
  };
}

function refusal(mutationId: number): AnnotationRefusal {
  return {
    mutationId,
    annotationId: `a${mutationId}`,
    action: 'share',
    rejection: { code: 'share_not_allowed', message: 'Only the secretary or the chair shares' },
    annotation: { kind: 'highlight', page: 2, excerpt: 'Kinh phí năm 2022' },
    at: '2022-09-27T02:00:00.000Z',
  };
}

/** An API double answering from `state`, counting calls, and emitting events on demand. */
function fakeApi(state: { annotations: Annotation[]; rejections?: AnnotationRefusal[] }) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const api: PhongHopApi = {
    async invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>) {
      calls.push(channel);
      switch (channel) {
        case 'annotations.dismissRejections': {
          const { mutationIds } = request as IpcRequest<'annotations.dismissRejections'>;
          const before = state.rejections ?? [];
          state.rejections = before.filter((r) => !mutationIds.includes(r.mutationId));
          return { dismissed: before.length - state.rejections.length } as IpcResponse<C>;
        }
        case 'annotations.list':
          return {
            annotations: state.annotations,
            pendingIds: [],
            userId: 'gialoc',
            canAnnotate: true,
            canShare: false,
            sync: SYNCED,
            rejections: state.rejections ?? [],
          } as IpcResponse<C>;
        case 'annotations.syncNow':
          return SYNCED as IpcResponse<C>;
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let store: DocumentAnnotationsStore | undefined;
afterEach(() => store?.close());

describe('DocumentAnnotationsStore', () => {
  it('lists at once, asks for a sync, and lists again only when this document’s annotations change', async () => {
    const state = { annotations: [annotation('a1')] };
    const { api, calls, emit } = fakeApi(state);
    store = DocumentAnnotationsStore.open(api, 'm', 'd', { onReconnected: () => () => {} });
    await settle();
    expect(store.getSnapshot()).toMatchObject({
      status: 'ready',
      userId: 'gialoc',
      canShare: false,
      sync: { status: 'synced' },
    });
    expect(store.getSnapshot().annotations.map((a) => a.id)).toEqual(['a1']);
    expect(calls.sort()).toEqual(['annotations.list', 'annotations.syncNow']);

    state.annotations = [annotation('a1'), annotation('a2')];
    emit('annotations.changed', { documents: [{ meetingId: 'm', documentId: 'other' }] });
    await settle();
    expect(store.getSnapshot().annotations).toHaveLength(1);
    emit('annotations.changed', { documents: [{ meetingId: 'm', documentId: 'd' }] });
    await settle();
    expect(store.getSnapshot().annotations.map((a) => a.id)).toEqual(['a1', 'a2']);

    emit('annotations.sync', { ...SYNCED, status: 'offline', pending: 2 });
    expect(store.getSnapshot().sync).toMatchObject({ status: 'offline', pending: 2 });
  });

  it('dismissRejections() takes the refusal out of the snapshot at once and asks main to keep it dismissed', async () => {
    const state = { annotations: [], rejections: [refusal(7), refusal(9)] };
    const { api, calls } = fakeApi(state);
    store = DocumentAnnotationsStore.open(api, 'm', 'd', { onReconnected: () => () => {} });
    await settle();
    expect(store.getSnapshot().rejections.map((r) => r.mutationId)).toEqual([7, 9]);

    const dismissed = store.dismissRejections([9]);
    expect(store.getSnapshot().rejections.map((r) => r.mutationId)).toEqual([7]);
    await dismissed;
    expect(calls).toContain('annotations.dismissRejections');
    expect(state.rejections.map((r) => r.mutationId)).toEqual([7]);
    expect(store.getSnapshot().rejections.map((r) => r.mutationId)).toEqual([7]);
  });

  it('close() stops listening: later events change nothing', async () => {
    const { api, listeners } = fakeApi({ annotations: [] });
    store = DocumentAnnotationsStore.open(api, 'm', 'd', { onReconnected: () => () => {} });
    await settle();
    store.close();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
