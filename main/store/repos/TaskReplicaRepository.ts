import { AppError, InvalidError } from '../../../common/errors';
import type { Task } from '../../../common/domain/task';
import { taskSchema } from '../../../common/domain/task';
import type { PullResponse, PushedMutation, PushResponse } from '../../../common/protocol/sync';
import {
  actorInMeeting,
  applyTaskMutation,
  checkTaskMutation,
  mutationAttachments,
  mutationTaskId,
  taskMutationSchema,
  type Rejection,
  type TaskActor,
  type TaskMutation,
} from '../../../common/tasks/mutations';
import type { LocalDatabase } from '../db';
import { Outbox, scopeKey, type ReplicaMeta, type ReplicaScope } from '../outbox';
import { AttachmentBlobRepository } from './AttachmentBlobRepository';

export { scopeKey, type ReplicaMeta, type ReplicaScope };

/** A file a pending report names that the server has not acknowledged receiving yet. */
export interface PendingUpload {
  mutationId: number;
  taskId: string;
  sha256: string;
}

export interface StoredRejection {
  mutationId: number;
  name: string;
  taskId: string;
  rejection: Rejection;
  at: string;
}

/**
 * The local replica of tasks (only main writes it). Two copies per task: `server_tasks`, the last
 * state the server confirmed, and `tasks`, what the user sees: the server's state with the
 * still-pending mutations of the outbox applied on top. Recording a mutation applies it to the
 * view and appends it to the outbox in one transaction, so a crash keeps both or neither.
 */
export class TaskReplicaRepository {
  readonly #db: LocalDatabase;
  readonly #outbox: Outbox;
  /** The files of reports, picked here or downloaded (the same database). */
  readonly blobs: AttachmentBlobRepository;

