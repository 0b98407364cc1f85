/**
 * Following up tasks after a meeting (DOMAIN.md, "What happens to tasks afterwards"): filters for
 * the tasks screen, "my agency's tasks", the overdue list per agency ("danh sách đơn vị chưa
 * hoàn thành"), on-time statistics ("Trước & đúng hạn: 63; Trễ hạn: 1; Tỉ lệ trễ hạn: 1.6%"),
 * and which tasks to remind about. Pure functions over tasks and a day (YYYY-MM-DD, Vietnam
 * time, see `vietnamDate`), so every view and the export agree on the same date.
 */
import {
  daysUntilDue,
  taskProgress,
  vietnamDate,
  type AgencyRef,
  type Task,
  type TaskProgress,
} from '../domain/task';

const DAY_MS = 86_400_000;

/** Every progress value, in the order views list them. */
export const TASK_PROGRESS_VALUES: readonly TaskProgress[] = [
  'overdue',
  'not_started',
  'in_progress',
  'done_late',
  'done_on_time',
];

/** The day `days` after `day` (both YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/**
 * Lower case without diacritics ("Sở Tài chính" → "so tai chinh"), so a search typed without
 * Vietnamese input method still finds the task. đ is a letter of its own, not a d with a mark.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Identifies an agency across tasks: its unit id, or its name for agencies outside the
 * organisation tree ("các sở, ngành"), compared without case and diacritics.
 */
export function agencyKey(agency: AgencyRef): string {
  return agency.id ?? `name:${foldVietnamese(agency.name)}`;
}

const byVietnameseName = (a: AgencyRef, b: AgencyRef) => a.name.localeCompare(b.name, 'vi');

/** The distinct agencies named by the tasks (lead or cooperating), by name: the agency filter's options. */
export function agenciesOf(tasks: readonly Task[]): AgencyRef[] {
  const seen = new Map<string, AgencyRef>();
  for (const task of tasks)
    for (const agency of [task.lead, ...task.cooperating])
      if (!seen.has(agencyKey(agency))) seen.set(agencyKey(agency), agency);
  return [...seen.values()].sort(byVietnameseName);
}

/** Whether the agency (unit id) leads the task or cooperates on it. */
export function involvesAgency(task: Task, unitId: string): boolean {
  return task.lead.id === unitId || task.cooperating.some((c) => c.id === unitId);
}

/** "Của đơn vị tôi": the tasks the user's agency leads or cooperates on. */
export function myAgencyTasks(tasks: readonly Task[], unitId: string): Task[] {
  return tasks.filter((task) => involvesAgency(task, unitId));
}

export interface TaskFilter {
  /** An `agencyKey`: tasks this agency leads or (unless `agencyRole` is 'lead') cooperates on. */
  agency?: string | null;
  agencyRole?: 'lead' | 'any';
  /** Any of these; empty or absent: every task. */
  progress?: readonly TaskProgress[];
  /** Due on or after this day; a task without a due date never matches a due range. */
  dueFrom?: string | null;
  /** Due on or before this day. */
  dueTo?: string | null;
  meetingId?: string | null;
  /**
   * Words that must all appear (any order, case and diacritics ignored) in the content, an
   * agency's name, the report-to line, the due event or the conclusion reference.
   */
  text?: string | null;
}

function searchableText(task: Task): string {
  return foldVietnamese(
    [
      task.content,
      task.lead.name,
      ...task.cooperating.map((c) => c.name),
      task.reportTo ?? '',
      task.dueEvent ?? '',
      task.conclusionRef ?? '',
    ].join(' '),
  );
}

/** The tasks matching every criterion given; absent criteria match everything. */
export function filterTasks(tasks: readonly Task[], filter: TaskFilter, today: string): Task[] {
  const words = filter.text ? foldVietnamese(filter.text).split(' ').filter(Boolean) : [];
  const progress = filter.progress?.length ? new Set(filter.progress) : null;
  return tasks.filter((task) => {
    if (filter.meetingId && task.meetingId !== filter.meetingId) return false;
    if (filter.agency) {
      const lead = agencyKey(task.lead) === filter.agency;
      const cooperating =
        filter.agencyRole !== 'lead' &&
        task.cooperating.some((c) => agencyKey(c) === filter.agency);
      if (!lead && !cooperating) return false;
    }
    if (progress && !progress.has(taskProgress(task, today))) return false;
    if (filter.dueFrom || filter.dueTo) {
      if (!task.dueDate) return false;
      if (filter.dueFrom && task.dueDate < filter.dueFrom) return false;
      if (filter.dueTo && task.dueDate > filter.dueTo) return false;
    }
    if (words.length > 0) {
      const text = searchableText(task);
      if (!words.every((word) => text.includes(word))) return false;
    }
    return true;
  });
}

