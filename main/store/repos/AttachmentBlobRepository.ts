import type { LocalDatabase } from '../db';

/**
 * Files of progress reports on this computer, by SHA-256 (only main writes them): those the user
 * picked, kept until the server has the report that names them, and those downloaded to read,
 * kept as a cache. A file an unsent report names cannot be pruned (a foreign key of
 * `task_outbox_attachments` refuses it, and `prune` skips it).
 */
export class AttachmentBlobRepository {
  readonly #db: LocalDatabase;

  constructor(db: LocalDatabase) {
    this.#db = db;
  }

  /** Stores the bytes under their SHA-256 (computed by the caller); storing again only touches them. */
  put(sha256: string, bytes: Uint8Array, now: Date): void {
    this.#db
      .prepare(
        `INSERT INTO attachment_blobs (sha256, size_bytes, bytes, stored_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET stored_at = excluded.stored_at`,
      )
      .run(
        sha256,
        bytes.byteLength,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        now.toISOString(),
      );
  }

  /** A copy of the bytes (its own ArrayBuffer, as IPC and the bridge want). */
  get(sha256: string): Uint8Array<ArrayBuffer> | undefined {
    const row = this.#db
      .prepare('SELECT bytes FROM attachment_blobs WHERE sha256 = ?')
      .get(sha256) as { bytes: Buffer } | undefined;
    return row ? Uint8Array.from(row.bytes) : undefined;
  }

  /** The stored size, or undefined when the file is not here. */
  size(sha256: string): number | undefined {
    const row = this.#db
      .prepare('SELECT size_bytes FROM attachment_blobs WHERE sha256 = ?')
      .get(sha256) as { size_bytes: number } | undefined;
    return row?.size_bytes;
  }

  /**
   * Drops files stored (or last read) before `olderThan` that no unsent report names: files
   * picked for a report never sent, and downloaded copies (they can be downloaded again).
   */
  prune(olderThan: Date): number {
    return this.#db
      .prepare(
        `DELETE FROM attachment_blobs WHERE stored_at < ?
           AND sha256 NOT IN (SELECT sha256 FROM task_outbox_attachments)`,
      )
      .run(olderThan.toISOString()).changes;
  }
}
