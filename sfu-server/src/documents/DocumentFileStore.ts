/**
 * Document files under `<dataDir>/documents/`. Uploads arrive in a hidden temporary file in the
 * same directory (so the final rename is atomic) and are renamed to `<random id>.pdf` only once
 * they are accepted; nothing a client sends ever becomes part of a path.
 *
 * With `inFlight`, the files an upload works on are held from the temporary file's creation until
 * its rows are committed (`settled`) or it is removed, so the orphan sweep leaves them alone.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FilesInFlight, Release } from '../storage/FilesInFlight';

/** Names this store creates: the seed's `<sha256>.pdf` and uploads' `<uuid>.pdf`. */
export const STORED_DOCUMENT_NAME = /^[0-9a-f-]{36,64}\.pdf$/;

export class DocumentFileStore {
  readonly dir: string;
  readonly #inFlight: FilesInFlight | undefined;
  /** This store's holds, by path: a temporary file, then its stored file until settled. */
  readonly #holds = new Map<string, Release>();

  constructor(dataDir: string, inFlight?: FilesInFlight) {
    this.dir = path.join(dataDir, 'documents');
    this.#inFlight = inFlight;
  }

  /** A fresh temporary path for an upload in progress; the caller creates it with `wx`. */
  async tempPath(): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.upload-${randomUUID()}.tmp`);
    await this.#hold(temp);
    return temp;
  }

  /**
   * Flushes an accepted upload, renames it to its final random name and returns that name. The
   * stored file stays held until `settled` (its rows committed) or `remove`.
   */
  async commit(tempFile: string): Promise<string> {
    await syncFile(tempFile, 'r+');
    const storedName = `${randomUUID()}.pdf`;
    const target = path.join(this.dir, storedName);
    await this.#hold(target);
    try {
      await fs.rename(tempFile, target);
    } catch (error) {
      this.#release(target);
      throw error;
    }
    this.#release(tempFile);
    await syncDirectory(this.dir);
    return storedName;
  }

  /** The rows naming a committed file are written (or it was removed): the sweep may judge it. */
  settled(storedName: string): void {
    this.#release(this.pathOf(storedName));
  }

  /** The path of a stored file; refuses any name this store would not have made. */
  pathOf(storedName: string): string {
    if (!STORED_DOCUMENT_NAME.test(storedName))
      throw new Error(`Not a stored document name: ${storedName}`);
    return path.join(this.dir, storedName);
  }

  async remove(storedName: string): Promise<void> {
    const file = this.pathOf(storedName);
    try {
      await fs.rm(file, { force: true });
    } finally {
      this.#release(file);
    }
  }

  /** Removes a temporary upload; never throws (it runs on error paths). */
  async discard(tempFile: string | undefined): Promise<void> {
    if (!tempFile) return;
    await fs.rm(tempFile, { force: true }).catch(() => undefined);
    this.#release(tempFile);
  }

  async #hold(file: string): Promise<void> {
    if (this.#inFlight) this.#holds.set(file, await this.#inFlight.hold(file));
  }

  #release(file: string): void {
    this.#holds.get(file)?.();
    this.#holds.delete(file);
  }
}

async function syncFile(file: string, flags: string): Promise<void> {
  const handle = await fs.open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Persists the rename itself; Windows cannot open a directory for fsync and needs no such step. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await syncFile(dir, 'r');
}
