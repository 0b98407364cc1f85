import type { LocalDatabase } from '../db';

/** One document version the user's agenda lists, and whether its file is on disk and verified. */
export interface CachedVersionRow {
  meetingId: string;
  documentId: string;
  version: number;
  title: string;
  sha256: string;
  sizeBytes: number;
  /** ISO time the file's SHA-256 was checked; null: not cached. */
  cachedAt: string | null;
}

interface Row {
  meeting_id: string;
  document_id: string;
  version: number;
  title: string;
  sha256: string;
  size_bytes: number;
  cached_at: string | null;
}

const toRow = (r: Row): CachedVersionRow => ({
  meetingId: r.meeting_id,
  documentId: r.document_id,
  version: r.version,
  title: r.title,
  sha256: r.sha256,
  sizeBytes: r.size_bytes,
  cachedAt: r.cached_at,
});

/** Which agenda document versions are kept locally, per server and user (document_cache). */
export class DocumentCacheRepository {
  readonly #db: LocalDatabase;

  constructor(db: LocalDatabase) {
    this.#db = db;
  }

  /**
   * Records the versions an agenda lists. A row whose content changed (it cannot for a version,
   * unless the server was rebuilt) loses its cached mark.
   */
  remember(serverUrl: string, userId: string, rows: Omit<CachedVersionRow, 'cachedAt'>[]): void {
    const upsert = this.#db.prepare(
      `INSERT INTO document_cache
         (server_url, user_id, meeting_id, document_id, version, title, sha256, size_bytes, cached_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT(server_url, user_id, document_id, version) DO UPDATE SET
         meeting_id = excluded.meeting_id,
         title = excluded.title,
         cached_at = CASE WHEN document_cache.sha256 = excluded.sha256
                          THEN document_cache.cached_at ELSE NULL END,
         sha256 = excluded.sha256,
         size_bytes = excluded.size_bytes`,
    );
    this.#db.transaction(() => {
      for (const r of rows)
        upsert.run(
          serverUrl,
          userId,
          r.meetingId,
          r.documentId,
          r.version,
          r.title,
          r.sha256,
          r.sizeBytes,
        );
    })();
  }

  get(
    serverUrl: string,
    userId: string,
    documentId: string,
    version: number,
  ): CachedVersionRow | undefined {
    const row = this.#db
      .prepare(
        `SELECT meeting_id, document_id, version, title, sha256, size_bytes, cached_at
         FROM document_cache
         WHERE server_url = ? AND user_id = ? AND document_id = ? AND version = ?`,
      )
      .get(serverUrl, userId, documentId, version) as Row | undefined;
    return row && toRow(row);
  }

  forMeeting(serverUrl: string, userId: string, meetingId: string): CachedVersionRow[] {
    const rows = this.#db
      .prepare(
        `SELECT meeting_id, document_id, version, title, sha256, size_bytes, cached_at
         FROM document_cache
         WHERE server_url = ? AND user_id = ? AND meeting_id = ?
         ORDER BY document_id, version`,
      )
      .all(serverUrl, userId, meetingId) as Row[];
    return rows.map(toRow);
  }

  /** Marks every row with this content as verified on disk (the file is shared by content). */
  markCached(sha256: string, at: string): void {
    this.#db.prepare('UPDATE document_cache SET cached_at = ? WHERE sha256 = ?').run(at, sha256);
  }

  /** The file with this content is gone or damaged: no row may claim it any more. */
  markMissing(sha256: string): void {
    this.#db.prepare('UPDATE document_cache SET cached_at = NULL WHERE sha256 = ?').run(sha256);
  }
}
