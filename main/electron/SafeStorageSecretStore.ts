import fs from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../services/secrets';

/** Secrets encrypted with the OS keychain (DPAPI, Keychain, libsecret) through safeStorage. */
export class SafeStorageSecretStore implements SecretStore {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async get(key: string): Promise<string | undefined> {
    const encrypted = (await this.#read())[key];
    return encrypted === undefined
      ? undefined
      : safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
  }

  async set(key: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('OS encryption is not available; refusing to store the token in clear');
    const all = await this.#read();
    all[key] = safeStorage.encryptString(value).toString('base64');
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
    } catch {
      return {};
    }
  }

  async #write(all: Record<string, string>): Promise<void> {
    await fs.mkdir(path.dirname(this.#file), { recursive: true });
    await fs.writeFile(this.#file, JSON.stringify(all), { mode: 0o600 });
  }
}
