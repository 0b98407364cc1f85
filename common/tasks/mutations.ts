/**
 * The named mutations of follow-up tasks and their rules, shared by the client (optimistic apply
 * on the local replica) and the server (authoritative apply). Both run the same code, so a
 * mutation the server accepts leaves the same task on every replica.
 *
 * Conflict rules (docs/sync.md):
 * - Field level, last writer wins in server order: `task.update` sets only the fields it names.
 * - Reports and extensions carry ids chosen by the client; applying one twice adds it once.
 * - A status change based on an older view than a status the lead agency set later is rejected
 *   (never silently applied): the lead agency's word on its own task stands until someone who
 *   has seen it changes it.
 */
import { z } from 'zod';
import {
  agencyRefSchema,
  attachmentSchema,
  isoDateSchema,
  MAX_ATTACHMENTS_PER_REPORT,
  recurrenceSchema,
  taskStatusSchema,
  type Attachment,
  type Task,
} from '../domain/task';
import { can, type MeetingRole } from '../domain/policy';
import type { Role, User } from '../domain/user';

const taskId = z.string().min(1).max(64);
const clientChosenId = z.string().min(8).max(64);

export const newTaskSchema = z.strictObject({
  id: clientChosenId,
  meetingId: z.string().min(1).max(64),
  conclusionRef: z.string().max(50).nullable(),
  lead: agencyRefSchema,
  cooperating: z.array(agencyRefSchema).max(50),
  content: z.string().trim().min(1).max(10_000),
  dueDate: isoDateSchema.nullable(),
  dueEvent: z.string().max(500).nullable(),
  reportTo: z.string().max(300).nullable(),
  recurrence: recurrenceSchema.nullable(),
});
export type NewTask = z.infer<typeof newTaskSchema>;

/** The fields `task.update` may set; each one named is overwritten, the others kept. */
export const taskFieldsSchema = newTaskSchema
  .omit({ id: true, meetingId: true })
  .partial()
  .refine((f) => Object.keys(f).length > 0, 'Name at least one field');
export type TaskFields = z.infer<typeof taskFieldsSchema>;

export const taskMutationSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('task.create'), args: z.strictObject({ task: newTaskSchema }) }),
  z.strictObject({
    name: z.literal('task.update'),
    args: z.strictObject({ taskId, fields: taskFieldsSchema }),
  }),
  z.strictObject({
    name: z.literal('task.setStatus'),
    args: z.strictObject({
      taskId,
      status: taskStatusSchema,
      /** The task's `statusClock` the user saw when changing it. */
      seenStatusClock: z.number().int().min(0),
    }),
  }),
  z.strictObject({
    name: z.literal('task.report'),
    args: z.strictObject({
      taskId,
      reportId: clientChosenId,
      text: z.string().trim().min(1).max(10_000),
      percent: z.number().int().min(0).max(100),
      /**
       * Files attached to the report, named by content (SHA-256). The client uploads each one
       * before it pushes the report; the server refuses a report whose files it does not have
       * (`attachment_missing`). Absent in reports without files (and from older clients).
       */
      attachments: z
        .array(attachmentSchema)
        .max(MAX_ATTACHMENTS_PER_REPORT)
        .refine(
          (list) => new Set(list.map((a) => a.id)).size === list.length,
          'Attachment ids must differ within a report',
        )
        .optional(),
    }),
  }),
  z.strictObject({
    name: z.literal('task.extend'),
    args: z.strictObject({
      taskId,
      extensionId: clientChosenId,
      newDue: isoDateSchema,
      reason: z.string().trim().min(1).max(2000),
    }),
  }),
  z.strictObject({
    name: z.literal('task.setDifficulties'),
    args: z.strictObject({
      taskId,
      difficulties: z.string().max(10_000).nullable(),
      proposals: z.string().max(10_000).nullable(),
    }),
  }),
]);
export type TaskMutation = z.infer<typeof taskMutationSchema>;
export type TaskMutationName = TaskMutation['name'];

/** A person's role in each meeting they take part in, by meeting id (absent: not invited). */
export type MeetingRoles = Readonly<Record<string, MeetingRole>>;

