import fs from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from './secrets';

/** Secrets in a JSON file readable only by the owner; for tests and the Node-hosted browser mode. */
export class FileSecretStore implements SecretStore {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#read())[key];
  }

  async set(key: string, value: string): Promise<void> {
    const all = await this.#read();
    all[key] = value;
    await this.#write(all);
  }

  async delete(key: string): Promise<void> {
    const all = await this.#read();
    delete all[key];
    await this.#write(all);
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
