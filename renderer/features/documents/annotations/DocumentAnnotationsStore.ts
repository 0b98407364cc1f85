/**
 * The annotations of one open document, kept outside React (like the tasks store). Fed by
 * `annotations.list` (the local replica: works offline), refetched when main says this
 * document's annotations changed (`annotations.changed`: a change made here, or a pull that
 * brought others' shared ones) and after the browser bridge reconnects; `annotations.sync`
 * updates the sync state at once. While the document is open it asks for a sync when it opens
 * and every `PULL_INTERVAL_MS`, so annotations shared meanwhile appear without reopening it.
 *
 * State shape (`DocumentAnnotationsSnapshot`, immutable, a new object on every change):
 *   status       'loading' until the first list arrives, then 'ready'; 'error' if that failed
 *   annotations  what the user sees on this document (own ones and shared ones), as stored
 *   pendingIds   annotations with changes not yet acknowledged by the server
 *   userId       the signed-in user (own annotations are theirs)
 *   canAnnotate  an invited participant of the meeting
 *   canShare     the meeting's secretary or chair
 *   sync         the annotation sync's state (null before the first answer)
 *   rejections   the user's changes here the server refused, newest first, not yet dismissed
 *   error        why the last refresh failed (the data shown is then the previous one)
 */
import type { AppError } from '../../../../common/errors';
import type { Annotation } from '../../../../common/domain/annotation';
import type { AnnotationMutation } from '../../../../common/annotations/mutations';
import type { AnnotationRefusal, PhongHopApi } from '../../../../common/ipc/contract';
import type { SyncState } from '../../../../common/tasks/syncState';
import { onApiReconnected } from '../../../lib/api';
import { toAppError } from '../../../lib/contractChecks';

export interface DocumentAnnotationsSnapshot {
  status: 'loading' | 'ready' | 'error';
  annotations: readonly Annotation[];
  pendingIds: ReadonlySet<string>;
  userId: string | null;
  canAnnotate: boolean;
  canShare: boolean;
  sync: SyncState | null;
  rejections: readonly AnnotationRefusal[];
  error: AppError | null;
}

/**
 * How often others' shared annotations are pulled while a document is open, give or take a
 * quarter (so the readers of a meeting do not all ask at the same second).
 */
export const PULL_INTERVAL_MS = 20_000;

const INITIAL: DocumentAnnotationsSnapshot = {
  status: 'loading',
  annotations: [],
  pendingIds: new Set(),
  userId: null,
  canAnnotate: false,
  canShare: false,
  sync: null,
  rejections: [],
  error: null,
};

export class DocumentAnnotationsStore {
  readonly #api: PhongHopApi;
  readonly #meetingId: string;
  readonly #documentId: string;
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: (() => void)[] = [];
  #snapshot: DocumentAnnotationsSnapshot = INITIAL;
  #refreshing: Promise<void> | undefined;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  private constructor(api: PhongHopApi, meetingId: string, documentId: string) {
    this.#api = api;
    this.#meetingId = meetingId;
    this.#documentId = documentId;
  }

  /** Subscribes to main's events, lists the annotations and asks for a sync. */
  static open(
    api: PhongHopApi,
    meetingId: string,
    documentId: string,
    options: { onReconnected?: typeof onApiReconnected } = {},
  ): DocumentAnnotationsStore {
    const store = new DocumentAnnotationsStore(api, meetingId, documentId);
    store.#unsubscribe.push(
      api.on('annotations.changed', ({ documents }) => {
        if (documents.some((d) => d.meetingId === meetingId && d.documentId === documentId))
          void store.refresh();
      }),
      api.on('annotations.sync', (sync) => store.#set({ sync })),
      (options.onReconnected ?? onApiReconnected)(() => void store.refresh()),
    );
    void store.refresh();
    store.syncNow();
    store.#schedulePull();
    return store;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): DocumentAnnotationsSnapshot => this.#snapshot;

  /** Lists again; calls during a refresh coalesce into one more. Never throws. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        try {
          const list = await this.#api.invoke('annotations.list', {
            meetingId: this.#meetingId,
            documentId: this.#documentId,
          });
          this.#set({
            status: 'ready',
            annotations: list.annotations,
            pendingIds: new Set(list.pendingIds),
            userId: list.userId,
            canAnnotate: list.canAnnotate,
            canShare: list.canShare,
            sync: list.sync,
            rejections: list.rejections,
            error: null,
          });
        } catch (error) {
          this.#set({
            status: this.#snapshot.status === 'ready' ? 'ready' : 'error',
            error: toAppError(error),
          });
        }
      } while (this.#again && !this.#closed);
    })().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Records a change (main applies it locally at once and sends it); throws the refusal. */
  async mutate(mutation: AnnotationMutation): Promise<Annotation> {
    const { annotation } = await this.#api.invoke('annotations.mutate', { mutation });
    return annotation;
  }

  /**
   * The user has read these refusals: they leave the notice at once, and main keeps them
   * dismissed. Throws when main could not record it (they are then shown again).
   */
  async dismissRejections(mutationIds: readonly number[]): Promise<void> {
    const ids = new Set(mutationIds);
    this.#set({ rejections: this.#snapshot.rejections.filter((r) => !ids.has(r.mutationId)) });
    try {
      await this.#api.invoke('annotations.dismissRejections', { mutationIds: [...ids] });
    } finally {
      await this.refresh();
    }
  }

  /** Asks main to push and pull now; the outcome arrives as events. */
  syncNow(): void {
    if (this.#closed) return;
    this.#api.invoke('annotations.syncNow', {}).then(
      (sync) => this.#set({ sync }),
      () => undefined,
    );
  }

  #schedulePull(): void {
    if (this.#closed) return;
    const delay = PULL_INTERVAL_MS * (0.75 + Math.random() * 0.5);
    this.#timer = setTimeout(() => {
      this.syncNow();
      this.#schedulePull();
    }, delay);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const off of this.#unsubscribe) off();
    this.#listeners.clear();
  }

  #set(patch: Partial<DocumentAnnotationsSnapshot>): void {
    if (this.#closed) return;
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
