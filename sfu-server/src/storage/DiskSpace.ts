/**
 * The data directory's free space: what /api/health reports (degraded below
 * PHONGHOP_MIN_FREE_DISK_MB), and the same threshold below which uploads and sync pushes are
 * refused with 507 before anything is written. A write that still meets a full disk (ENOSPC while
 * streaming a file, SQLITE_FULL or PostgreSQL's disk_full in a transaction) is mapped to the same
 * 507 by the central error handler (`isDiskFull`); the temporary file is removed and the
 * transaction rolled back, so nothing is half-written.
 */
import { statfs } from 'node:fs/promises';
import { InsufficientStorageError } from '../../../common/errors';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
  /** Below this much free space the server says degraded and refuses writes. */
  minFreeBytes: number;
}

export class DiskGuard {
  readonly dir: string;
  readonly minFreeBytes: number;

  constructor(dir: string, minFreeBytes: number) {
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
  }

  /** Free space as an unprivileged user may use it (`bavail`), and the file system's size. */
  async space(): Promise<DiskSpace> {
    const stats = await statfs(this.dir);
    return {
      freeBytes: stats.bavail * stats.bsize,
      totalBytes: stats.blocks * stats.bsize,
      minFreeBytes: this.minFreeBytes,
    };
  }

  /**
   * Refuses (507) a write of `bytes` more when it would leave less than the minimum free. Checked
   * before a request writes anything; `bytes` is what the client declared (Content-Length), so
   * the check is cheap and happens before a large body is read.
   */
  async requireRoom(bytes = 0): Promise<void> {
    const { freeBytes, minFreeBytes } = await this.space();
    if (freeBytes - Math.max(0, bytes) < minFreeBytes)
      throw new InsufficientStorageError(undefined, {
        reason: 'disk_full',
        en: 'The server is out of disk space and kept nothing; send it again once space is freed',
      });
  }
}

const DISK_FULL_CODES = new Set([
  // The file system: no space, or the user's disk quota.
  'ENOSPC',
  'EDQUOT',
  // better-sqlite3: the database or its WAL could not grow.
  'SQLITE_FULL',
  // PostgreSQL: disk_full.
  '53100',
]);

/** Whether `error` (or one of its causes) says the disk is full. */
export function isDiskFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
