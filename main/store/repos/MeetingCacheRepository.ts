import type { LocalDatabase } from '../db';

/** Last answers from the server, per server and user, so meetings can be read offline. */
export class MeetingCacheRepository {
  readonly #db: LocalDatabase;

  constructor(db: LocalDatabase) {
    this.#db = db;
  }

  put(serverUrl: string, userId: string, key: string, value: unknown, fetchedAt: string): void {
    this.#db
      .prepare(
        `INSERT INTO meeting_cache (server_url, user_id, key, json, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(server_url, user_id, key) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at`,
      )
      .run(serverUrl, userId, key, JSON.stringify(value), fetchedAt);
  }

  get(
    serverUrl: string,
    userId: string,
    key: string,
  ): { value: unknown; fetchedAt: string } | undefined {
    const row = this.#db
      .prepare(
        'SELECT json, fetched_at FROM meeting_cache WHERE server_url = ? AND user_id = ? AND key = ?',
      )
      .get(serverUrl, userId, key) as { json: string; fetched_at: string } | undefined;
    return row && { value: JSON.parse(row.json), fetchedAt: row.fetched_at };
  }
}