/** Who performs a mutation. */
export interface TaskActor {
  id: string;
  name: string;
  /** The user's agency (unit id). */
  unitId: string;
  /**
   * Every unit the user acts for: their agency and the units merged into it (a task of Sở Kế
   * hoạch và Đầu tư is Sở Tài chính's after the 2025 merger). The server fills it from the
   * successor chains (sfu-server/src/directory/unitLineage.ts); absent: `unitId` alone.
   */
  unitIds?: readonly string[];
  /** System roles (common/domain/user.ts): the Office's staff manage every meeting's tasks. */
  roles: readonly Role[];
  /**
   * The user's role in the meetings they take part in: who manages a task is decided by the
   * role in *its* meeting (policy.ts `tasks.manage`), never by a global role. The server fills it
   * from the meeting's participants; the app from the meeting list (`myRole`), offline too.
   */
  meetingRoles: MeetingRoles;
}

export function taskActorOf(user: User, meetingRoles: MeetingRoles): TaskActor {
  return {
    id: user.id,
    name: user.fullName,
    unitId: user.agency.id,
    roles: user.roles,
    meetingRoles,
  };
}

/** The user's meeting roles as a meeting list tells them (`myRole` of each meeting). */
export function meetingRolesOf(
  meetings: readonly { id: string; myRole?: MeetingRole | null }[],
): MeetingRoles {
  const roles: Record<string, MeetingRole> = {};
  for (const meeting of meetings) if (meeting.myRole) roles[meeting.id] = meeting.myRole;
  return roles;
}

/** The actor's role in one meeting; null when not invited. */
export function meetingRoleOf(actor: TaskActor, meetingId: string): MeetingRole | null {
  // NOTE: an own-property read: a meeting id such as "constructor" is not a role.
  return Object.hasOwn(actor.meetingRoles, meetingId) ? actor.meetingRoles[meetingId]! : null;
}

/**
 * The actor as far as one meeting's tasks are concerned: what a local replica keeps with each
 * pending change (to re-check it when rebasing), without the roles of every other meeting.
 */
export function actorInMeeting(actor: TaskActor, meetingId: string): TaskActor {
  const role = meetingRoleOf(actor, meetingId);
  return { ...actor, meetingRoles: role ? { [meetingId]: role } : {} };
}

