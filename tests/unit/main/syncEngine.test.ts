import { afterEach, describe, expect, it } from 'vitest';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let engine: SyncEngine | undefined;
afterEach(() => engine?.stop());

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
  it('start() with undefined intervals pulls once, then waits the 30 s interval', async () => {
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
    await sleep(300);
    expect(pulls).toBe(1);
    expect(sync.state.status).toBe('synced');
  });

  it('an unreachable server is retried after the 1 s backoff, not at once', async () => {
    let pulls = 0;
    const sync = start({
      push: async () => EMPTY_PULL as never,
      pull: async () => {
        pulls += 1;
        throw new AppError('unavailable', 'Cannot reach the server');
      },
    });
    await sync.idle();
    await sleep(300);
    expect(pulls).toBe(1);
    expect(sync.state.status).toBe('offline');
    const retryIn = Date.parse(sync.state.nextRetryAt!) - Date.now();
    expect(retryIn).toBeGreaterThan(300);
  });
});
