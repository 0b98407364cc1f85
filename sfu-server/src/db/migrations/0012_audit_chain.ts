import { sql, type Kysely } from 'kysely';
import { AUDIT_GENESIS, auditRowHash, type AuditContent } from '../auditChain';
import { isPostgres } from '../dialect';

/**
 * The audit log becomes append-only in the database itself and chained (issue #16): existing
 * rows are chained in id order, then triggers refuse every UPDATE and DELETE, on SQLite and
 * PostgreSQL alike, whoever connects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  const log = db as unknown as Kysely<{
    audit_log: AuditContent & { id: number; prev_hash: string | null; hash: string | null };
  }>;
  let prev = AUDIT_GENESIS;
  let after = 0;
  for (;;) {
    const rows = await log
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const hash = auditRowHash(prev, row);
      await log
        .updateTable('audit_log')
        .set({ prev_hash: prev, hash })
        .where('id', '=', row.id)
        .execute();
      prev = hash;
      after = row.id;
    }
  }
  if (isPostgres(db)) {
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op;
      end $$`.execute(db);
    await sql`
      create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`
      create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`.execute(db);
    await sql`
      create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`.execute(db);
  }
}
