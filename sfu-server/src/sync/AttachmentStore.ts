/**
 * Files attached to progress reports, content-addressed: the bytes in
 * `<dataDir>/task-attachments/<sha256>`, written once whoever sends them and however often, and
 * rows saying which task each was sent for. An upload streams into a hidden temporary file in
 * the same directory while it is hashed and counted, so the size cap holds as the bytes arrive
 * and the final rename is atomic; nothing a client sends becomes part of a path except a SHA-256
 * the server has computed itself.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { AppError, InvalidError } from '../../../common/errors';
import type { Attachment } from '../../../common/domain/task';
import {
  attachmentKindOfMime,
  sniffAttachmentKind,
  SNIFF_BYTES,
  type AttachmentKind,
} from '../../../common/tasks/attachments';
import type { Rejection } from '../../../common/tasks/mutations';
import type { Database } from '../db/schema';
import type { FilesInFlight, Release } from '../storage/FilesInFlight';

type Executor = Kysely<Database>;

/** Names this store gives its files: the SHA-256 it computed of their bytes. */
export const STORED_ATTACHMENT_NAME = /^[0-9a-f]{64}$/;

export function tooLargeAttachment(maxBytes: number): AppError {
  return new AppError(
    'too_large',
    `The file is larger than the attachment limit of ${Math.round(maxBytes / (1024 * 1024))} MB`,
    { reason: 'attachment_too_large', maxBytes },
  );
}

export interface ReceivedBlob {
  tempFile: string;
  sha256: string;
  size: number;
  kind: AttachmentKind | null;
  /** Lets the orphan sweep judge the temporary file again (it was held while received). */
  release: Release;
}

export class AttachmentStore {
  readonly dir: string;
  readonly #db: Executor;
  readonly #inFlight: FilesInFlight | undefined;

  /** With `inFlight`, the files an upload works on are held so the orphan sweep leaves them. */
  constructor(db: Executor, dataDir: string, inFlight?: FilesInFlight) {
    this.#db = db;
    this.dir = path.join(dataDir, 'task-attachments');
    this.#inFlight = inFlight;
  }

  /** The stored file of a SHA-256 (which must be one: never a client's string as a path). */
  pathOf(sha256: string): string {
    if (!STORED_ATTACHMENT_NAME.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256);
  }

