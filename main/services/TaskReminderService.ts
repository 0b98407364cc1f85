/**
 * Desktop reminders of the signed-in user's agency's tasks (issue #6: "weekly reminders where a
 * task asks for weekly reports; desktop notifications before a due date"). It reads the local
 * replica, so it works offline; it checks when started, every `intervalMs` (the day changes at
 * midnight), and after tasks change (a sync brought news, the user reported). Which reminders are
 * due is `taskReminders` (common/tasks/tracking.ts), the rule the tasks screen shows too.
 *
 * Each reminder is shown once per user, task, kind and day: the log in the local store survives a
 * restart, so opening the app again the same day repeats nothing, while a task still due soon
 * (or a weekly report still missing) is reminded of again the next day. A reminder the port could
 * not deliver (no window listening yet) is not logged, and the next check tries again.
 *
 * Plain Node: how a notice reaches the user is the injected `notify` port (Electron's
 * `Notification` in the desktop app, an event for the renderer in the browser host).
 */
import type { Logger } from 'pino';
import { vietnamDate } from '../../common/domain/task';
import type { ReminderNotice } from '../../common/ipc/contract';
import { addDays, taskReminders, type TaskReminder } from '../../common/tasks/tracking';
import type { ReminderLogRepository } from '../store/repos/ReminderLogRepository';
import type { SessionService } from './SessionService';
import type { TasksService } from './TasksService';

export interface TaskReminderServiceOptions {
  session: Pick<SessionService, 'state' | 'on' | 'off'>;
  tasks: Pick<TasksService, 'list' | 'on' | 'off'>;
  log: ReminderLogRepository;
  /** Shows a notice; false when it could not (nobody to show it to): it is then tried again later. */
  notify: (notice: ReminderNotice) => boolean;
  now?: () => Date;
  /** Between checks when nothing happens. @default 15 minutes */
  intervalMs?: number;
  /** Remind of open tasks due within this many days. @default 3 */
  withinDays?: number;
  /** Notices shown one by one; the rest are summed up in one. @default 3 */
  shownAtOnce?: number;
  logger?: Logger;
}

/** A check after tasks change waits this long, so a pull of many tasks causes one check. */
const SETTLE_MS = 1_000;
/** The log keeps this many days: older entries can no longer match a check. */
const LOG_DAYS = 60;

export class TaskReminderService {
  readonly #o: Required<Omit<TaskReminderServiceOptions, 'logger'>> &
    Pick<TaskReminderServiceOptions, 'logger'>;
  #interval: NodeJS.Timeout | undefined;
  #settle: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #onChange = () => this.#checkSoon();

  constructor(options: TaskReminderServiceOptions) {
    this.#o = {
      ...options,
      now: options.now ?? (() => new Date()),
      intervalMs: options.intervalMs ?? 15 * 60_000,
      withinDays: options.withinDays ?? 3,
      shownAtOnce: options.shownAtOnce ?? 3,
    };
  }

  /** Checks soon, then on the interval and after every change of tasks or session. */
  start(): void {
    if (this.#closed || this.#interval) return;
    this.#o.session.on('changed', this.#onChange);
    this.#o.tasks.on('tasksChanged', this.#onChange);
    this.#interval = setInterval(() => this.check(), this.#o.intervalMs);
    this.#interval.unref?.();
    // NOTE: not at once: whoever composes the services attaches the notify port's listeners
    // right after creating them (the browser host's bridge), and a first notice must find them.
    this.#checkSoon(0);
  }

  /** Idempotent: stops the timers and listeners; later checks do nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#interval);
    clearTimeout(this.#settle);
    this.#o.session.off('changed', this.#onChange);
    this.#o.tasks.off('tasksChanged', this.#onChange);
  }

  /** Shows the reminders due now and not shown yet today; returns how many it showed. */
  check(): number {
    if (this.#closed) return 0;
    const state = this.#o.session.state();
    if (state.status !== 'signed_in') return 0;
    const scope = { serverUrl: state.serverUrl, userId: state.user.id };
    let tasks;
    try {
      ({ tasks } = this.#o.tasks.list());
    } catch (error) {
      // Signed out meanwhile, or the store closed under us: the next check will see.
      this.#o.logger?.debug({ err: error }, 'reminder check skipped');
      return 0;
    }
    const now = this.#o.now();
    const today = vietnamDate(now);
    const agency = state.user.agency.id;
    // The lead agency is the one accountable: reminders are for its members, of its own tasks.
    const own = tasks.filter((task) => task.lead.id !== null && task.lead.id === agency);
    const due = taskReminders(own, today, this.#o.withinDays).filter(
      (r) => !this.#o.log.wasShown(scope, r.task.id, r.kind, today),
    );
    const record = (r: TaskReminder) => this.#o.log.record(scope, r.task.id, r.kind, today, now);
    let shown = 0;
    for (const reminder of due.slice(0, this.#o.shownAtOnce)) {
      if (!this.#o.notify(noticeOf(reminder, today))) return shown;
      record(reminder);
      shown += 1;
    }
    const rest = due.slice(this.#o.shownAtOnce);
    if (rest.length > 0 && this.#o.notify(moreNotice(rest.length))) {
      rest.forEach(record);
      shown += rest.length;
    }
    this.#o.log.pruneBefore(addDays(today, -LOG_DAYS));
    return shown;
  }

  #checkSoon(ms = SETTLE_MS): void {
    if (this.#closed) return;
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.check(), ms);
    this.#settle.unref?.();
  }
}

/** "05/10/2022", as Vietnamese documents write dates. */
function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** A notification shows two or three lines: a long task is cut at a word. */
function shorten(text: string, max = 140): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/** The notice of one reminder, worded in Vietnamese as the tasks screen words it. */
export function noticeOf(reminder: TaskReminder, today: string): ReminderNotice {
  const { task } = reminder;
  const content = shorten(task.content);
  if (reminder.kind === 'due_soon') {
    const dueDate = task.dueDate ?? today;
    return {
      kind: 'due_soon',
      taskId: task.id,
      title: 'Nhiệm vụ sắp đến hạn',
      body:
        reminder.daysLeft === 0
          ? `«${content}» — hạn hôm nay (${formatDay(dueDate)}).`
          : `«${content}» — còn ${reminder.daysLeft} ngày, hạn ${formatDay(dueDate)}.`,
      content: task.content,
      dueDate,
      daysLeft: reminder.daysLeft,
    };
  }
  return {
    kind: 'weekly_report',
    taskId: task.id,
    title: 'Đến kỳ báo cáo tiến độ hàng tuần',
    body: `«${content}» — đã ${reminder.daysSinceReport} ngày chưa báo cáo tiến độ.`,
    content: task.content,
    daysSinceReport: reminder.daysSinceReport,
  };
}

function moreNotice(count: number): ReminderNotice {
  return {
    kind: 'more',
    taskId: null,
    title: 'Nhắc việc',
    body: `Còn ${count} nhắc việc khác trong mục Nhiệm vụ.`,
    count,
  };
}