const urgencyRank: Record<TaskProgress, number> = {
  overdue: 0,
  in_progress: 1,
  not_started: 1,
  done_late: 2,
  done_on_time: 2,
};

/**
 * The order a follow-up list reads best in: overdue first (longest overdue on top), then open
 * tasks by due date (undated last), then done tasks; ties by conclusion reference and id.
 */
export function sortByUrgency(tasks: readonly Task[], today: string): Task[] {
  return [...tasks].sort((a, b) => {
    const rank = urgencyRank[taskProgress(a, today)] - urgencyRank[taskProgress(b, today)];
    if (rank !== 0) return rank;
    if (a.dueDate !== b.dueDate) {
      if (!a.dueDate) return 1;
      if (!b.dueDate) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    const ref = (a.conclusionRef ?? '').localeCompare(b.conclusionRef ?? '', 'vi', {
      numeric: true,
    });
    return ref !== 0 ? ref : a.id.localeCompare(b.id, 'en', { numeric: true });
  });
}

export interface OverdueTask {
  task: Task;
  /** Days past the due date (1 the day after it). */
  daysOverdue: number;
}

export interface OverdueGroup {
  agency: AgencyRef;
  key: string;
  /** Longest overdue first. */
  tasks: OverdueTask[];
}

/**
 * "Danh sách đơn vị chưa hoàn thành": the overdue tasks grouped by their lead agency (the one
 * accountable), agencies with the most overdue tasks first, then by name.
 */
export function overdueByAgency(tasks: readonly Task[], today: string): OverdueGroup[] {
  const groups = new Map<string, OverdueGroup>();
  for (const task of tasks) {
    if (taskProgress(task, today) !== 'overdue') continue;
    const key = agencyKey(task.lead);
    let group = groups.get(key);
    if (!group) {
      group = { agency: task.lead, key, tasks: [] };
      groups.set(key, group);
    }
    group.tasks.push({ task, daysOverdue: -(daysUntilDue(task, today) ?? 0) });
  }
  for (const group of groups.values())
    group.tasks.sort((a, b) => b.daysOverdue - a.daysOverdue || a.task.id.localeCompare(b.task.id));
  return [...groups.values()].sort(
    (a, b) => b.tasks.length - a.tasks.length || byVietnameseName(a.agency, b.agency),
  );
}

export interface TaskCounts {
  total: number;
  notStarted: number;
  inProgress: number;
  /** "Trước & đúng hạn": done on or before the due date (or done with no due date). */
  onTime: number;
  /** "Trễ hạn": done after the due date. */
  late: number;
  /** Not done and past the due date. */
  overdue: number;
  /**
   * "Tỉ lệ trễ hạn" in percent with one decimal: late / (on time + late), as the provincial
   * dashboards count it over finished work (63 on time, 1 late → 1.6). Null before anything is done.
   */
  lateRatePercent: number | null;
}

export interface AgencyStats extends TaskCounts {
  agency: AgencyRef;
  key: string;
}

/** Late share of finished tasks in percent, one decimal; null when nothing is finished. */
export function lateRatePercent(onTime: number, late: number): number | null {
  const done = onTime + late;
  return done === 0 ? null : Math.round((late / done) * 1000) / 10;
}

function emptyCounts(): TaskCounts {
  return {
    total: 0,
    notStarted: 0,
    inProgress: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    lateRatePercent: null,
  };
}

function count(counts: TaskCounts, progress: TaskProgress): void {
  counts.total += 1;
  switch (progress) {
    case 'not_started':
      counts.notStarted += 1;
      break;
    case 'in_progress':
      counts.inProgress += 1;
      break;
    case 'done_on_time':
      counts.onTime += 1;
      break;
    case 'done_late':
      counts.late += 1;
      break;
    case 'overdue':
      counts.overdue += 1;
      break;
  }
  counts.lateRatePercent = lateRatePercent(counts.onTime, counts.late);
}

/** Counts over all the tasks: the dashboard's totals line. */
export function taskCounts(tasks: readonly Task[], today: string): TaskCounts {
  const counts = emptyCounts();
  for (const task of tasks) count(counts, taskProgress(task, today));
  return counts;
}

/**
 * Counts per lead agency (the accountable one): agencies with overdue tasks first, then the
 * busiest, then by name.
 */
export function agencyStats(tasks: readonly Task[], today: string): AgencyStats[] {
  const stats = new Map<string, AgencyStats>();
  for (const task of tasks) {
    const key = agencyKey(task.lead);
    let entry = stats.get(key);
    if (!entry) {
      entry = { agency: task.lead, key, ...emptyCounts() };
      stats.set(key, entry);
    }
    count(entry, taskProgress(task, today));
  }
  return [...stats.values()].sort(
    (a, b) => b.overdue - a.overdue || b.total - a.total || byVietnameseName(a.agency, b.agency),
  );
}

/** Open tasks due today or within `withinDays` days, soonest first. */
export function dueSoon(tasks: readonly Task[], today: string, withinDays: number): Task[] {
  return tasks
    .filter((task) => {
      if (task.status === 'done') return false;
      const days = daysUntilDue(task, today);
      return days !== null && days >= 0 && days <= withinDays;
    })
    .sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0));
}

