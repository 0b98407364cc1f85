/**
 * SyncEngine's timing with the defaults services use (they pass `undefined` when they have no
 * override): the 30 s interval and the 1 s backoff that doubles, on a fake clock, so each delay is
 * asserted to the millisecond. Jitter is pinned to its middle (Math.random 0.5: a factor of 1).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../common/errors';
import type { PullResponse } from '../../../common/protocol/sync';
import { openLocalStore } from '../../../main/store/db';
import { TaskReplicaRepository } from '../../../main/store/repos/TaskReplicaRepository';
import { SyncEngine } from '../../../main/sync/SyncEngine';
import type { SyncTransport } from '../../../main/sync/SyncTransport';
import { tempDir } from '../../helpers/testServer';

const EMPTY_PULL: PullResponse = {
  clock: 0,
  lastMutationId: 0,
  reset: false,
  tasks: [],
  removedTaskIds: [],
  rejections: [],
};

let engine: SyncEngine | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  engine?.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function start(transport: SyncTransport): SyncEngine {
  const replica = new TaskReplicaRepository(openLocalStore(tempDir('sync-engine')));
  engine = new SyncEngine({
    replica,
    scope: { serverUrl: 'http://127.0.0.1:1', userId: 'baocao' },
    transport,
    // What TasksService passes when it has no overrides.
    intervalMs: undefined,
    backoffMs: undefined,
  });
  engine.start();
  return engine;
}

describe('SyncEngine defaults', () => {
  it('start() with undefined intervals pulls once, then again exactly 30 s later', async () => {
    let pulls = 0;
    const sync = start({
      push: async () => {
        throw new Error('nothing to push');
      },
      pull: async () => {
        pulls += 1;
        return EMPTY_PULL;
      },
    });
    await sync.idle();
    expect(pulls).toBe(1);
    expect(sync.state.status).toBe('synced');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(pulls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await sync.idle();
    expect(pulls).toBe(2);
  });

  it('an unreachable server is retried after 1 s, then 2 s, then 4 s — never at once', async () => {
    const pullTimes: number[] = [];
    const started = Date.now();
    const sync = start({
      push: async () => EMPTY_PULL as never,
      pull: async () => {
        pullTimes.push(Date.now() - started);
        throw new AppError('unavailable', 'Cannot reach the server');
      },
    });
    await sync.idle();
    expect(sync.state.status).toBe('offline');
    expect(Date.parse(sync.state.nextRetryAt!) - Date.now()).toBe(1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(pullTimes).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1 + 2_000 + 4_000);
    await sync.idle();
    expect(pullTimes).toEqual([0, 1_000, 3_000, 7_000]);
    expect(Date.parse(sync.state.nextRetryAt!) - Date.now()).toBe(8_000);
  });
});
