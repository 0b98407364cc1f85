/**
 * The bench's synthetic participants, run in one worker thread (`syntheticWorker.ts`) so that the
 * server's event loop runs only the server, as it would in its own process. The main thread
 * holds a handle per client and reaches the worker through a small request/response protocol.
 */
import { Worker } from 'node:worker_threads';
import type { StreamSnapshot } from './syntheticClient';
import type { SyntheticApi, SyntheticState } from './syntheticWorker';

type Method = keyof SyntheticApi;
export interface SyntheticRequest {
  id: number;
  method: Method;
  args: unknown[];
}
export type SyntheticResponse = { id: number; value: unknown } | { id: number; error: string };

export class SyntheticPool {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #nextId = 1;
  /** Set once the thread is gone: later calls fail at once instead of waiting forever. */
  #gone: Error | undefined;

  constructor() {
    // On Node 20, tsx's --import hook (which workers inherit) registers itself only on the main
    // thread, so a Worker given the .ts file fails with ERR_UNKNOWN_FILE_EXTENSION: register tsx
    // in the worker first, then import the module.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./syntheticWorker.ts', import.meta.url).href;
    this.#worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true },
    );
    this.#worker.on('message', (r: SyntheticResponse) => {
      const pending = this.#pending.get(r.id);
      this.#pending.delete(r.id);
      if ('error' in r) pending?.reject(new Error(r.error));
      else pending?.resolve(r.value);
    });
    const failAll = (error: Error) => {
      this.#gone ??= error;
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    this.#worker.on('error', failAll);
    this.#worker.on('exit', (code) => failAll(new Error(`synthetic worker exited (${code})`)));
  }

  call<M extends Method>(
    method: M,
    ...args: Parameters<SyntheticApi[M]>
  ): Promise<Awaited<ReturnType<SyntheticApi[M]>>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#gone) return reject(this.#gone);
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, method, args } satisfies SyntheticRequest);
    });
  }

  async add(serverUrl: string, username: string): Promise<SyntheticHandle> {
    return new SyntheticHandle(this, await this.call('add', serverUrl, username), username);
  }

  /** Closes every client (leaving the room cleanly), then ends the thread. */
  async close(): Promise<void> {
    await this.call('closeAll').catch(() => undefined);
    await this.#worker.terminate();
  }
}

/** The main thread's view of one `SyntheticClient`, refreshed by every call. */
export class SyntheticHandle {
  peerId = '';
  joinMs: number | undefined;
  connectionState = 'none';

  constructor(
    readonly pool: SyntheticPool,
    readonly index: number,
    readonly username: string,
  ) {}

  async join(): Promise<void> {
    try {
      this.#update(await this.pool.call('join', this.index));
    } catch (error) {
      // A failed join may still have a peer id (as with SyntheticClient itself).
      this.#update(await this.pool.call('state', this.index).catch(() => ({})));
      throw error;
    }
  }

  async snapshot(): Promise<StreamSnapshot[]> {
    const { streams, ...state } = await this.pool.call('snapshot', this.index);
    this.#update(state);
    return streams;
  }

  close(): Promise<void> {
    return this.pool.call('close', this.index);
  }

  #update(state: Partial<SyntheticState>): void {
    Object.assign(this, state);
  }
}
