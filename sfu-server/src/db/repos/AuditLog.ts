import { sql } from 'kysely';
import { AUDIT_GENESIS, AuditChainVerifier, auditRowHash, type ChainVerdict } from '../auditChain';
import type { AppDatabase } from '../database';
import { isPostgres } from '../dialect';

/** pg_advisory_xact_lock key of audit appends ("PHAU"). */
const AUDIT_LOCK_KEY = 0x50484155;

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

  /**
   * Several entries in multi-row inserts (a sync push records one per applied mutation), chained
   * to the log's last row (`auditChain.ts`). Appends are serialized: inside the caller's
   * transaction, or one of their own; on PostgreSQL behind a transaction-scoped advisory lock, so
   * two writers never chain to the same row.
   */
  async recordMany(entries: readonly AuditEntry[], now = new Date()): Promise<void> {
    if (entries.length === 0) return;
    const append = async (db: AppDatabase) => {
      if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
      const last = await db
        .selectFrom('audit_log')
        .select('hash')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      let prev = last?.hash ?? AUDIT_GENESIS;
      const at = now.toISOString();
      const rows = entries.map((e) => {
        const content = {
          at,
          user_id: e.userId,
          action: e.action,
          subject: e.subject,
          details_json: e.details ? JSON.stringify(e.details) : null,
        };
        const hash = auditRowHash(prev, content);
        const row = { ...content, prev_hash: prev, hash };
        prev = hash;
        return row;
      });
      for (let i = 0; i < rows.length; i += 100)
        await db
          .insertInto('audit_log')
          .values(rows.slice(i, i + 100))
          .execute();
    };
    if (this.#db.isTransaction) await append(this.#db);
    else await this.#db.transaction().execute(append);
  }

  /** Checks the whole chain, a page of rows at a time; names the first row that breaks it. */
  async verify(): Promise<ChainVerdict> {
    const verifier = new AuditChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.#db
        .selectFrom('audit_log')
        .select(['id', 'at', 'user_id', 'action', 'subject', 'details_json', 'prev_hash', 'hash'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) if (!verifier.add(row)) return verifier.verdict();
      after = rows.at(-1)!.id;
    }
    return verifier.verdict();
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
