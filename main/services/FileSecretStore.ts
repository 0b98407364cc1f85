import fs from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from './secrets';

/** How values are sealed on disk: as they are (tests, browser host) or with the OS keychain. */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
}

const plain: SecretCodec = { encode: (v) => v, decode: (v) => v };

/**
 * Secrets in one JSON file readable only by the owner, written atomically. Electron passes a
 * safeStorage codec (main/electron/safeStorageCodec.ts); tests and the browser host keep them plain.
 */
export class FileSecretStore implements SecretStore {
  readonly #file: string;
  readonly #codec: SecretCodec;
  #writes: Promise<void> = Promise.resolve();

  constructor(file: string, codec: SecretCodec = plain) {
    this.#file = file;
    this.#codec = codec;
  }

  async get(key: string): Promise<string | undefined> {
    const stored = (await this.#read())[key];
    return stored === undefined ? undefined : this.#codec.decode(stored);
  }

  set(key: string, value: string): Promise<void> {
    return this.#update((all) => {
      all[key] = this.#codec.encode(value);
    });
  }

  delete(key: string): Promise<void> {
    return this.#update((all) => {
      delete all[key];
    });
  }

  /**
   * Read, change, write, one change at a time: two services storing their secrets at once (the
   * session token, the document cache key) must not write over each other's.
   */
  #update(change: (all: Record<string, string>) => void): Promise<void> {
    const run = async () => {
      const all = await this.#read();
      change(all);
      await this.#write(all);
    };
    const next = this.#writes.then(run, run);
    this.#writes = next.catch(() => undefined);
    return next;
  }

  async #read(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await fs.readFile(this.#file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  async #write(all: Record<string, string>): Promise<void> {
    await fs.mkdir(path.dirname(this.#file), { recursive: true });
    const tmp = `${this.#file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
    await fs.rename(tmp, this.#file);
  }
}
