/**
 * Tasks as domain documents over Kysely: a task row plus its progress reports and extensions.
 * Every method takes the executor it runs on, so the sync service can hold one transaction
 * across reading, checking and writing.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Attachment, Task } from '../../../common/domain/task';
import { agencyRefSchema } from '../../../common/domain/task';
import type {
  Database,
  TaskExtensionTable,
  TaskReportAttachmentTable,
  TaskReportTable,
  TaskTable,
} from '../db/schema';
import { z } from 'zod';

type Executor = Kysely<Database>;

const cooperatingSchema = z.array(agencyRefSchema);
// SQLite allows 32,766 bound parameters; stay far below for PostgreSQL's planner too.
const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toTask(
  row: Selectable<TaskTable>,
  reports: Selectable<TaskReportTable>[],
  extensions: Selectable<TaskExtensionTable>[],
  attachments: Selectable<TaskReportAttachmentTable>[],
): Task {
  const filesByReport = new Map<string, Attachment[]>();
  for (const a of attachments.sort((x, y) => x.position - y.position)) {
    const list = filesByReport.get(a.report_id) ?? [];
    list.push({
      id: a.id,
      name: a.name,
      mime: a.mime as Attachment['mime'],
      size: Number(a.size_bytes),
      sha256: a.sha256,
    });
    filesByReport.set(a.report_id, list);
  }
  return {
    id: row.id,
    meetingId: row.meeting_id,
    conclusionRef: row.conclusion_ref,
    lead: { id: row.lead_unit_id, name: row.lead_unit_name },
    cooperating: cooperatingSchema.parse(JSON.parse(row.cooperating_json)),
    content: row.content,
    dueDate: row.due_date,
    dueEvent: row.due_event,
    reportTo: row.report_to,
    recurrence: row.recurrence as Task['recurrence'],
    status: row.status as Task['status'],
    statusSetBy: row.status_set_by as Task['statusSetBy'],
    statusClock: Number(row.status_clock),
    completedAt: row.completed_at,
    difficulties: row.difficulties,
    proposals: row.proposals,
    reports: reports
      .sort((a, b) => a.reported_at.localeCompare(b.reported_at) || a.id.localeCompare(b.id))
      .map((r) => ({
        id: r.id,
        text: r.text,
        percent: r.percent,
        reportedAt: r.reported_at,
        reportedBy: { id: r.reported_by_id, name: r.reported_by_name },
        attachments: filesByReport.get(r.id) ?? [],
      })),
    extensions: extensions
      .sort((a, b) => a.granted_at.localeCompare(b.granted_at) || a.id.localeCompare(b.id))
      .map((e) => ({
        id: e.id,
        previousDue: e.previous_due,
        newDue: e.new_due,
        reason: e.reason,
        grantedAt: e.granted_at,
        grantedBy: { id: e.granted_by_id, name: e.granted_by_name },
      })),
    createdAt: row.created_at,
    clock: Number(row.clock),
  };
}

function taskColumns(task: Task): Omit<TaskTable, 'id'> {
  return {
    meeting_id: task.meetingId,
    conclusion_ref: task.conclusionRef,
    lead_unit_name: task.lead.name,
    lead_unit_id: task.lead.id,
    cooperating_json: JSON.stringify(task.cooperating),
    content: task.content,
    due_date: task.dueDate,
    due_event: task.dueEvent,
    report_to: task.reportTo,
    recurrence: task.recurrence,
    status: task.status,
    status_set_by: task.statusSetBy,
    status_clock: task.statusClock,
    completed_at: task.completedAt,
    difficulties: task.difficulties,
    proposals: task.proposals,
    created_at: task.createdAt,
    clock: task.clock,
  };
}

async function assemble(db: Executor, rows: Selectable<TaskTable>[]): Promise<Task[]> {
  if (rows.length === 0) return [];
  const reports = new Map<string, Selectable<TaskReportTable>[]>();
  const extensions = new Map<string, Selectable<TaskExtensionTable>[]>();
  const attachments = new Map<string, Selectable<TaskReportAttachmentTable>[]>();
  for (const ids of chunks(
    rows.map((r) => r.id),
    IN_CHUNK,
  )) {
    for (const r of await db
      .selectFrom('task_reports')
      .selectAll()
      .where('task_id', 'in', ids)
      .execute()) {
      reports.set(r.task_id, [...(reports.get(r.task_id) ?? []), r]);
    }
    for (const e of await db
      .selectFrom('task_extensions')
      .selectAll()
      .where('task_id', 'in', ids)
      .execute()) {
      extensions.set(e.task_id, [...(extensions.get(e.task_id) ?? []), e]);
    }
    for (const a of await db
      .selectFrom('task_report_attachments')
      .selectAll()
      .where('task_id', 'in', ids)
      .execute()) {
      attachments.set(a.task_id, [...(attachments.get(a.task_id) ?? []), a]);
    }
  }
  return rows.map((row) =>
    toTask(
      row,
      reports.get(row.id) ?? [],
      extensions.get(row.id) ?? [],
      attachments.get(row.id) ?? [],
    ),
  );
}

export const TaskStore = {
  async get(db: Executor, id: string): Promise<Task | undefined> {
    const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await assemble(db, [row]))[0] : undefined;
  },

  /** Tasks changed after `clock`, oldest change first. */
  async changedSince(db: Executor, clock: number): Promise<Task[]> {
    const rows = await db
      .selectFrom('tasks')
      .selectAll()
      .where('clock', '>', clock)
      .orderBy('clock')
      .execute();
    return assemble(db, rows);
  },

  async listByMeeting(db: Executor, meetingId: string): Promise<Task[]> {
    const rows = await db
      .selectFrom('tasks')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('id')
      .execute();
    return assemble(db, rows);
  },

  async getMany(db: Executor, ids: readonly string[]): Promise<Map<string, Task>> {
    const unique = [...new Set(ids)];
    const rows: Selectable<TaskTable>[] = [];
    for (const part of chunks(unique, IN_CHUNK))
      rows.push(...(await db.selectFrom('tasks').selectAll().where('id', 'in', part).execute()));
    return new Map((await assemble(db, rows)).map((t) => [t.id, t]));
  },

  /**
   * Writes every task of `after` that differs from `before` (absent there = new): its row, and
   * the reports and extensions it adds. Rows go in multi-row inserts.
   */
  async saveChanges(
    db: Executor,
    before: ReadonlyMap<string, Task>,
    after: ReadonlyMap<string, Task>,
  ): Promise<void> {
    const inserts: Insertable<TaskTable>[] = [];
    const reports: Insertable<TaskReportTable>[] = [];
    const extensions: Insertable<TaskExtensionTable>[] = [];
    const files: Insertable<TaskReportAttachmentTable>[] = [];
    for (const [id, task] of after) {
      const old = before.get(id);
      if (old === task) continue;
      if (old) await db.updateTable('tasks').set(taskColumns(task)).where('id', '=', id).execute();
      else inserts.push({ id, ...taskColumns(task) });
      const knownReports = new Set(old?.reports.map((r) => r.id));
      for (const r of task.reports) {
        if (knownReports.has(r.id)) continue;
        reports.push({
          id: r.id,
          task_id: id,
          text: r.text,
          percent: r.percent,
          reported_at: r.reportedAt,
          reported_by_id: r.reportedBy.id,
          reported_by_name: r.reportedBy.name,
        });
        r.attachments.forEach((a, position) =>
          files.push({
            task_id: id,
            report_id: r.id,
            id: a.id,
            position,
            name: a.name,
            mime: a.mime,
            size_bytes: a.size,
            sha256: a.sha256,
          }),
        );
      }
      const knownExtensions = new Set(old?.extensions.map((e) => e.id));
      for (const e of task.extensions) {
        if (knownExtensions.has(e.id)) continue;
        extensions.push({
          id: e.id,
          task_id: id,
          previous_due: e.previousDue,
          new_due: e.newDue,
          reason: e.reason,
          granted_at: e.grantedAt,
          granted_by_id: e.grantedBy.id,
          granted_by_name: e.grantedBy.name,
        });
      }
    }
    // Tasks before their reports (foreign keys); 100 rows keep each statement's parameters few.
    for (const rows of chunks(inserts, 100)) await db.insertInto('tasks').values(rows).execute();
    for (const rows of chunks(reports, 100))
      await db.insertInto('task_reports').values(rows).execute();
    for (const rows of chunks(files, 100))
      await db.insertInto('task_report_attachments').values(rows).execute();
    for (const rows of chunks(extensions, 100))
      await db.insertInto('task_extensions').values(rows).execute();
  },

  /**
   * Stamps `clock` on every task one of `unitIds` leads or cooperates on, so clients pull them
   * again (a merger changes which unit answers for them). Returns how many tasks it stamped.
   */
  async touchAgencyTasks(db: Executor, unitIds: readonly string[], clock: number): Promise<number> {
    const ids = new Set<string>();
    for (const part of chunks(unitIds, IN_CHUNK))
      for (const r of await db
        .selectFrom('tasks')
        .select('id')
        .where('lead_unit_id', 'in', part)
        .execute())
        ids.add(r.id);
    // `"id":"<unit>"` inside the JSON; LIKE's `_` may match a little more, which costs a re-pull.
    for (const unitId of unitIds)
      for (const r of await db
        .selectFrom('tasks')
        .select('id')
        .where('cooperating_json', 'like', `%"id":${JSON.stringify(unitId)}%`)
        .execute())
        ids.add(r.id);
    for (const part of chunks([...ids], IN_CHUNK))
      await db.updateTable('tasks').set({ clock }).where('id', 'in', part).execute();
    return ids.size;
  },

  /** Writes one task over its stored state (undefined for a new task). */
  async save(db: Executor, before: Task | undefined, after: Task): Promise<void> {
    await TaskStore.saveChanges(
      db,
      new Map(before ? [[before.id, before]] : []),
      new Map([[after.id, after]]),
    );
  },
};
