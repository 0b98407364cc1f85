/**
 * Follow-up tasks assigned in a meeting's conclusions (DOMAIN.md: "nhiệm vụ"), as both the server
 * and the client's local store hold them. A task is one document: its progress reports and
 * extensions travel with it, so a replica is one row per task.
 */
import { z } from 'zod';
import { sha256HexSchema } from './document';

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

/**
 * Files attached to a progress report (issue #6: "text, percent, attachments"): the signed
 * report, a spreadsheet of figures, a photo of the site. Only these types, so an office PC never
 * opens an executable someone attached.
 */
export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  png: { mime: 'image/png', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** At most this many files on one report. */
export const MAX_ATTACHMENTS_PER_REPORT = 10;
/** At most this many bytes per file (20 MB): a scanned signed report fits, a video does not. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const attachmentMimeSchema = z.enum([
  ATTACHMENT_TYPES.pdf.mime,
  ATTACHMENT_TYPES.docx.mime,
  ATTACHMENT_TYPES.xlsx.mime,
  ATTACHMENT_TYPES.png.mime,
  ATTACHMENT_TYPES.jpg.mime,
]);
export type AttachmentMime = z.infer<typeof attachmentMimeSchema>;

/** The type a file name's extension says (case ignored), or null for a type not allowed. */
export function attachmentTypeOf(fileName: string): AttachmentType | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!extension) return null;
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES) as [
    AttachmentType,
    (typeof ATTACHMENT_TYPES)[AttachmentType],
  ][]) {
    if ((spec.extensions as readonly string[]).includes(extension)) return type;
  }
  return null;
}

const hasControlCharacters = (s: string) =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * Why a file cannot be attached, or null when it can: each reason has its own wording in the UI
 * (`tasks.attachments.problem.<reason>`), so the user reads which file and which limit.
 */
export type AttachmentProblem =
  | { reason: 'attachment_type'; fileName: string }
  | { reason: 'attachment_too_large'; fileName: string; size: number; maxBytes: number }
  | { reason: 'attachment_empty'; fileName: string }
  | { reason: 'attachment_name'; fileName: string }
  | { reason: 'too_many_attachments'; max: number };

/** Checks one file's name and size against the rules (the type is judged by the extension). */
export function attachmentProblem(file: { name: string; size: number }): AttachmentProblem | null {
  const fileName = file.name;
  if (
    fileName.trim() === '' ||
    fileName.length > 255 ||
    /[/\\]/.test(fileName) ||
    hasControlCharacters(fileName)
  )
    return { reason: 'attachment_name', fileName };
  if (!attachmentTypeOf(fileName)) return { reason: 'attachment_type', fileName };
  if (file.size === 0) return { reason: 'attachment_empty', fileName };
  if (file.size > MAX_ATTACHMENT_BYTES)
    return {
      reason: 'attachment_too_large',
      fileName,
      size: file.size,
      maxBytes: MAX_ATTACHMENT_BYTES,
    };
  return null;
}

export const attachmentSchema = z
  .object({
    /** Chosen by the client, unique within its report. */
    id: z.string().min(8).max(64),
    /** The file's own name, shown and used when it is saved (Vietnamese, with diacritics). */
    name: z
      .string()
      .min(1)
      .max(255)
      .refine((n) => !/[/\\]/.test(n) && !hasControlCharacters(n), 'A file name without a path'),
    mime: attachmentMimeSchema,
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
    /** Content address: the server stores and serves the file by it, and both sides verify it. */
    sha256: sha256HexSchema,
  })
  .refine((a) => {
    const type = attachmentTypeOf(a.name);
    return type !== null && ATTACHMENT_TYPES[type].mime === a.mime;
  }, 'The file name’s extension must match its type (pdf, docx, xlsx, png, jpg)');
export type Attachment = z.infer<typeof attachmentSchema>;

export const progressReportSchema = z.object({
  /** Chosen by the client that wrote it, so a replayed mutation cannot add it twice. */
  id: z.string().min(1).max(64),
  text: z.string().min(1).max(10_000),
  /** Percent complete as the agency judges it. */
  percent: z.number().int().min(0).max(100),
  reportedAt: z.string(),
  reportedBy: z.object({ id: z.string(), name: z.string() }),
  /** Files attached to the report; reports written before attachments existed have none. */
  attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS_PER_REPORT).default([]),
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
