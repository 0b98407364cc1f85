/**
 * Runs inside the one worker thread of `SyntheticPool`: owns the bench's `SyntheticClient`s and
 * their 20 ms media clock, and answers the pool's requests. werift does SRTP/RTP in JavaScript;
 * on the server's event loop that work held back the server's answers to joiners' signaling
 * (stalls of 40–85 ms p99 while browsers joined), which a real deployment, where the server has
 * a process of its own, never sees.
 */
import { parentPort } from 'node:worker_threads';
import { threadCpuMs } from './procStats';
import type { SyntheticRequest, SyntheticResponse } from './syntheticPool';
import { startMediaClock, SyntheticClient } from './syntheticClient';

const clients: SyntheticClient[] = [];

const stopMediaClock = startMediaClock(clients);

/** What the main thread mirrors of a client after each call (it cannot read the worker's objects). */
const stateOf = (c: SyntheticClient) => ({
  peerId: c.peerId,
  joinMs: c.joinMs,
  connectionState: c.connectionState,
});
export type SyntheticState = ReturnType<typeof stateOf>;

const api = {
  /** A new client; its index addresses it in the other calls. */
  add: (serverUrl: string, username: string) =>
    clients.push(new SyntheticClient(serverUrl, username)) - 1,
  join: async (i: number) => {
    await clients[i]!.join();
    return stateOf(clients[i]!);
  },
  state: (i: number) => stateOf(clients[i]!),
  snapshot: (i: number) => ({ ...stateOf(clients[i]!), streams: clients[i]!.snapshot() }),
  close: (i: number) => clients[i]!.close(),
  closeAll: async () => {
    stopMediaClock();
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  },
  /** This thread's CPU time, for `syntheticWorkerCpuPct`. */
  cpuMs: threadCpuMs,
};
export type SyntheticApi = typeof api;

const port = parentPort!;
port.on('message', async ({ id, method, args }: SyntheticRequest) => {
  let response: SyntheticResponse;
  try {
    const call = api[method] as (...a: unknown[]) => unknown;
    response = { id, value: await call(...args) };
  } catch (error) {
    response = { id, error: (error as Error).message };
  }
  port.postMessage(response);
});
