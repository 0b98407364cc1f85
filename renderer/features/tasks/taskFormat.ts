/**
 * How the tasks feature words and colours things, shared by its components. Pure: unit-tested
 * in tests/unit/renderer/taskFormat.test.ts.
 */
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { AppError, assertUnreachable } from '../../../common/errors';
import type { AttachmentProblem, Task, TaskProgress } from '../../../common/domain/task';
import { formatBytes } from '../documents/agendaState';
import { daysUntilDue } from '../../../common/domain/task';
import { rejectionCodeSchema, type TaskMutationName } from '../../../common/tasks/mutations';
import { errorMessage } from '../../i18n/errorMessage';

/** "2022-10-05" → "05/10/2022", as Vietnamese documents write dates; other input unchanged. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

/** "05/10/2022" or "5/10/2022" → "2022-10-05"; null when it is not a real date. */
export function parseDay(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Mantine colour of each progress state: red overdue, orange late, green on time. */
export const PROGRESS_COLORS: Record<TaskProgress, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  done_on_time: 'green',
  done_late: 'orange',
  overdue: 'red',
};

/** The due column's words: the date and how far it is, or the event, or "no due date". */
export function dueText(
  t: TFunction,
  task: Task,
  today: string,
): { date: string | null; hint: string | null } {
  if (!task.dueDate) return { date: null, hint: task.dueEvent ?? t('tasks.table.noDue') };
  const days = daysUntilDue(task, today) ?? 0;
  const date = formatDay(task.dueDate);
  if (task.status === 'done') return { date, hint: null };
  if (days === 0) return { date, hint: t('tasks.table.dueToday') };
  if (days < 0) return { date, hint: t('tasks.table.overdueBy', { count: -days }) };
  return { date, hint: t('tasks.table.dueIn', { count: days }) };
}

/** i18n key suffix of a mutation name: 'task.setStatus' → 'setStatus'. */
export function mutationKey(name: TaskMutationName | string): string {
  return name.replace(/^task\./, '');
}

/**
 * The sentence for a failed task change: the rule that refused it (main puts the rejection code
 * in the error's details) or the general wording of the error code.
 */
export function taskErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof AppError) {
    const details = error.details as { rejection?: unknown; reason?: unknown } | undefined;
    const code = rejectionCodeSchema.safeParse(details?.rejection);
    if (code.success) return t(`tasks.rejection.${code.data}`);
    const problem = attachmentProblemOf(details);
    if (problem) return attachmentProblemMessage(t, problem);
  }
  return errorMessage(t, error);
}

/** Why a file could not be attached, beyond the rules of `AttachmentProblem`. */
export type AttachmentFailure = AttachmentProblem | { reason: 'attachment_not_stored' };

const ATTACHMENT_REASONS = new Set<string>([
  'attachment_type',
  'attachment_too_large',
  'attachment_empty',
  'attachment_name',
  'too_many_attachments',
  'attachment_not_stored',
]);

function attachmentProblemOf(details: { reason?: unknown } | undefined): AttachmentFailure | null {
  return typeof details?.reason === 'string' && ATTACHMENT_REASONS.has(details.reason)
    ? (details as AttachmentFailure)
    : null;
}

/** The sentence for a file that cannot be attached, naming the file and the limit. */
export function attachmentProblemMessage(
  t: TFunction,
  problem: AttachmentFailure,
  language: string = i18next.language || 'vi',
): string {
  switch (problem.reason) {
    case 'attachment_too_large':
      return t('tasks.attachments.problem.attachment_too_large', {
        fileName: problem.fileName,
        size: formatBytes(problem.size, language),
        max: formatBytes(problem.maxBytes, language),
      });
    case 'too_many_attachments':
      return t('tasks.attachments.problem.too_many_attachments', { max: problem.max });
    case 'attachment_not_stored':
      return t('tasks.attachments.problem.attachment_not_stored');
    case 'attachment_type':
    case 'attachment_empty':
    case 'attachment_name':
      return t(`tasks.attachments.problem.${problem.reason}`, { fileName: problem.fileName });
    default:
      return assertUnreachable(problem);
  }
}

/** Ids for client-chosen report and extension ids (8–64 characters, unique enough). */
export function newClientId(prefix: string): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
          b.toString(16).padStart(2, '0'),
        ).join('');
  return `${prefix}-${random}`;
}
