import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import type {
  IpcChannel,
  IpcEventPayload,
  PhongHopApi,
  SessionState,
} from '../../../common/ipc/contract';
import { SessionStore } from '../../../renderer/state/sessionStore';

const signedOut: SessionState = { status: 'signed_out', serverUrl: 'https://hop.haiphong.gov.vn' };
const signedIn: SessionState = {
  status: 'signed_in',
  serverUrl: 'https://hop.haiphong.gov.vn',
  user: {
    id: 'u1',
    username: 'chutri',
    fullName: 'Nguyễn Minh Hùng',
    title: 'Phó Chủ tịch UBND tỉnh',
    agency: { id: 'a1', name: 'UBND tỉnh' },
    site: { id: 's1', name: 'Hội trường UBND tỉnh' },
    roles: ['chair'],
  },
};

/** An API whose calls the test answers by hand, and whose events it emits. */
function fakeApi() {
  const calls: {
    channel: IpcChannel;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const listeners = new Set<(payload: IpcEventPayload<'session.changed'>) => void>();
  const api: PhongHopApi = {
    invoke: (channel) =>
      new Promise((resolve, reject) => {
        calls.push({ channel, resolve: resolve as (v: unknown) => void, reject });
      }) as never,
    on: (_event, listener) => {
      listeners.add(listener as (payload: IpcEventPayload<'session.changed'>) => void);
      return () =>
        listeners.delete(listener as (payload: IpcEventPayload<'session.changed'>) => void);
    },
  };
  return {
    api,
    calls,
    emit: (payload: SessionState) => listeners.forEach((l) => l(payload)),
    listeners,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SessionStore', () => {
  it('create() starts loading and becomes ready with the session.get answer', async () => {
    const { api, calls } = fakeApi();
    const store = SessionStore.create(api);
    expect(store.getSnapshot()).toEqual({ phase: 'loading' });
    expect(calls.map((c) => c.channel)).toEqual(['session.get']);
    calls[0]?.resolve(signedOut);
    await tick();
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedOut });
  });

  it('session.changed notifies subscribers with a new snapshot', () => {
    const { api, emit } = fakeApi();
    const store = SessionStore.create(api);
    let notified = 0;
    store.subscribe(() => notified++);
    const before = store.getSnapshot();
    emit(signedIn);
    expect(notified).toBe(1);
    expect(store.getSnapshot()).not.toBe(before);
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedIn });
  });

  it('a session.get answer older than a session.changed event does not overwrite it', async () => {
    const { api, calls, emit } = fakeApi();
    const store = SessionStore.create(api);
    emit(signedIn);
    calls[0]?.resolve(signedOut);
    await tick();
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedIn });
  });

  it('a failed first session.get is unreachable, and refresh() recovers', async () => {
    const { api, calls } = fakeApi();
    const store = SessionStore.create(api);
    calls[0]?.reject(new AppError('unavailable', 'down'));
    await tick();
    expect(store.getSnapshot()).toMatchObject({
      phase: 'unreachable',
      error: { code: 'unavailable' },
    });
    void store.refresh();
    expect(store.getSnapshot()).toEqual({ phase: 'loading' });
    calls[1]?.resolve(signedOut);
    await tick();
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedOut });
  });

  it('a failed background refresh keeps the known session', async () => {
    const { api, calls } = fakeApi();
    const store = SessionStore.create(api);
    calls[0]?.resolve(signedIn);
    await tick();
    void store.refresh();
    calls[1]?.reject(new AppError('unavailable', 'down'));
    await tick();
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedIn });
  });

  it('login() applies the answer; a rejected login() throws and leaves the session alone', async () => {
    const { api, calls } = fakeApi();
    const store = SessionStore.create(api);
    calls[0]?.resolve(signedOut);
    await tick();
    const failing = store.login({
      serverUrl: signedOut.serverUrl,
      username: 'chutri',
      password: 'x',
    });
    calls[1]?.reject(new AppError('unauthorized', 'Wrong credentials'));
    await expect(failing).rejects.toMatchObject({ code: 'unauthorized' });
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedOut });
    const ok = store.login({ serverUrl: signedOut.serverUrl, username: 'chutri', password: 'y' });
    calls[2]?.resolve(signedIn);
    await ok;
    expect(store.getSnapshot()).toEqual({ phase: 'ready', session: signedIn });
  });

  it('close() unsubscribes from session.changed and is idempotent', () => {
    const { api, listeners } = fakeApi();
    const store = SessionStore.create(api);
    expect(listeners.size).toBe(1);
    store.close();
    store.close();
    expect(listeners.size).toBe(0);
  });
});
