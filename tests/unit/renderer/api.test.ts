import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import type { IpcResult, PreloadBridge } from '../../../common/ipc/contract';
import {
  browserProfileId,
  bridgeUrl,
  PROFILE_ID_STORAGE_KEY,
  wrapPreloadBridge,
} from '../../../renderer/lib/api';

const signedOut = { status: 'signed_out', serverUrl: 'https://hop.haiphong.gov.vn' };

function preload(
  answer: IpcResult<unknown> | Error,
): PreloadBridge & { listeners: ((p: unknown) => void)[] } {
  const listeners: ((p: unknown) => void)[] = [];
  return {
    listeners,
    invoke: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
    on: (_event, listener) => {
      listeners.push(listener);
      return () => {};
    },
  };
}

describe('wrapPreloadBridge', () => {
  it('invoke() with an ok result returns the validated value', async () => {
    const api = wrapPreloadBridge(preload({ ok: true, value: signedOut }));
    await expect(api.invoke('session.get', {})).resolves.toEqual(signedOut);
  });

  it('invoke() with an error result throws an AppError with the same code and name', async () => {
    const api = wrapPreloadBridge(
      preload({
        ok: false,
        error: { code: 'rate_limited', name: 'AppError', message: 'Too many attempts' },
      }),
    );
    const error = await api.invoke('session.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'rate_limited', message: 'Too many attempts' });
  });

  it('invoke() with a value that breaks the contract throws incompatible', async () => {
    const api = wrapPreloadBridge(preload({ ok: true, value: { meetings: 'none' } }));
    await expect(api.invoke('meetings.list', {})).rejects.toMatchObject({ code: 'incompatible' });
  });

  it('invoke() when the preload itself throws becomes an internal AppError', async () => {
    const api = wrapPreloadBridge(preload(new Error('channel not allowed')));
    await expect(api.invoke('session.get', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('on() drops payloads that do not match the event schema', () => {
    const bridge = preload({ ok: true, value: null });
    const api = wrapPreloadBridge(bridge);
    const received: unknown[] = [];
    api.on('session.changed', (payload) => received.push(payload));
    bridge.listeners[0]?.({ status: 'nobody' });
    bridge.listeners[0]?.(signedOut);
    expect(received).toEqual([signedOut]);
  });
});

describe('bridgeUrl', () => {
  it('maps http to ws and https to wss on the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe(
      'ws://127.0.0.1:5173/bridge',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'hop.tinh.gov.vn' })).toBe(
      'wss://hop.tinh.gov.vn/bridge',
    );
  });
});

describe('browserProfileId', () => {
  function memoryStorage(initial: Record<string, string> = {}) {
    const data = new Map(Object.entries(initial));
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      data,
    };
  }

  it('creates a UUID once and returns the stored one afterwards', () => {
    const storage = memoryStorage();
    const id = browserProfileId(storage);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(storage.data.get(PROFILE_ID_STORAGE_KEY)).toBe(id);
    expect(browserProfileId(storage)).toBe(id);
  });

  it('replaces a stored value the bridge protocol would reject', () => {
    const storage = memoryStorage({ [PROFILE_ID_STORAGE_KEY]: 'bad id!' });
    expect(browserProfileId(storage)).toMatch(/^[a-zA-Z0-9-]{8,64}$/);
  });

  it('still returns an id when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(browserProfileId(broken)).toMatch(/^[a-zA-Z0-9-]{8,64}$/);
  });
});
