/**
 * Removes stored files no row names (issue #16): a document file whose version row was never
 * committed (the server stopped between the file and the row) or is gone, an attachment without
 * its blob row, and temporary files of uploads that never finished. It runs in the background
 * every PHONGHOP_ORPHAN_SWEEP_MIN minutes.
 *
 * Safe against uploads in progress, twice over: a file is removed only when it is older than the
 * grace period (PHONGHOP_ORPHAN_GRACE_MIN; a file being written is younger), and never while an
 * upload holds it (`FilesInFlight`), checked together with a fresh look at the database just
 * before the file goes. Content-addressed files are shared: the seed's documents may be named by
 * several versions, an attachment by several tasks' uploads and reports; any one row keeps the
 * file. Only names the stores create are considered: anything else in those folders is left.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema';
import { STORED_DOCUMENT_NAME } from '../documents/DocumentFileStore';
import { STORED_ATTACHMENT_NAME } from '../sync/AttachmentStore';
import type { FilesInFlight } from './FilesInFlight';
import { UploadRequests } from './UploadRequests';

type Executor = Kysely<Database>;

/** Upload request ids are answered for this long (a client retries within minutes). */
const REQUEST_TTL_MS = 30 * 24 * 3_600_000;
/** The first sweep after a start, at the latest (a server restarted often still sweeps). */
const FIRST_SWEEP_MS = 5 * 60_000;

/** Temporary files of the stores: `.upload-<uuid>.tmp`, the seed's `.<name>.<uuid>.tmp`. */
const TEMP_FILE = /^\..+\.tmp$/;

interface StoreFolder {
  /** Folder under the data directory. */
  dir: string;
  /** Names this store gives its files. */
  stored: RegExp;
  /** The names among `names` that a row refers to. */
  referenced(db: Executor, names: readonly string[]): Promise<Set<string>>;
}

const IN_CHUNK = 500;

async function inChunks(
  names: readonly string[],
  query: (part: string[]) => Promise<string[]>,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += IN_CHUNK)
    for (const name of await query(names.slice(i, i + IN_CHUNK))) found.add(name);
  return found;
}

const FOLDERS: readonly StoreFolder[] = [
  {
    dir: 'documents',
    stored: STORED_DOCUMENT_NAME,
    referenced: (db, names) =>
      inChunks(names, async (part) =>
        (
          await db
            .selectFrom('document_versions')
            .select('stored_name')
            .distinct()
            .where('stored_name', 'in', part)
            .execute()
        ).map((r) => r.stored_name),
      ),
  },
  {
    dir: 'task-attachments',
    stored: STORED_ATTACHMENT_NAME,
    referenced: (db, names) =>
      inChunks(names, async (part) =>
        (
          await db
            .selectFrom('task_attachment_blobs')
            .select('sha256')
            .where('sha256', 'in', part)
            .execute()
        ).map((r) => r.sha256),
      ),
  },
];

export interface SweepResult {
  /** Paths removed, relative to the data directory. */
  removed: string[];
  bytes: number;
  /** Upload request ids forgotten. */
  prunedRequests: number;
}

export interface OrphanSweepOptions {
  db: Executor;
  dataDir: string;
  inFlight: FilesInFlight;
  /** Files younger than this are kept, ms. */
  graceMs: number;
  logger?: Logger;
}

export class OrphanSweep {
  readonly #o: OrphanSweepOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SweepResult> | undefined;
  #closed = false;

  constructor(options: OrphanSweepOptions) {
    this.#o = options;
  }

  /** Sweeps every `intervalMs` (0: never), the first time within a few minutes of the start. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.#closed || this.#timer) return;
    const tick = () => {
      this.#timer = setTimeout(tick, intervalMs).unref();
      this.runOnce().catch((error: unknown) =>
        this.#o.logger?.error({ err: error }, 'orphan sweep failed'),
      );
    };
    this.#timer = setTimeout(tick, Math.min(intervalMs, FIRST_SWEEP_MS)).unref();
  }

  /** Stops the timer and waits for a sweep under way (idempotent). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** One sweep now; a sweep already running is joined rather than doubled. */
  runOnce(now = new Date()): Promise<SweepResult> {
    this.#running ??= this.#sweep(now).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sweep(now: Date): Promise<SweepResult> {
    const { db, dataDir, inFlight, graceMs, logger } = this.#o;
    const result: SweepResult = { removed: [], bytes: 0, prunedRequests: 0 };
    const olderThan = now.getTime() - graceMs;
    for (const folder of FOLDERS) {
      if (this.#closed) break;
      const dir = path.join(dataDir, folder.dir);
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      const old: { name: string; size: number; temp: boolean }[] = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const temp = TEMP_FILE.test(entry.name);
        if (!temp && !folder.stored.test(entry.name)) continue;
        const stat = await fs.stat(path.join(dir, entry.name)).catch(() => undefined);
        if (stat && stat.mtimeMs < olderThan) old.push({ name: entry.name, size: stat.size, temp });
      }
      const stored = old.filter((f) => !f.temp).map((f) => f.name);
      const referenced = await folder.referenced(db, stored);
      for (const file of old) {
        if (this.#closed) break;
        if (!file.temp && referenced.has(file.name)) continue;
        const full = path.join(dir, file.name);
        const removed = await inFlight.removeUnlessHeld(full, async () => {
          // NOTE: asked again now: a row committed since the bulk query keeps its file.
          if (!file.temp && (await folder.referenced(db, [file.name])).size > 0) return false;
          await fs.rm(full, { force: true });
          return true;
        });
        if (removed) {
          result.removed.push(path.join(folder.dir, file.name));
          result.bytes += file.size;
        }
      }
    }
    if (!this.#closed)
      result.prunedRequests = await UploadRequests.prune(
        db,
        new Date(now.getTime() - REQUEST_TTL_MS),
      );
    if (result.removed.length > 0 || result.prunedRequests > 0)
      logger?.info(
        {
          removed: result.removed.length,
          bytes: result.bytes,
          prunedRequests: result.prunedRequests,
        },
        'orphan sweep removed files no row names',
      );
    return result;
  }
}
