/**
 * Annotations as domain objects over Kysely (migration 0007). Every method takes the executor it
 * runs on, so the annotation service holds one transaction across reading, checking and writing.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import {
  annotationAnchorSchema,
  annotationShapeSchema,
  type Annotation,
} from '../../../common/domain/annotation';
import type { AnnotationTable, Database } from '../db/schema';
import { chunks } from '../sync/TaskStore';

type Executor = Kysely<Database>;

// SQLite allows 32,766 bound parameters; stay far below for PostgreSQL's planner too.
const IN_CHUNK = 500;

export function toAnnotation(row: Selectable<AnnotationTable>): Annotation {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    documentId: row.document_id,
    version: Number(row.version),
    page: Number(row.page),
    color: row.color,
    shared: Number(row.shared) !== 0,
    anchor: row.anchor_json ? annotationAnchorSchema.parse(JSON.parse(row.anchor_json)) : null,
    shape: annotationShapeSchema.parse(JSON.parse(row.shape_json)),
    author: { id: row.author_id, name: row.author_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deleted: Number(row.deleted) !== 0,
    clock: Number(row.clock),
  };
}

function columns(a: Annotation, wasShared: boolean): Omit<AnnotationTable, 'id'> {
  return {
    meeting_id: a.meetingId,
    document_id: a.documentId,
    version: a.version,
    page: a.page,
    kind: a.shape.kind,
    color: a.color,
    shared: a.shared ? 1 : 0,
    was_shared: wasShared || a.shared ? 1 : 0,
    author_id: a.author.id,
    author_name: a.author.name,
    shape_json: JSON.stringify(a.shape),
    anchor_json: a.anchor ? JSON.stringify(a.anchor) : null,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    deleted: a.deleted ? 1 : 0,
    clock: a.clock,
  };
}

export const AnnotationStore = {
  async getMany(db: Executor, ids: readonly string[]): Promise<Map<string, Annotation>> {
    const found = new Map<string, Annotation>();
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await db.selectFrom('annotations').selectAll().where('id', 'in', part).execute();
      for (const row of rows) found.set(row.id, toAnnotation(row));
    }
    return found;
  },

  /** Writes every annotation of `after` that differs from `before` (absent there: new). */
  async saveChanges(
    db: Executor,
    before: ReadonlyMap<string, Annotation>,
    after: ReadonlyMap<string, Annotation>,
  ): Promise<void> {
    const inserts: Insertable<AnnotationTable>[] = [];
    for (const [id, annotation] of after) {
      const old = before.get(id);
      if (old === annotation) continue;
      if (old) {
        // was_shared only ever goes from 0 to 1 (an update never clears it).
        const { was_shared: wasShared, ...rest } = columns(annotation, old.shared);
        await db
          .updateTable('annotations')
          .set(wasShared ? { ...rest, was_shared: 1 } : rest)
          .where('id', '=', id)
          .execute();
      } else inserts.push({ id, ...columns(annotation, false) });
    }
    for (const rows of chunks(inserts, 50))
      await db.insertInto('annotations').values(rows).execute();
  },
};