export const rejectionCodeSchema = z.enum([
  'task_not_found',
  'task_exists',
  'not_staff',
  'not_lead_agency',
  'status_changed_by_lead',
  /** A report names a file the server was not sent for this task (or of another size or type). */
  'attachment_missing',
  'invalid',
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const rejectionSchema = z.object({
  code: rejectionCodeSchema,
  /** English, for logs; the UI words it from `code`. */
  message: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

/**
 * Staff prepare and follow a meeting's conclusions: they create, edit and extend its tasks. They
 * are that meeting's chair and secretary, and the Office's staff, who follow every meeting's tasks
 * (policy.ts `tasks.manage`). An administrator without a role in the meeting is not staff.
 */
export function isTaskStaff(actor: TaskActor, meetingId: string): boolean {
  return can(meetingRoleOf(actor, meetingId), 'tasks.manage', actor.roles);
}

/**
 * Whether the actor manages the tasks of at least one meeting (the tasks screen then opens on
 * every task rather than on the agency's own).
 */
export function managesSomeTasks(actor: TaskActor): boolean {
  return (
    can(null, 'tasks.manage', actor.roles) ||
    Object.keys(actor.meetingRoles).some((meetingId) => isTaskStaff(actor, meetingId))
  );
}

/** Members of the lead agency report on, and set the status of, their agency's tasks. */
export function isLeadAgencyMember(actor: TaskActor, task: Task): boolean {
  if (task.lead.id === null) return false;
  return actor.unitIds ? actor.unitIds.includes(task.lead.id) : task.lead.id === actor.unitId;
}

/**
 * Who may report on a task (and so upload the files of a report): the lead agency's members, and
 * the staff of its meeting, who follow tasks without a single lead unit.
 */
export function mayReport(actor: TaskActor, task: Task): boolean {
  return isTaskStaff(actor, task.meetingId) || isLeadAgencyMember(actor, task);
}

/** The files a mutation references (only reports carry any). */
export function mutationAttachments(mutation: TaskMutation): Attachment[] {
  return mutation.name === 'task.report' ? (mutation.args.attachments ?? []) : [];
}

export function mutationTaskId(mutation: TaskMutation): string {
  return mutation.name === 'task.create' ? mutation.args.task.id : mutation.args.taskId;
}

/** Why `actor` may not apply `mutation` to `task` (undefined when absent), or null when allowed. */
export function checkTaskMutation(
  actor: TaskActor,
  task: Task | undefined,
  mutation: TaskMutation,
): Rejection | null {
  if (mutation.name === 'task.create') {
    if (task) return { code: 'task_exists', message: 'A task with this id exists' };
    return isTaskStaff(actor, mutation.args.task.meetingId)
      ? null
      : { code: 'not_staff', message: 'Only the meeting secretary or chair creates its tasks' };
  }
  if (!task) return { code: 'task_not_found', message: 'No such task' };
  switch (mutation.name) {
    case 'task.update':
    case 'task.extend':
      return isTaskStaff(actor, task.meetingId)
        ? null
        : { code: 'not_staff', message: 'Only the meeting secretary or chair edits this task' };
    case 'task.setStatus':
      if (!isTaskStaff(actor, task.meetingId) && !isLeadAgencyMember(actor, task))
        return { code: 'not_lead_agency', message: 'Only the lead agency sets this status' };
      if (task.statusSetBy === 'lead' && task.statusClock > mutation.args.seenStatusClock)
        return {
          code: 'status_changed_by_lead',
          message: 'The lead agency changed the status after the version this change was based on',
        };
      return null;
    case 'task.report':
    case 'task.setDifficulties':
      return mayReport(actor, task)
        ? null
        : { code: 'not_lead_agency', message: 'Only the lead agency reports on this task' };
  }
}

export interface ApplyContext {
  actor: TaskActor;
  /** ISO timestamp of the change. */
  now: string;
  /** Server clock stamped on the task; a client applying optimistically keeps the task's own. */
  clock?: number;
}

/**
 * Applies an allowed mutation (see `checkTaskMutation`) and returns the new task; the input is
 * not modified. Applying the same mutation twice gives the same task as applying it once.
 */
export function applyTaskMutation(
  task: Task | undefined,
  mutation: TaskMutation,
  ctx: ApplyContext,
): Task {
  if (mutation.name === 'task.create') {
    return {
      ...mutation.args.task,
      status: 'not_started',
      statusSetBy: null,
      statusClock: 0,
      completedAt: null,
      difficulties: null,
      proposals: null,
      reports: [],
      extensions: [],
      createdAt: ctx.now,
      clock: ctx.clock ?? 0,
    };
  }
  if (!task) throw new Error(`applyTaskMutation: no task ${mutation.args.taskId}`);
  const clock = ctx.clock ?? task.clock;
  const by = { id: ctx.actor.id, name: ctx.actor.name };
  const setStatusBy = isLeadAgencyMember(ctx.actor, task) ? ('lead' as const) : ('staff' as const);
  switch (mutation.name) {
    case 'task.update':
      return { ...task, ...definedFields(mutation.args.fields), clock };
    case 'task.setStatus': {
      const { status } = mutation.args;
      if (status === task.status) return { ...task, clock };
      return {
        ...task,
        status,
        statusSetBy: setStatusBy,
        statusClock: ctx.clock ?? task.statusClock,
        completedAt: status === 'done' ? ctx.now : null,
        clock,
      };
    }
    case 'task.report': {
      const { reportId, text, percent } = mutation.args;
      if (task.reports.some((r) => r.id === reportId)) return task;
      const report = {
        id: reportId,
        text,
        percent,
        reportedAt: ctx.now,
        reportedBy: by,
        attachments: mutation.args.attachments ?? [],
      };
      // A first report on a task nobody started means the agency has started it.
      const starts = task.status === 'not_started';
      return {
        ...task,
        reports: [...task.reports, report],
        ...(starts
          ? {
              status: 'in_progress' as const,
              statusSetBy: setStatusBy,
              statusClock: ctx.clock ?? task.statusClock,
            }
          : {}),
        clock,
      };
    }
    case 'task.extend': {
      const { extensionId, newDue, reason } = mutation.args;
      if (task.extensions.some((e) => e.id === extensionId)) return task;
      const extension = {
        id: extensionId,
        previousDue: task.dueDate,
        newDue,
        reason,
        grantedAt: ctx.now,
        grantedBy: by,
      };
      return { ...task, dueDate: newDue, extensions: [...task.extensions, extension], clock };
    }
    case 'task.setDifficulties':
      return {
        ...task,
        difficulties: mutation.args.difficulties,
        proposals: mutation.args.proposals,
        clock,
      };
  }
}

function definedFields(fields: TaskFields): Partial<Task> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<Task>;
}
