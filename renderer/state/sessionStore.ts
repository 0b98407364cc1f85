/**
 * Who is signed in, kept outside React. Fed by `session.get` at start (and again after the
 * browser bridge reconnects, since events may have been missed) and by every `session.changed`
 * event; login and logout also apply their own response at once. React reads it through
 * `useSession()` (useSyncExternalStore).
 *
 * State shape (`SessionSnapshot`):
 *   { phase: 'loading' }                         first `session.get` not answered yet
 *   { phase: 'unreachable', error: AppError }    it failed (host down): show retry
 *   { phase: 'ready', session: SessionState }    signed_out {serverUrl} | signed_in {serverUrl, user}
 * Snapshots are immutable; a new object is created on every change.
 */
import { useSyncExternalStore } from 'react';
import type { AppError } from '../../common/errors';
import type { IpcRequest, PhongHopApi, SessionState } from '../../common/ipc/contract';
import { getApi, onApiReconnected } from '../lib/api';
import { toAppError } from '../lib/contractChecks';

export type SessionSnapshot =
  | { phase: 'loading' }
  | { phase: 'unreachable'; error: AppError }
  | { phase: 'ready'; session: SessionState };

export class SessionStore {
  readonly #api: PhongHopApi;
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribeEvents: () => void;
  #snapshot: SessionSnapshot = { phase: 'loading' };
  /** Bumped on every applied change, so a slow `session.get` cannot overwrite a newer event. */
  #revision = 0;
  #closed = false;

  private constructor(api: PhongHopApi) {
    this.#api = api;
    this.#unsubscribeEvents = api.on('session.changed', (session) =>
      this.#apply({ phase: 'ready', session }),
    );
  }

  /** Subscribes to `session.changed` and starts the first `session.get`. */
  static create(api: PhongHopApi): SessionStore {
    const store = new SessionStore(api);
    void store.refresh();
    return store;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): SessionSnapshot => this.#snapshot;

  /** Asks main for the current session; never throws (failure becomes `unreachable`). */
  async refresh(): Promise<void> {
    if (this.#snapshot.phase === 'unreachable') this.#apply({ phase: 'loading' });
    const revision = this.#revision;
    try {
      const session = await this.#api.invoke('session.get', {});
      if (this.#revision === revision) this.#apply({ phase: 'ready', session });
    } catch (error) {
      // Keep a known session on a failed background refresh; only a first load shows the error.
      if (this.#revision === revision && this.#snapshot.phase !== 'ready') {
        this.#apply({ phase: 'unreachable', error: toAppError(error) });
      }
    }
  }

  /** Throws the AppError from main (the login screen shows it). */
  async login(request: IpcRequest<'session.login'>): Promise<void> {
    const session = await this.#api.invoke('session.login', request);
    this.#apply({ phase: 'ready', session });
  }

  /** Throws the AppError from main (the form shows it); on success the user is stored anew. */
  async changePassword(request: IpcRequest<'session.changePassword'>): Promise<void> {
    const session = await this.#api.invoke('session.changePassword', request);
    this.#apply({ phase: 'ready', session });
  }

  async logout(): Promise<void> {
    const session = await this.#api.invoke('session.logout', {});
    this.#apply({ phase: 'ready', session });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribeEvents();
    this.#listeners.clear();
  }

  #apply(snapshot: SessionSnapshot): void {
    if (this.#closed) return;
    this.#revision++;
    this.#snapshot = snapshot;
    for (const listener of [...this.#listeners]) listener();
  }
}

let sessionStore: SessionStore | undefined;

/** The app's one session store, created on first use against `getApi()`. */
export function getSessionStore(): SessionStore {
  if (!sessionStore) {
    const store = SessionStore.create(getApi());
    onApiReconnected(() => void store.refresh());
    sessionStore = store;
  }
  return sessionStore;
}

export function useSession(): SessionSnapshot {
  const store = getSessionStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
