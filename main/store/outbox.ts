/**
 * The outbox of a local replica: the user's changes (named mutations) waiting to be pushed, in
 * order, each with the next mutation id of the replica, and the replica's sync bookkeeping (its
 * client id, the last mutation id handed out, the server clock of its last pull). Shared by every
 * kind of synced data (tasks: TaskReplicaRepository; annotations: AnnotationReplicaRepository);
 * each kind has its own two tables of the same shape (see migrations/index.ts):
 *
 *   <replicas> (scope PRIMARY KEY, client_id, pulled_clock, last_mutation_id)
 *   <outbox>   (scope, mutation_id, <subject>, json, actor_json, created_at,
 *               PRIMARY KEY (scope, mutation_id))
 *
 * `append` must run inside the caller's transaction, the one that also applies the mutation to
 * the user's view: both are kept, or neither.
 */
import { randomUUID } from 'node:crypto';
import type { LocalDatabase } from './db';

/** One user's replica on one server: a shared office PC keeps several apart. */
export interface ReplicaScope {
  serverUrl: string;
  userId: string;
}

/** The key of one replica in the local tables (`scope` columns). */
export const scopeKey = (s: ReplicaScope) => `${s.serverUrl}|${s.userId}`;

export interface ReplicaMeta {
  clientId: string;
  /** Server clock of the last pull applied. */
  pulledClock: number;
  /** The last mutation id this replica handed out. */
  lastMutationId: number;
}

/** A mutation waiting in the outbox, as stored (JSON text; each kind parses its own). */
export interface OutboxEntry {
  mutationId: number;
  subjectId: string;
  json: string;
  actorJson: string;
  createdAt: string;
}

export interface OutboxTables {
  replicas: string;
  outbox: string;
  /** The outbox column naming what each mutation changes: `task_id`, `annotation_id`. */
  subject: string;
}

interface OutboxRow {
  mutation_id: number;
  subject: string;
  json: string;
  actor_json: string;
  created_at: string;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  mutationId: r.mutation_id,
  subjectId: r.subject,
  json: r.json,
  actorJson: r.actor_json,
  createdAt: r.created_at,
});

export class Outbox {
  readonly #db: LocalDatabase;
  readonly #t: OutboxTables;
  readonly #columns: string;

  /** `tables` are constants of the calling repository, never input. */
  constructor(db: LocalDatabase, tables: OutboxTables) {
    this.#db = db;
    this.#t = tables;
    this.#columns = `mutation_id, ${tables.subject} AS subject, json, actor_json, created_at`;
  }

  /** The replica's bookkeeping; a new replica gets a random client id. */
  meta(key: string): ReplicaMeta {
    this.#db
      .prepare(
        `INSERT INTO ${this.#t.replicas} (scope, client_id, pulled_clock, last_mutation_id)
         VALUES (?, ?, 0, 0) ON CONFLICT(scope) DO NOTHING`,
      )
      .run(key, randomUUID());
    const row = this.#db
      .prepare(
        `SELECT client_id, pulled_clock, last_mutation_id FROM ${this.#t.replicas} WHERE scope = ?`,
      )
      .get(key) as { client_id: string; pulled_clock: number; last_mutation_id: number };
    return {
      clientId: row.client_id,
      pulledClock: row.pulled_clock,
      lastMutationId: row.last_mutation_id,
    };
  }

  /** Appends a mutation with the replica's next id and returns that id (in the caller's transaction). */
  append(
    key: string,
    entry: { subjectId: string; json: string; actorJson: string; createdAt: string },
  ): number {
    const id = this.meta(key).lastMutationId + 1;
    this.#db
      .prepare(
        `INSERT INTO ${this.#t.outbox} (scope, mutation_id, ${this.#t.subject}, json, actor_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(key, id, entry.subjectId, entry.json, entry.actorJson, entry.createdAt);
    this.#db
      .prepare(`UPDATE ${this.#t.replicas} SET last_mutation_id = ? WHERE scope = ?`)
      .run(id, key);
    return id;
  }

  /** The oldest pending mutations, in order. */
  pending(key: string, limit: number): OutboxEntry[] {
    return (
      this.#db
        .prepare(
          `SELECT ${this.#columns} FROM ${this.#t.outbox} WHERE scope = ?
           ORDER BY mutation_id LIMIT ?`,
        )
        .all(key, limit) as OutboxRow[]
    ).map(toEntry);
  }

  /** The pending mutations of one subject, in order (to re-apply them over the server's state). */
  pendingFor(key: string, subjectId: string): OutboxEntry[] {
    return (
      this.#db
        .prepare(
          `SELECT ${this.#columns} FROM ${this.#t.outbox} WHERE scope = ? AND ${this.#t.subject} = ?
           ORDER BY mutation_id`,
        )
        .all(key, subjectId) as OutboxRow[]
    ).map(toEntry);
  }

  entry(key: string, mutationId: number): OutboxEntry | undefined {
    const row = this.#db
      .prepare(`SELECT ${this.#columns} FROM ${this.#t.outbox} WHERE scope = ? AND mutation_id = ?`)
      .get(key, mutationId) as OutboxRow | undefined;
    return row && toEntry(row);
  }

  count(key: string): number {
    const row = this.#db
      .prepare(`SELECT count(*) AS n FROM ${this.#t.outbox} WHERE scope = ?`)
      .get(key) as { n: number };
    return row.n;
  }

  /** What the pending mutations change. */
  subjects(key: string): Set<string> {
    const rows = this.#db
      .prepare(
        `SELECT DISTINCT ${this.#t.subject} AS subject FROM ${this.#t.outbox} WHERE scope = ?`,
      )
      .all(key) as { subject: string }[];
    return new Set(rows.map((r) => r.subject));
  }

  /**
   * The server has processed mutations up to `lastMutationId`: they leave the outbox. Returns the
   * subjects they changed. (In the caller's transaction.)
   */
  dropAcknowledged(key: string, lastMutationId: number): string[] {
    const rows = this.#db
      .prepare(
        `SELECT DISTINCT ${this.#t.subject} AS subject FROM ${this.#t.outbox}
         WHERE scope = ? AND mutation_id <= ?`,
      )
      .all(key, lastMutationId) as { subject: string }[];
    this.#db
      .prepare(`DELETE FROM ${this.#t.outbox} WHERE scope = ? AND mutation_id <= ?`)
      .run(key, lastMutationId);
    const meta = this.#db
      .prepare(`SELECT last_mutation_id FROM ${this.#t.replicas} WHERE scope = ?`)
      .get(key) as { last_mutation_id: number } | undefined;
    // The server has processed ids this replica never handed out: the store was restored from an
    // older copy. New ids must continue after the server's, or they would be taken as duplicates.
    if (meta && meta.last_mutation_id < lastMutationId) {
      this.#db
        .prepare(`UPDATE ${this.#t.replicas} SET last_mutation_id = ? WHERE scope = ?`)
        .run(lastMutationId, key);
    }
    return rows.map((r) => r.subject);
  }

  setPulledClock(key: string, clock: number): void {
    this.#db
      .prepare(`UPDATE ${this.#t.replicas} SET pulled_clock = ? WHERE scope = ?`)
      .run(clock, key);
  }
}
