import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredFile {
  /** File name under the directory: `<sha256>.<extension>`. */
  storedName: string;
  sha256: string;
  sizeBytes: number;
}

async function existsWithSize(file: string, size: number): Promise<boolean> {
  try {
    return (await fs.stat(file)).size === size;
  } catch {
    return false;
  }
}

/** Writes, fsyncs and closes a new file (`wx`: never reuses a stray temp file). */
async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Persists the rename itself; Windows cannot open a directory for fsync and needs no such step. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Stores `bytes` as `<dir>/<sha256>.<extension>`. The name is the content, so an existing file is
 * kept and a concurrent writer of the same bytes is harmless. Written to a temporary file and
 * renamed, so a reader or a crash never sees a partial file under the final name.
 */
export async function storeContentAddressed(
  dir: string,
  bytes: Uint8Array,
  extension: string,
): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const storedName = `${sha256}.${extension}`;
  const target = path.join(dir, storedName);
  const stored = { storedName, sha256, sizeBytes: bytes.byteLength };
  await fs.mkdir(dir, { recursive: true });
  if (await existsWithSize(target, bytes.byteLength)) return stored;
  const temp = path.join(dir, `.${storedName}.${randomUUID()}.tmp`);
  try {
    await writeDurably(temp, bytes);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  return stored;
}
