import type { AppDatabase } from '../database';

export interface AuditEntry {
  userId: string | null;
  /** Dotted verb, e.g. `auth.login`, `vote.cast`. */
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

/** Who did what, when: append-only. */
export class AuditLog {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  async record(entry: AuditEntry, now = new Date()): Promise<void> {
    await this.recordMany([entry], now);
  }

  /** Several entries in multi-row inserts (a sync push records one per applied mutation). */
  async recordMany(entries: readonly AuditEntry[], now = new Date()): Promise<void> {
    const at = now.toISOString();
    for (let i = 0; i < entries.length; i += 100) {
      await this.#db
        .insertInto('audit_log')
        .values(
          entries.slice(i, i + 100).map((e) => ({
            at,
            user_id: e.userId,
            action: e.action,
            subject: e.subject,
            details_json: e.details ? JSON.stringify(e.details) : null,
          })),
        )
        .execute();
    }
  }

  async recent(
    limit = 50,
  ): Promise<{ at: string; userId: string | null; action: string; subject: string | null }[]> {
    const rows = await this.#db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ at: r.at, userId: r.user_id, action: r.action, subject: r.subject }));
  }
}
