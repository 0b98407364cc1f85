import { sql } from 'kysely';
import { AUDIT_GENESIS, AuditChainVerifier, auditRowHash, type ChainVerdict } from '../auditChain';
import type { AuditEntryView, AuditFilter } from '../../../../common/protocol/auditApi';
import type { AppDatabase } from '../database';
import { isPostgres } from '../dialect';

/** The UTC instant a Vietnam (UTC+7) calendar day starts. */
function vietnamDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 7 * 3_600_000).toISOString();
}

function parseDetails(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

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

  /**
   * One page of the log, newest first, matching the filters; `nextBeforeId` continues it (null:
   * nothing older). Every filter is an indexed range or equality (0013_audit_index), except the
   * details' meetingId, which is matched as text in the rows the others leave.
   */
  async page(
    filter: AuditFilter & { beforeId?: number | undefined },
    limit: number,
  ): Promise<{ entries: AuditEntryView[]; nextBeforeId: number | null }> {
    let query = this.#db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.user_id',
        'users.full_name',
        'audit_log.action',
        'audit_log.subject',
        'audit_log.details_json',
      ]);
    if (filter.userId) query = query.where('audit_log.user_id', '=', filter.userId);
    if (filter.action) {
      const prefixes = filter.action.split(',');
      query = query.where((eb) =>
        eb.or(
          prefixes.map((prefix) =>
            eb.and([
              eb('audit_log.action', '>=', prefix),
              eb('audit_log.action', '<', `${prefix}\uffff`),
            ]),
          ),
        ),
      );
    }
    if (filter.meetingId) {
      // The schema allows only [A-Za-z0-9_-] in the id: no LIKE wildcard but `_`, escaped here.
      const needle = `%"meetingId":"${filter.meetingId.replaceAll('_', '\\_')}"%`;
      const id = filter.meetingId;
      query = query.where((eb) =>
        eb.or([
          eb('audit_log.subject', '=', id),
          eb('audit_log.details_json', 'like', sql<string>`${needle} escape '\\'`),
        ]),
      );
    }
    if (filter.from) query = query.where('audit_log.at', '>=', vietnamDayStart(filter.from));
    if (filter.to) query = query.where('audit_log.at', '<', vietnamDayStart(filter.to, 1));
    if (filter.beforeId) query = query.where('audit_log.id', '<', filter.beforeId);
    const rows = await query
      .orderBy('audit_log.id', 'desc')
      .limit(limit + 1)
      .execute();
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map((r) => ({
      id: r.id,
      at: r.at,
      user: r.user_id ? { id: r.user_id, fullName: r.full_name ?? r.user_id } : null,
      action: r.action,
      subject: r.subject,
      details: parseDetails(r.details_json),
    }));
    return { entries, nextBeforeId: more ? entries.at(-1)!.id : null };
  }
}
