/**
 * Document files under `<dataDir>/documents/`. Uploads arrive in a hidden temporary file in the
 * same directory (so the final rename is atomic) and are renamed to `<random id>.pdf` only once
 * they are accepted; nothing a client sends ever becomes part of a path.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Names this store creates: the seed's `<sha256>.pdf` and uploads' `<uuid>.pdf`. */
const STORED_NAME = /^[0-9a-f-]{36,64}\.pdf$/;

export class DocumentFileStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'documents');
  }

  /** A fresh temporary path for an upload in progress; the caller creates it with `wx`. */
  async tempPath(): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    return path.join(this.dir, `.upload-${randomUUID()}.tmp`);
  }

  /** Flushes an accepted upload, renames it to its final random name and returns that name. */
  async commit(tempFile: string): Promise<string> {
    await syncFile(tempFile, 'r+');
    const storedName = `${randomUUID()}.pdf`;
    await fs.rename(tempFile, path.join(this.dir, storedName));
    await syncDirectory(this.dir);
    return storedName;
  }

  /** The path of a stored file; refuses any name this store would not have made. */
  pathOf(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error(`Not a stored document name: ${storedName}`);
    return path.join(this.dir, storedName);
  }

  async remove(storedName: string): Promise<void> {
    await fs.rm(this.pathOf(storedName), { force: true });
  }

  /** Removes a temporary upload; never throws (it runs on error paths). */
  async discard(tempFile: string | undefined): Promise<void> {
    if (tempFile) await fs.rm(tempFile, { force: true }).catch(() => undefined);
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
