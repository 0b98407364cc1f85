/**
 * Presenter sync on the client (issue #4): what is being presented and whether this reader
 * follows it. A plain class writing into an external store. Following is the default; turning a
 * page oneself stops following (the reader browses freely), and following again jumps back to
 * the presenter's page. States older than the one shown (`seq`) are dropped, so a late answer
 * never moves a follower backwards.
 */
import {
  presentationStateSchema,
  type PresentationScale,
  type PresentationState,
} from '../../common/domain/presentation';
import type { SignalingRequest } from './MeetingChannel';

export interface PresentationChannelState {
  state: PresentationState | null;
  /** Whether this reader's viewer follows the presenter. */
  following: boolean;
  error: unknown;
}

export class PresentationChannel {
  readonly #request: SignalingRequest;
  readonly #listeners = new Set<() => void>();
  #snapshot: PresentationChannelState = { state: null, following: true, error: null };

  constructor(request: SignalingRequest) {
    this.#request = request;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): PresentationChannelState => this.#snapshot;

  /** After every (re)join. */
  async refresh(): Promise<void> {
    try {
      this.#apply(await this.#request('getPresentation', {}), true);
    } catch (error) {
      this.#set({ error });
    }
  }

  /** A `presentationChanged` notification. */
  apply(data: unknown): void {
    const parsed = presentationStateSchema.safeParse(data);
    if (parsed.success) this.#apply(parsed.data, false);
  }

  setFollowing(following: boolean): void {
    if (following !== this.#snapshot.following) this.#set({ following });
  }

  present = (documentId: string, version: number, page: number, scale: PresentationScale) =>
    this.#act(() => this.#request('presentDocument', { documentId, version, page, scale }));

  /** The presenter's own page or zoom change. */
  async turnPage(page: number, scale?: PresentationScale): Promise<void> {
    const current = this.#snapshot.state?.presentation;
    if (!current || (current.page === page && (scale === undefined || scale === current.scale)))
      return;
    try {
      await this.#request('turnPage', scale === undefined ? { page } : { page, scale });
    } catch (error) {
      this.#set({ error });
    }
  }

  stop = () => this.#act(() => this.#request('stopPresenting', {}));
  appoint = (userId: string | null) =>
    this.#act(() => this.#request('appointPresenter', { userId }));

  async #act(call: () => Promise<PresentationState>): Promise<boolean> {
    try {
      this.#apply(await call(), false);
      this.#set({ error: null });
      return true;
    } catch (error) {
      this.#set({ error });
      return false;
    }
  }

  #apply(state: PresentationState, fromRefresh: boolean): void {
    const shown = this.#snapshot.state;
    // After a server restart its counter starts again: a refresh is always taken.
    if (shown && !fromRefresh && state.seq <= shown.seq) return;
    const started =
      state.presentation !== null &&
      (shown?.presentation?.documentId !== state.presentation.documentId ||
        shown.presentation.version !== state.presentation.version);
    // A new document brings every reader along again.
    this.#set({ state, ...(started ? { following: true } : {}) });
  }

  #set(patch: Partial<PresentationChannelState>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
