/**
 * The local replica of annotations (only main writes it), kept as the task replica is: per
 * annotation the last state the server confirmed (`server_annotations`) and what the user sees
 * (`annotations`): the server's state with the still-pending mutations of the outbox applied on
 * top. Recording a mutation applies it to the view and appends it to the outbox in one
 * transaction, so a crash keeps both or neither (the store runs with synchronous=FULL).
 */
import { AppError, InvalidError } from '../../../common/errors';
import { annotationSchema, type Annotation } from '../../../common/domain/annotation';
import {
  annotationMutationId,
  annotationMutationSchema,
  applyAnnotationMutation,
  checkAnnotationMutation,
  type AnnotationActor,
  type AnnotationMutation,
  type AnnotationRejection,
} from '../../../common/annotations/mutations';
import type {
  AnnotationPullResponse,
  AnnotationPushResponse,
  PushedAnnotationMutation,
} from '../../../common/protocol/annotationsApi';
import type { LocalDatabase } from '../db';
import { Outbox, scopeKey, type ReplicaMeta, type ReplicaScope } from '../outbox';

export interface StoredAnnotationRejection {
  mutationId: number;
  name: string;
  annotationId: string;
  rejection: AnnotationRejection;
  at: string;
}

/** A document whose annotations changed. */
export interface DocumentKey {
  meetingId: string;
  documentId: string;
}

export class AnnotationReplicaRepository {
  readonly #db: LocalDatabase;
  readonly #outbox: Outbox;

