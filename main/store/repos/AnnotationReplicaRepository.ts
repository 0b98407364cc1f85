/**
 * The local replica of annotations (only main writes it), kept as the task replica is: per
 * annotation the last state the server confirmed (`server_annotations`) and what the user sees
 * (`annotations`): the server's state with the still-pending mutations of the outbox applied on
 * top. Recording a mutation applies it to the view and appends it to the outbox in one
 * transaction, so a crash keeps both or neither (the store runs with synchronous=FULL).
 */
import { AppError, InvalidError } from '../../../common/errors';
import {
  annotationSchema,
  type Annotation,
  type AnnotationKind,
} from '../../../common/domain/annotation';
import {
  ANNOTATION_ACTIONS,
  annotationActionOf,
  annotationMutationId,
  annotationMutationSchema,
  applyAnnotationMutation,
  checkAnnotationMutation,
  type AnnotationAction,
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
  /** When the refusal reached this computer (ISO 8601). */
  at: string;
  /** The refused change's document; null for refusals kept before it was recorded. */
  meetingId: string | null;
  documentId: string | null;
  /** What the user tried (null: not known, an older row). */
  action: AnnotationAction | null;
  /** The annotation as the user last saw it, to recognise it (null: not known). */
  annotation: RefusedAnnotationSummary | null;
  /** When the user dismissed the notice; null while it is shown. */
  dismissedAt: string | null;
}

/** Enough of an annotation to name it in a refusal: "Tô sáng, trang 2: “…”". */
export interface RefusedAnnotationSummary {
  kind: AnnotationKind;
  page: number;
  /** The highlight's or note's text, shortened; empty for ink. */
  excerpt: string;
}