  /**
   * Streams `body` into a temporary file, hashing and counting. More than `maxBytes` is refused
   * with `too_large` once the body has ended: the rest is read and dropped rather than the
   * connection cut, so the client reads the answer (a body twice the cap is cut off instead).
   * A write that fails (a full disk) is answered the same way: the rest of the body is dropped,
   * the temporary file removed, and the error thrown (507 for a full disk).
   */
  async receive(body: Readable, maxBytes: number): Promise<ReceivedBlob> {
    await fs.mkdir(this.dir, { recursive: true });
    const tempFile = path.join(this.dir, `.upload-${randomUUID()}.tmp`);
    const release = await this.#hold(tempFile);
    const hash = createHash('sha256');
    let size = 0;
    const head: Buffer[] = [];
    let headLength = 0;
    let writeError: unknown;
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(tempFile, 'wx');
      // NOTE: no `break` out of this loop: leaving an async iterator early destroys the request,
      // and the client would read a reset connection instead of the answer.
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          if (size > 2 * maxBytes) body.destroy();
          continue;
        }
        hash.update(chunk);
        if (headLength < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headLength));
          headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
        }
        if (writeError === undefined)
          await handle.write(chunk).catch((error: unknown) => (writeError = error));
      }
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await this.#discard(tempFile, release);
      // The disk failing is the server's problem, not a cut-off upload.
      if ((error as NodeJS.ErrnoException).syscall !== undefined) throw error;
      if (size > maxBytes) throw tooLargeAttachment(maxBytes);
      throw new InvalidError('The upload was cut off; try again');
    }
    await handle.close().catch((error: unknown) => (writeError ??= error));
    if (writeError !== undefined || size > maxBytes) {
      await this.#discard(tempFile, release);
      if (writeError !== undefined) throw writeError;
      throw tooLargeAttachment(maxBytes);
    }
    return {
      tempFile,
      sha256: hash.digest('hex'),
      size,
      kind: sniffAttachmentKind(Buffer.concat(head)),
      release,
    };
  }

  /**
   * Keeps a received file under its SHA-256 (unless the same bytes are there already), then runs
   * `write` in one transaction: the upload's rows (`record`), its audit entry, its request id.
   * If the transaction fails, a file this call put in place is removed again (unless a row or
   * another upload names it), so a refused upload leaves nothing.
   * NOTE: the file is in place before its row is written, so a row never names a missing file;
   * a crash in between leaves a file without a row, which the next upload of it adopts or the
   * orphan sweep removes. The final path is held meanwhile, so the sweep cannot remove a file
   * this upload has just found in place.
   */
  async keep<T>(received: ReceivedBlob, write: (trx: Executor) => Promise<T>): Promise<T> {
    const final = this.pathOf(received.sha256);
    const release = await this.#hold(final);
    let placed = false;
    try {
      const existing = await fs.stat(final).catch(() => undefined);
      if (existing?.size === received.size) {
        await this.discard(received);
      } else {
        await syncFile(received.tempFile, 'r+');
        await fs.rename(received.tempFile, final);
        received.release();
        placed = true;
        await syncDirectory(this.dir);
      }
      return await this.#db.transaction().execute(write);
    } catch (error) {
      await this.discard(received);
      release();
      if (placed) await this.#removeUnreferenced(received.sha256);
      throw error;
    } finally {
      release();
    }
  }

  /**
   * The rows of one upload, in the caller's transaction: the blob (once per SHA-256) and that it
   * was sent for `taskId`. Returns whether the server did not have the file before.
   */
  static async record(
    trx: Executor,
    received: ReceivedBlob & { kind: AttachmentKind },
    taskId: string,
    userId: string,
    now = new Date(),
  ): Promise<boolean> {
    const at = now.toISOString();
    const inserted = await trx
      .insertInto('task_attachment_blobs')
      .values({
        sha256: received.sha256,
        size_bytes: received.size,
        kind: received.kind,
        stored_at: at,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .executeTakeFirst();
    await trx
      .insertInto('task_attachment_uploads')
      .values({ task_id: taskId, sha256: received.sha256, uploaded_by: userId, uploaded_at: at })
      .onConflict((oc) => oc.columns(['task_id', 'sha256']).doNothing())
      .execute();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Whether the file was sent for the task before (it counts for its quota already). */
  static async sentFor(db: Executor, taskId: string, sha256: string): Promise<boolean> {
    const row = await db
      .selectFrom('task_attachment_uploads')
      .select('sha256')
      .where('task_id', '=', taskId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Removes a received temporary file; never throws (it runs on error paths). */
  async discard(received: Pick<ReceivedBlob, 'tempFile' | 'release'>): Promise<void> {
    await this.#discard(received.tempFile, received.release);
  }

  async #discard(tempFile: string, release: Release): Promise<void> {
    await fs.rm(tempFile, { force: true }).catch(() => undefined);
    release();
  }

  async #hold(file: string): Promise<Release> {
    return this.#inFlight ? this.#inFlight.hold(file) : () => undefined;
  }

  /** Removes a stored file no blob row names and no other upload holds. */
  async #removeUnreferenced(sha256: string): Promise<void> {
    const file = this.pathOf(sha256);
    const remove = async () => {
      const row = await this.#db
        .selectFrom('task_attachment_blobs')
        .select('sha256')
        .where('sha256', '=', sha256)
        .executeTakeFirst()
        .catch(() => ({ sha256 }));
      if (row) return false;
      await fs.rm(file, { force: true }).catch(() => undefined);
      return true;
    };
    await (this.#inFlight ? this.#inFlight.removeUnlessHeld(file, remove) : remove());
  }
}

/**
 * Why a report's files cannot be accepted, or null: each must have been sent for this task, with
 * the size the report states, and be of the kind its type names.
 */
export async function checkAttachments(
  db: Executor,
  taskId: string,
  attachments: readonly Attachment[],
): Promise<Rejection | null> {
  if (attachments.length === 0) return null;
  const rows = await db
    .selectFrom('task_attachment_uploads as u')
    .innerJoin('task_attachment_blobs as b', 'b.sha256', 'u.sha256')
    .select(['b.sha256', 'b.size_bytes', 'b.kind'])
    .where('u.task_id', '=', taskId)
    .where(
      'u.sha256',
      'in',
      attachments.map((a) => a.sha256),
    )
    .execute();
  const stored = new Map(rows.map((r) => [r.sha256, r]));
  for (const attachment of attachments) {
    const blob = stored.get(attachment.sha256);
    if (!blob)
      return {
        code: 'attachment_missing',
        message: `The file "${attachment.name}" (${attachment.sha256}) was not uploaded for this task`,
      };
    if (
      Number(blob.size_bytes) !== attachment.size ||
      blob.kind !== attachmentKindOfMime[attachment.mime]
    )
      return {
        code: 'attachment_missing',
        message: `The uploaded file ${attachment.sha256} is not the "${attachment.name}" the report describes (size or type)`,
      };
  }
  return null;
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