  constructor(db: LocalDatabase) {
    this.#db = db;
    this.#outbox = new Outbox(db, {
      replicas: 'task_replicas',
      outbox: 'task_outbox',
      subject: 'task_id',
    });
    this.blobs = new AttachmentBlobRepository(db);
  }

  meta(scope: ReplicaScope): ReplicaMeta {
    return this.#outbox.meta(scopeKey(scope));
  }

  /**
   * Applies `mutation` to the view and appends it to the outbox, durably, in one transaction.
   * A mutation the rules already refuse here (not the user's agency, no such task) throws and
   * leaves nothing behind; the server checks again when it arrives. A report's files must be
   * stored here already (`blobs.put`); the outbox row names them in the same transaction, so a
   * report waiting to be sent always has its files, and they are kept until it is acknowledged.
   */
  record(scope: ReplicaScope, actor: TaskActor, mutation: TaskMutation, now: Date): number {
    const parsed = taskMutationSchema.safeParse(mutation);
    if (!parsed.success)
      throw new InvalidError(parsed.error.issues[0]?.message ?? 'Invalid change');
    const key = scopeKey(scope);
    return this.#db.transaction(() => {
      const taskId = mutationTaskId(parsed.data);
      const before = this.#viewTask(key, taskId);
      const rejection = checkTaskMutation(actor, before, parsed.data);
      if (rejection) throw rejectionError(rejection);
      const after = applyTaskMutation(before, parsed.data, { actor, now: now.toISOString() });
      this.#writeView(key, after);
      const id = this.#outbox.append(key, {
        subjectId: taskId,
        json: JSON.stringify(parsed.data),
        // Kept to re-check the change when rebasing: the user's role in this task's meeting only.
        actorJson: JSON.stringify(actorInMeeting(actor, after.meetingId)),
        createdAt: now.toISOString(),
      });
      const names = this.#db.prepare(
        `INSERT INTO task_outbox_attachments (scope, mutation_id, task_id, sha256)
         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      for (const attachment of mutationAttachments(parsed.data)) {
        if (this.blobs.size(attachment.sha256) !== attachment.size)
          throw new InvalidError(
            `The file "${attachment.name}" is not stored on this computer; attach it again`,
            { reason: 'attachment_not_stored' },
          );
        names.run(key, id, taskId, attachment.sha256);
      }
      return id;
    })();
  }

  /** The oldest pending mutations, in order. */
  pending(scope: ReplicaScope, limit: number): PushedMutation[] {
    return this.#outbox.pending(scopeKey(scope), limit).map((e) => ({
      id: e.mutationId,
      createdAt: e.createdAt,
      mutation: taskMutationSchema.parse(JSON.parse(e.json)),
    }));
  }

  /**
   * Files named by pending mutations up to `upToMutationId` that the server has not confirmed
   * receiving, oldest mutation first; one entry per task and file.
   */
  pendingUploads(scope: ReplicaScope, upToMutationId: number): PendingUpload[] {
    const rows = this.#db
      .prepare(
        `SELECT min(mutation_id) AS mutation_id, task_id, sha256 FROM task_outbox_attachments
         WHERE scope = ? AND mutation_id <= ? AND uploaded_at IS NULL
         GROUP BY task_id, sha256 ORDER BY 1, sha256`,
      )
      .all(scopeKey(scope), upToMutationId) as {
      mutation_id: number;
      task_id: string;
      sha256: string;
    }[];
    return rows.map((r) => ({ mutationId: r.mutation_id, taskId: r.task_id, sha256: r.sha256 }));
  }

  /** The server answered the upload of `sha256` for `taskId`: it is not sent again. */
  markUploaded(scope: ReplicaScope, taskId: string, sha256: string, now: Date): void {
    this.#db
      .prepare(
        `UPDATE task_outbox_attachments SET uploaded_at = ?
         WHERE scope = ? AND task_id = ? AND sha256 = ? AND uploaded_at IS NULL`,
      )
      .run(now.toISOString(), scopeKey(scope), taskId, sha256);
  }

  pendingCount(scope: ReplicaScope): number {
    return this.#outbox.count(scopeKey(scope));
  }

  /**
   * The server has processed mutations up to `lastMutationId`: they leave the outbox. Views are
   * not rebuilt here but by the pull that follows, which brings the server's state of the same
   * tasks (a rebuild now would show them without the just-applied changes for a moment).
   */
  acknowledge(scope: ReplicaScope, response: PushResponse, now: Date): void {
    const key = scopeKey(scope);
    this.#db.transaction(() => {
      this.#dropAcknowledged(key, response.lastMutationId);
      for (const result of response.results) {
        if (result.status !== 'rejected') continue;
        this.#storeRejection(key, result.id, result.rejection, now);
      }
    })();
  }

  /**
   * Applies a pull in one transaction: the server's tasks replace the confirmed copies, the
   * acknowledged mutations leave the outbox, and the view of every task touched is rebuilt as the
   * server's state with the still-pending mutations re-applied on top.
   */
  applyPull(scope: ReplicaScope, response: PullResponse, now: Date): { changedTaskIds: string[] } {
    const key = scopeKey(scope);
    return this.#db.transaction(() => {
      const touched = new Set<string>();
      if (response.reset) {
        for (const row of this.#db.prepare('SELECT id FROM tasks WHERE scope = ?').all(key) as {
          id: string;
        }[])
          touched.add(row.id);
        this.#db.prepare('DELETE FROM server_tasks WHERE scope = ?').run(key);
      }
      const upsert = this.#db.prepare(
        `INSERT INTO server_tasks (scope, id, json) VALUES (?, ?, ?)
         ON CONFLICT(scope, id) DO UPDATE SET json = excluded.json`,
      );
      for (const task of response.tasks) {
        upsert.run(key, task.id, JSON.stringify(task));
        touched.add(task.id);
      }
      const remove = this.#db.prepare('DELETE FROM server_tasks WHERE scope = ? AND id = ?');
      for (const id of response.removedTaskIds) {
        remove.run(key, id);
        touched.add(id);
      }
      for (const r of response.rejections) {
        this.#storeRejection(key, r.mutationId, r.rejection, now, r.name, r.taskId);
        touched.add(r.taskId);
      }
      for (const id of this.#dropAcknowledged(key, response.lastMutationId)) touched.add(id);
      this.#outbox.setPulledClock(key, response.clock);
      for (const id of touched) this.#rebuildView(key, id);
      return { changedTaskIds: [...touched] };
    })();
  }

  listTasks(scope: ReplicaScope): Task[] {
    const rows = this.#db
      .prepare('SELECT json FROM tasks WHERE scope = ? ORDER BY meeting_id, id')
      .all(scopeKey(scope)) as { json: string }[];
    return rows.map((r) => taskSchema.parse(JSON.parse(r.json)));
  }

  getTask(scope: ReplicaScope, id: string): Task | undefined {
    return this.#viewTask(scopeKey(scope), id);
  }

  /** Ids of tasks with changes not yet acknowledged by the server. */
  pendingTaskIds(scope: ReplicaScope): Set<string> {
    return this.#outbox.subjects(scopeKey(scope));
  }

  rejections(scope: ReplicaScope, limit = 50): StoredRejection[] {
    const rows = this.#db
      .prepare(
        `SELECT mutation_id, name, task_id, code, message, at FROM task_rejections
         WHERE scope = ? ORDER BY mutation_id DESC LIMIT ?`,
      )
      .all(scopeKey(scope), limit) as {
      mutation_id: number;
      name: string;
      task_id: string;
      code: Rejection['code'];
      message: string;
      at: string;
    }[];
    return rows.map((r) => ({
      mutationId: r.mutation_id,
      name: r.name,
      taskId: r.task_id,
      rejection: { code: r.code, message: r.message },
      at: r.at,
    }));
  }

  #dropAcknowledged(key: string, lastMutationId: number): string[] {
    this.#db
      .prepare('DELETE FROM task_outbox_attachments WHERE scope = ? AND mutation_id <= ?')
      .run(key, lastMutationId);
    return this.#outbox.dropAcknowledged(key, lastMutationId);
  }

  #storeRejection(
    key: string,
    mutationId: number,
    rejection: Rejection,
    now: Date,
    name?: string,
    taskId?: string,
  ): void {
    const pending = this.#outbox.entry(key, mutationId);
    const mutationName = name ?? (pending ? (JSON.parse(pending.json) as TaskMutation).name : '');
    this.#db
      .prepare(
        `INSERT INTO task_rejections (scope, mutation_id, name, task_id, code, message, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(scope, mutation_id) DO NOTHING`,
      )
      .run(
        key,
        mutationId,
        mutationName,
        taskId ?? pending?.subjectId ?? '',
        rejection.code,
        rejection.message,
        now.toISOString(),
      );
  }

  /** View = the server's confirmed task with this replica's pending mutations applied in order. */
  #rebuildView(key: string, taskId: string): void {
    const confirmed = this.#db
      .prepare('SELECT json FROM server_tasks WHERE scope = ? AND id = ?')
      .get(key, taskId) as { json: string } | undefined;
    let task: Task | undefined = confirmed
      ? taskSchema.parse(JSON.parse(confirmed.json))
      : undefined;
    for (const entry of this.#outbox.pendingFor(key, taskId)) {
      const mutation = taskMutationSchema.parse(JSON.parse(entry.json));
      const actor = storedActor(entry.actorJson);
      // A pending change the server will refuse (the lead agency moved first) is not shown as made.
      if (checkTaskMutation(actor, task, mutation)) continue;
      task = applyTaskMutation(task, mutation, { actor, now: entry.createdAt });
    }
    if (task) this.#writeView(key, task);
    else this.#db.prepare('DELETE FROM tasks WHERE scope = ? AND id = ?').run(key, taskId);
  }

  #viewTask(key: string, id: string): Task | undefined {
    const row = this.#db
      .prepare('SELECT json FROM tasks WHERE scope = ? AND id = ?')
      .get(key, id) as { json: string } | undefined;
    return row ? taskSchema.parse(JSON.parse(row.json)) : undefined;
  }

  #writeView(key: string, task: Task): void {
    this.#db
      .prepare(
        `INSERT INTO tasks (scope, id, meeting_id, lead_unit_id, status, due_date, json)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(scope, id) DO UPDATE SET meeting_id = excluded.meeting_id,
           lead_unit_id = excluded.lead_unit_id, status = excluded.status,
           due_date = excluded.due_date, json = excluded.json`,
      )
      .run(
        key,
        task.id,
        task.meetingId,
        task.lead.id,
        task.status,
        task.dueDate,
        JSON.stringify(task),
      );
  }
}

/** The actor kept with a pending change; changes recorded before meeting roles existed have none. */
function storedActor(json: string): TaskActor {
  const actor = JSON.parse(json) as Omit<TaskActor, 'meetingRoles'> & Partial<TaskActor>;
  return { ...actor, meetingRoles: actor.meetingRoles ?? {} };
}

/** The error a refused change throws; `details.rejection` lets the UI word it. */
function rejectionError(rejection: Rejection): AppError {
  const details = { rejection: rejection.code };
  switch (rejection.code) {
    case 'task_not_found':
      return new AppError('not_found', rejection.message, details);
    case 'task_exists':
    case 'status_changed_by_lead':
      return new AppError('invalid_state', rejection.message, details);
    case 'invalid':
    case 'attachment_missing':
      return new AppError('invalid', rejection.message, details);
    case 'not_staff':
    case 'not_lead_agency':
      return new AppError('forbidden', rejection.message, details);
  }
}