/** Day (Vietnam time) of the task's latest progress report, or null without reports. */
export function lastReportDate(task: Task): string | null {
  let latest: string | null = null;
  for (const report of task.reports) {
    const day = vietnamDate(new Date(report.reportedAt));
    if (latest === null || day > latest) latest = day;
  }
  return latest;
}

/**
 * For an open task reported on weekly ("hàng tuần báo cáo tiến độ cho đến khi hoàn thành"): the
 * day the next report is due, 7 days after the last one or, before the first, after the task
 * was assigned. Null for other tasks.
 */
export function nextWeeklyReportDate(task: Task): string | null {
  if (task.recurrence !== 'weekly' || task.status === 'done') return null;
  const since = lastReportDate(task) ?? vietnamDate(new Date(task.createdAt));
  return addDays(since, 7);
}

/** Whether a weekly report is due on `today`: 7 days or more have passed since the last one. */
export function isWeeklyReportDue(task: Task, today: string): boolean {
  const next = nextWeeklyReportDate(task);
  return next !== null && today >= next;
}

export type TaskReminder =
  | { kind: 'due_soon'; task: Task; daysLeft: number }
  | { kind: 'weekly_report'; task: Task; lastReportDate: string | null; daysSinceReport: number };

/**
 * What to remind the lead agency of when the app opens: open tasks due within `withinDays` days
 * (overdue ones have their own list), and weekly reports that are due. A task due soon with a
 * weekly report due is reminded of once, as due soon.
 */
export function taskReminders(
  tasks: readonly Task[],
  today: string,
  withinDays = 3,
): TaskReminder[] {
  const reminders: TaskReminder[] = dueSoon(tasks, today, withinDays).map((task) => ({
    kind: 'due_soon',
    task,
    daysLeft: daysUntilDue(task, today) ?? 0,
  }));
  const reminded = new Set(reminders.map((r) => r.task.id));
  for (const task of tasks) {
    if (reminded.has(task.id) || !isWeeklyReportDue(task, today)) continue;
    const last = lastReportDate(task);
    reminders.push({
      kind: 'weekly_report',
      task,
      lastReportDate: last,
      daysSinceReport: daysBetween(last ?? vietnamDate(new Date(task.createdAt)), today),
    });
  }
  return reminders;
}

/** The latest progress reports over all the tasks, newest first (the dashboard's feed). */
export function recentReports(
  tasks: readonly Task[],
  limit: number,
): { task: Task; report: Task['reports'][number] }[] {
  return tasks
    .flatMap((task) => task.reports.map((report) => ({ task, report })))
    .sort((a, b) => Date.parse(b.report.reportedAt) - Date.parse(a.report.reportedAt))
    .slice(0, limit);
}