  constructor(db: LocalDatabase) {
    this.#db = db;
    this.#outbox = new Outbox(db, {
      replicas: 'annotation_replicas',
      outbox: 'annotation_outbox',
      subject: 'annotation_id',
    });
  }

  meta(scope: ReplicaScope): ReplicaMeta {
    return this.#outbox.meta(scopeKey(scope));
  }

  /**
   * Applies `mutation` to the view and appends it to the outbox, durably, in one transaction. A
   * mutation the rules refuse here (not the author; sharing without the secretary's or chair's
   * role) throws and leaves nothing behind; the server checks again when it arrives.
   */
  record(
    scope: ReplicaScope,
    actor: AnnotationActor,
    mutation: AnnotationMutation,
    now: Date,
  ): { mutationId: number; annotation: Annotation } {
    const parsed = annotationMutationSchema.safeParse(mutation);
    if (!parsed.success)
      throw new InvalidError(parsed.error.issues[0]?.message ?? 'Invalid change');
    const key = scopeKey(scope);
    return this.#db.transaction(() => {
      const id = annotationMutationId(parsed.data);
      const before = this.#view(key, id);
      const rejection = checkAnnotationMutation(actor, before, parsed.data);
      if (rejection) throw rejectionError(rejection);
      const after = applyAnnotationMutation(before, parsed.data, {
        actor,
        now: now.toISOString(),
      });
      this.#writeView(key, after);
      const mutationId = this.#outbox.append(key, {
        subjectId: id,
        json: JSON.stringify(parsed.data),
        actorJson: JSON.stringify(actor),
        createdAt: now.toISOString(),
      });
      return { mutationId, annotation: after };
    })();
  }

  /** The oldest pending mutations, in order. */
  pending(scope: ReplicaScope, limit: number): PushedAnnotationMutation[] {
    return this.#outbox.pending(scopeKey(scope), limit).map((e) => ({
      id: e.mutationId,
      createdAt: e.createdAt,
      mutation: annotationMutationSchema.parse(JSON.parse(e.json)),
    }));
  }

  pendingCount(scope: ReplicaScope): number {
    return this.#outbox.count(scopeKey(scope));
  }

  /** Ids of annotations with changes not yet acknowledged by the server. */
  pendingIds(scope: ReplicaScope): Set<string> {
    return this.#outbox.subjects(scopeKey(scope));
  }

  /**
   * The server has processed mutations up to `lastMutationId`: they leave the outbox, and the
   * refusals are kept for the user. Views are rebuilt by the pull that follows.
   */
  acknowledge(scope: ReplicaScope, response: AnnotationPushResponse, now: Date): void {
    const key = scopeKey(scope);
    this.#db.transaction(() => {
      for (const result of response.results) {
        if (result.status === 'rejected')
          this.#storeRejection(key, result.id, result.rejection, now);
      }
      this.#outbox.dropAcknowledged(key, response.lastMutationId);
    })();
  }

  /**
   * Applies one page of a pull in one transaction: the server's annotations replace the
   * confirmed copies, acknowledged mutations leave the outbox, and the view of every annotation
   * touched is rebuilt. Returns the documents whose annotations changed.
   */
  applyPull(
    scope: ReplicaScope,
    response: AnnotationPullResponse,
    now: Date,
  ): { changedDocuments: DocumentKey[] } {
    const key = scopeKey(scope);
    return this.#db.transaction(() => {
      const touched = new Set<string>();
      if (response.reset) {
        for (const row of this.#db
          .prepare('SELECT id FROM annotations WHERE scope = ?')
          .all(key) as { id: string }[])
          touched.add(row.id);
        this.#db.prepare('DELETE FROM server_annotations WHERE scope = ?').run(key);
      }
      const upsert = this.#db.prepare(
        `INSERT INTO server_annotations (scope, id, json) VALUES (?, ?, ?)
         ON CONFLICT(scope, id) DO UPDATE SET json = excluded.json`,
      );
      for (const annotation of response.annotations) {
        upsert.run(key, annotation.id, JSON.stringify(annotation));
        touched.add(annotation.id);
      }
      const remove = this.#db.prepare('DELETE FROM server_annotations WHERE scope = ? AND id = ?');
      for (const id of response.removedIds) {
        remove.run(key, id);
        touched.add(id);
      }
      for (const r of response.rejections) {
        this.#storeRejection(key, r.mutationId, r.rejection, now, r.name, r.annotationId);
        touched.add(r.annotationId);
      }
      for (const id of this.#outbox.dropAcknowledged(key, response.lastMutationId)) touched.add(id);
      this.#outbox.setPulledClock(key, response.clock);
      const documents = new Map<string, DocumentKey>();
      const note = (a: Annotation | undefined) => {
        if (a) documents.set(`${a.meetingId}\n${a.documentId}`, a);
      };
      for (const id of touched) {
        note(this.#view(key, id));
        note(this.#rebuildView(key, id));
      }
      return {
        changedDocuments: [...documents.values()].map(({ meetingId, documentId }) => ({
          meetingId,
          documentId,
        })),
      };
    })();
  }

  /** The annotations of one document the user sees (deleted ones left out), oldest first. */
  list(scope: ReplicaScope, meetingId: string, documentId: string): Annotation[] {
    const rows = this.#db
      .prepare(
        `SELECT json FROM annotations WHERE scope = ? AND meeting_id = ? AND document_id = ?`,
      )
      .all(scopeKey(scope), meetingId, documentId) as { json: string }[];
    return rows
      .map((r) => annotationSchema.parse(JSON.parse(r.json)))
      .filter((a) => !a.deleted)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  get(scope: ReplicaScope, id: string): Annotation | undefined {
    return this.#view(scopeKey(scope), id);
  }

  rejections(scope: ReplicaScope, limit = 50): StoredAnnotationRejection[] {
    const rows = this.#db
      .prepare(
        `SELECT mutation_id, name, annotation_id, code, message, at FROM annotation_rejections
         WHERE scope = ? ORDER BY mutation_id DESC LIMIT ?`,
      )
      .all(scopeKey(scope), limit) as {
      mutation_id: number;
      name: string;
      annotation_id: string;
      code: AnnotationRejection['code'];
      message: string;
      at: string;
    }[];
    return rows.map((r) => ({
      mutationId: r.mutation_id,
      name: r.name,
      annotationId: r.annotation_id,
      rejection: { code: r.code, message: r.message },
      at: r.at,
    }));
  }

  #storeRejection(
    key: string,
    mutationId: number,
    rejection: AnnotationRejection,
    now: Date,
    name?: string,
    annotationId?: string,
  ): void {
    const pending = this.#outbox.entry(key, mutationId);
    const mutationName =
      name ?? (pending ? (JSON.parse(pending.json) as AnnotationMutation).name : '');
    this.#db
      .prepare(
        `INSERT INTO annotation_rejections (scope, mutation_id, name, annotation_id, code, message, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(scope, mutation_id) DO NOTHING`,
      )
      .run(
        key,
        mutationId,
        mutationName,
        annotationId ?? pending?.subjectId ?? '',
        rejection.code,
        rejection.message,
        now.toISOString(),
      );
  }

  /** View = the server's confirmed annotation with this replica's pending mutations applied. */
  #rebuildView(key: string, id: string): Annotation | undefined {
    const confirmed = this.#db
      .prepare('SELECT json FROM server_annotations WHERE scope = ? AND id = ?')
      .get(key, id) as { json: string } | undefined;
    let annotation: Annotation | undefined = confirmed
      ? annotationSchema.parse(JSON.parse(confirmed.json))
      : undefined;
    for (const entry of this.#outbox.pendingFor(key, id)) {
      const mutation = annotationMutationSchema.parse(JSON.parse(entry.json));
      const actor = JSON.parse(entry.actorJson) as AnnotationActor;
      // A pending change the server will refuse is not shown as made.
      if (checkAnnotationMutation(actor, annotation, mutation)) continue;
      annotation = applyAnnotationMutation(annotation, mutation, { actor, now: entry.createdAt });
    }
    if (annotation) this.#writeView(key, annotation);
    else this.#db.prepare('DELETE FROM annotations WHERE scope = ? AND id = ?').run(key, id);
    return annotation;
  }

  #view(key: string, id: string): Annotation | undefined {
    const row = this.#db
      .prepare('SELECT json FROM annotations WHERE scope = ? AND id = ?')
      .get(key, id) as { json: string } | undefined;
    return row ? annotationSchema.parse(JSON.parse(row.json)) : undefined;
  }

  #writeView(key: string, annotation: Annotation): void {
    this.#db
      .prepare(
        `INSERT INTO annotations (scope, id, meeting_id, document_id, json)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(scope, id) DO UPDATE SET meeting_id = excluded.meeting_id,
           document_id = excluded.document_id, json = excluded.json`,
      )
      .run(
        key,
        annotation.id,
        annotation.meetingId,
        annotation.documentId,
        JSON.stringify(annotation),
      );
  }
}

/** The error a refused change throws; `details.rejection` lets the UI word it. */
export function rejectionError(rejection: AnnotationRejection): AppError {
  const details = { rejection: rejection.code };
  switch (rejection.code) {
    case 'annotation_not_found':
    case 'document_not_found':
      return new AppError('not_found', rejection.message, details);
    case 'annotation_exists':
      return new AppError('invalid_state', rejection.message, details);
    case 'invalid':
      return new AppError('invalid', rejection.message, details);
    case 'not_participant':
    case 'not_author':
    case 'share_not_allowed':
      return new AppError('forbidden', rejection.message, details);
  }
}
