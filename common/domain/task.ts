/**
 * Follow-up tasks assigned in a meeting's conclusions (DOMAIN.md: "nhiệm vụ"), as both the server
 * and the client's local store hold them. A task is one document: its progress reports and
 * extensions travel with it, so a replica is one row per task.
 */
import { z } from 'zod';

/** Dates are calendar days in Vietnam time (UTC+7), written YYYY-MM-DD. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD');

/**
 * The status an agency sets. "quá hạn" (overdue) is not stored: it is derived from the due date
 * (see `taskProgress`).
 */
export const taskStatusSchema = z.enum(['not_started', 'in_progress', 'done']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const recurrenceSchema = z.enum(['weekly', 'monthly']);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const agencyRefSchema = z.object({
  /** Unit id when the agency is one unit of the organisation; null for "các sở, ngành" and the like. */
  id: z.string().nullable(),
  /** Full name, as the notice writes it after abbreviations are expanded. */
  name: z.string().min(1).max(300),
});
export type AgencyRef = z.infer<typeof agencyRefSchema>;

export const progressReportSchema = z.object({
  /** Chosen by the client that wrote it, so a replayed mutation cannot add it twice. */
  id: z.string().min(1).max(64),
  text: z.string().min(1).max(10_000),
  /** Percent complete as the agency judges it. */
  percent: z.number().int().min(0).max(100),
  reportedAt: z.string(),
  reportedBy: z.object({ id: z.string(), name: z.string() }),
});
export type ProgressReport = z.infer<typeof progressReportSchema>;

export const extensionSchema = z.object({
  id: z.string().min(1).max(64),
  /** The due date before this extension. */
  previousDue: isoDateSchema.nullable(),
  newDue: isoDateSchema,
  reason: z.string().min(1).max(2000),
  grantedAt: z.string(),
  grantedBy: z.object({ id: z.string(), name: z.string() }),
});
export type Extension = z.infer<typeof extensionSchema>;

export const taskSchema = z.object({
  id: z.string().min(1).max(64),
  meetingId: z.string(),
  /** Where in the conclusion the task was assigned, e.g. "2.1". */
  conclusionRef: z.string().nullable(),
  lead: agencyRefSchema,
  cooperating: z.array(agencyRefSchema),
  content: z.string().min(1).max(10_000),
  dueDate: isoDateSchema.nullable(),
  /** When the task waits for an event instead of a date ("sau khi có ý kiến của Bộ …"). */
  dueEvent: z.string().max(500).nullable(),
  reportTo: z.string().nullable(),
  recurrence: recurrenceSchema.nullable(),
  status: taskStatusSchema,
  /** Who last set the status: the lead agency's own word outranks an older edit by others. */
  statusSetBy: z.enum(['lead', 'staff']).nullable(),
  /** Server clock of the last status change; a client sends the one it saw with its change. */
  statusClock: z.number().int(),
  completedAt: z.string().nullable(),
  difficulties: z.string().max(10_000).nullable(),
  proposals: z.string().max(10_000).nullable(),
  reports: z.array(progressReportSchema),
  extensions: z.array(extensionSchema),
  createdAt: z.string(),
  /** Server clock of the last change; 0 on a client for a task the server has not seen yet. */
  clock: z.number().int(),
});
export type Task = z.infer<typeof taskSchema>;

/** The task's state for tracking views: the stored status with "overdue" derived. */
export type TaskProgress = 'not_started' | 'in_progress' | 'done_on_time' | 'done_late' | 'overdue';

/** Today in Vietnam time as YYYY-MM-DD. */
export function vietnamDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Derives where a task stands on `today` (YYYY-MM-DD, Vietnam time): a task not done after its
 * due date is overdue; a done task is on time when it was completed on or before the due date.
 */
export function taskProgress(task: Task, today: string): TaskProgress {
  if (task.status === 'done') {
    if (!task.dueDate || !task.completedAt) return 'done_on_time';
    return vietnamDate(new Date(task.completedAt)) <= task.dueDate ? 'done_on_time' : 'done_late';
  }
  if (task.dueDate && task.dueDate < today) return 'overdue';
  return task.status;
}

/** Whole days from `today` to the due date (negative when past); null without a due date. */
export function daysUntilDue(task: Task, today: string): number | null {
  if (!task.dueDate) return null;
  return Math.round((Date.parse(task.dueDate) - Date.parse(today)) / 86_400_000);
}
