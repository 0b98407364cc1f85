/**
 * The audit log's hash chain: each row carries the hash of the row before it (`prev_hash`) and
 * its own (`hash` = SHA-256 of the previous hash and the row's content). A row changed or
 * removed behind the application's back breaks the chain from that row on; `verifyAuditChain`
 * names the first row that does not hold. (Anyone who can also rewrite every later hash can hide
 * a change: the chain proves order and integrity against casual edits, and the database's
 * triggers refuse UPDATE and DELETE outright.)
 */
import { createHash } from 'node:crypto';

export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditContent {
  at: string;
  user_id: string | null;
  action: string;
  subject: string | null;
  details_json: string | null;
}

export function auditRowHash(prevHash: string, row: AuditContent): string {
  // A JSON array: unambiguous field boundaries whatever the values hold.
  const content = JSON.stringify([row.at, row.user_id, row.action, row.subject, row.details_json]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface ChainedAuditRow extends AuditContent {
  id: number;
  prev_hash: string | null;
  hash: string | null;
}

export type ChainVerdict =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; brokenAt: number; reason: 'prev_hash' | 'hash' };

/** Walks rows in id order (the caller pages through them) and says where the chain breaks. */
export class AuditChainVerifier {
  #prev = AUDIT_GENESIS;
  #rows = 0;
  #broken: Extract<ChainVerdict, { ok: false }> | undefined;

  add(row: ChainedAuditRow): boolean {
    if (this.#broken) return false;
    this.#rows++;
    if (row.prev_hash !== this.#prev) {
      this.#broken = { ok: false, rows: this.#rows, brokenAt: row.id, reason: 'prev_hash' };
      return false;
    }
    const expected = auditRowHash(this.#prev, row);
    if (row.hash !== expected) {
      this.#broken = { ok: false, rows: this.#rows, brokenAt: row.id, reason: 'hash' };
      return false;
    }
    this.#prev = expected;
    return true;
  }

  verdict(): ChainVerdict {
    return this.#broken ?? { ok: true, rows: this.#rows, head: this.#prev };
  }
}
