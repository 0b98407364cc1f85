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
    await this.#db
      .insertInto('audit_log')
      .values({
        at: now.toISOString(),
        user_id: entry.userId,
        action: entry.action,
        subject: entry.subject,
        details_json: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute();
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