/** Characters of a highlight's or note's text kept with a refusal. */
export const REFUSAL_EXCERPT_CHARS = 80;

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
  acknowledge(
    scope: ReplicaScope,
    response: AnnotationPushResponse,
    now: Date,
  ): { refusedDocuments: DocumentKey[] } {
    const key = scopeKey(scope);
    return this.#db.transaction(() => {
      const documents = new DocumentSet();
      for (const result of response.results) {
        if (result.status === 'rejected')
          documents.add(this.#storeRejection(key, result.id, result.rejection, now));
      }
      this.#outbox.dropAcknowledged(key, response.lastMutationId);
      return { refusedDocuments: documents.values() };
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
      const documents = new DocumentSet();
      for (const id of touched) {
        documents.add(this.#view(key, id));
        documents.add(this.#rebuildView(key, id));
      }
      return { changedDocuments: documents.values() };
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

  /**
   * Refusals, newest first: of one document when `document` is given, and only those the user
   * has not dismissed unless `includeDismissed`.
   */
  rejections(
    scope: ReplicaScope,
    options: { document?: DocumentKey; includeDismissed?: boolean; limit?: number } = {},
  ): StoredAnnotationRejection[] {
    const { document, includeDismissed = false, limit = 50 } = options;
    const where = ['scope = ?'];
    const params: unknown[] = [scopeKey(scope)];
    if (document) {
      where.push('meeting_id = ?', 'document_id = ?');
      params.push(document.meetingId, document.documentId);
    }
    if (!includeDismissed) where.push('dismissed_at IS NULL');
    const rows = this.#db
      .prepare(
        `SELECT mutation_id, name, annotation_id, code, message, at, meeting_id, document_id,
           action, kind, page, excerpt, dismissed_at
         FROM annotation_rejections WHERE ${where.join(' AND ')}
         ORDER BY mutation_id DESC LIMIT ?`,
      )
      .all(...params, limit) as RejectionRow[];
    return rows.map(toStoredRejection);
  }

  /**
   * Marks refusals as seen, in one transaction: they are no longer listed (a pull bringing the
   * same refusal again does not bring the notice back). Returns how many were dismissed now and
   * the documents they were about.
   */
  dismissRejections(
    scope: ReplicaScope,
    mutationIds: readonly number[],
    now: Date,
  ): { dismissed: number; documents: DocumentKey[] } {
    const key = scopeKey(scope);
    return this.#db.transaction(() => {
      const documents = new DocumentSet();
      let dismissed = 0;
      const select = this.#db.prepare(
        `SELECT meeting_id, document_id FROM annotation_rejections
         WHERE scope = ? AND mutation_id = ? AND dismissed_at IS NULL`,
      );
      const dismiss = this.#db.prepare(
        `UPDATE annotation_rejections SET dismissed_at = ? WHERE scope = ? AND mutation_id = ?`,
      );
      for (const mutationId of mutationIds) {
        const row = select.get(key, mutationId) as
          { meeting_id: string | null; document_id: string | null } | undefined;
        if (!row) continue;
        dismiss.run(now.toISOString(), key, mutationId);
        dismissed += 1;
        if (row.meeting_id && row.document_id)
          documents.add({ meetingId: row.meeting_id, documentId: row.document_id });
      }
      return { dismissed, documents: documents.values() };
    })();
  }

  /**
   * Keeps a refusal with what the user needs to recognise it: the pending mutation says what was
   * tried (and, for a creation, on what); the view says what the annotation looked like. Called
   * before the mutation leaves the outbox. Returns the refusal's document, when known.
   */
  #storeRejection(
    key: string,
    mutationId: number,
    rejection: AnnotationRejection,
    now: Date,
    name?: string,
    annotationId?: string,
  ): DocumentKey | undefined {
    const pending = this.#outbox.entry(key, mutationId);
    const mutation = pending ? annotationMutationSchema.parse(JSON.parse(pending.json)) : undefined;
    const id = annotationId ?? pending?.subjectId ?? '';
    const seen =
      mutation?.name === 'annotation.create' ? mutation.args.annotation : this.#view(key, id);
    const summary = seen ? summarize(seen) : null;
    this.#db
      .prepare(
        `INSERT INTO annotation_rejections (scope, mutation_id, name, annotation_id, code, message,
           at, meeting_id, document_id, action, kind, page, excerpt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(scope, mutation_id) DO NOTHING`,
      )
      .run(
        key,
        mutationId,
        name ?? mutation?.name ?? '',
        id,
        rejection.code,
        rejection.message,
        now.toISOString(),
        seen?.meetingId ?? null,
        seen?.documentId ?? null,
        mutation ? annotationActionOf(mutation) : null,
        summary?.kind ?? null,
        summary?.page ?? null,
        summary?.excerpt ?? null,
      );
    return seen && { meetingId: seen.meetingId, documentId: seen.documentId };
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

interface RejectionRow {
  mutation_id: number;
  name: string;
  annotation_id: string;
  code: AnnotationRejection['code'];
  message: string;
  at: string;
  meeting_id: string | null;
  document_id: string | null;
  action: string | null;
  kind: AnnotationKind | null;
  page: number | null;
  excerpt: string | null;
  dismissed_at: string | null;
}

function toStoredRejection(r: RejectionRow): StoredAnnotationRejection {
  return {
    mutationId: r.mutation_id,
    name: r.name,
    annotationId: r.annotation_id,
    rejection: { code: r.code, message: r.message },
    at: r.at,
    meetingId: r.meeting_id,
    documentId: r.document_id,
    action: (ANNOTATION_ACTIONS as readonly string[]).includes(r.action ?? '')
      ? (r.action as AnnotationAction)
      : null,
    annotation:
      r.kind !== null && r.page !== null
        ? { kind: r.kind, page: r.page, excerpt: r.excerpt ?? '' }
        : null,
    dismissedAt: r.dismissed_at,
  };
}

function summarize(annotation: Pick<Annotation, 'page' | 'shape'>): RefusedAnnotationSummary {
  const { shape } = annotation;
  const text = shape.kind === 'ink' ? '' : shape.text.replace(/\s+/gu, ' ').trim();
  return {
    kind: shape.kind,
    page: annotation.page,
    excerpt:
      text.length > REFUSAL_EXCERPT_CHARS ? `${text.slice(0, REFUSAL_EXCERPT_CHARS - 1)}…` : text,
  };
}

/** Documents named once each, in the order first seen (from annotations or document keys). */
export class DocumentSet {
  readonly #byKey = new Map<string, DocumentKey>();
  add(document: DocumentKey | undefined): void {
    if (document)
      this.#byKey.set(`${document.meetingId}\n${document.documentId}`, {
        meetingId: document.meetingId,
        documentId: document.documentId,
      });
  }
  values(): DocumentKey[] {
    return [...this.#byKey.values()];
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
