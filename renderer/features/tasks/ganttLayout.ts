/**
 * Where each task's bar goes on the Gantt chart ("lập sơ đồ Gantt chi tiết … tiến độ"): from the
 * day it was assigned to its due date, on one time axis that also holds today. Positions are
 * fractions of the axis (0…1), so the chart scales with its container. Pure; tested in
 * tests/unit/renderer/ganttLayout.test.ts.
 */
import {
  taskProgress,
  vietnamDate,
  type Task,
  type TaskProgress,
} from '../../../common/domain/task';
import { addDays, daysBetween } from '../../../common/tasks/tracking';

export interface GanttBar {
  task: Task;
  progress: TaskProgress;
  /** First day of the bar: the day the task was assigned (or its due date, if earlier). */
  start: string;
  /** Last day: the due date; without one, the completion day or today. */
  end: string;
  /** No due date: the bar stops at completion or today and is drawn open-ended. */
  openEnded: boolean;
  /** Left edge and width as fractions of the axis. */
  offset: number;
  width: number;
}

export interface GanttTick {
  label: string;
  offset: number;
}

export interface GanttLayout {
  start: string;
  end: string;
  /** Position of today's line. */
  today: number;
  bars: GanttBar[];
  ticks: GanttTick[];
}

/** Days of margin either side, so bars and the today line do not touch the edges. */
const PADDING_DAYS = 2;

function barDays(task: Task, today: string): { start: string; end: string; openEnded: boolean } {
  const assigned = vietnamDate(new Date(task.createdAt));
  const start = task.dueDate && task.dueDate < assigned ? task.dueDate : assigned;
  const end = task.dueDate ?? (task.completedAt ? vietnamDate(new Date(task.completedAt)) : today);
  return { start, end: end < start ? start : end, openEnded: !task.dueDate };
}

/** Month starts on the axis ("10/2022"), or year starts ("2023") when there are too many months. */
function ticks(start: string, end: string, total: number): GanttTick[] {
  const months: string[] = [];
  let [year, month] = start.split('-').map(Number) as [number, number];
  for (;;) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    const day = `${year}-${String(month).padStart(2, '0')}-01`;
    if (day > end) break;
    months.push(day);
  }
  const useYears = months.length > 18;
  return months
    .filter((day) => !useYears || day.endsWith('-01-01'))
    .map((day) => ({
      label: useYears ? day.slice(0, 4) : `${day.slice(5, 7)}/${day.slice(0, 4)}`,
      offset: daysBetween(start, day) / total,
    }));
}

/** The chart of `tasks` on `today`; null when there is nothing to draw. */
export function ganttLayout(tasks: readonly Task[], today: string): GanttLayout | null {
  if (tasks.length === 0) return null;
  const days = tasks.map((task) => ({ task, ...barDays(task, today) }));
  let first = today;
  let last = today;
  for (const d of days) {
    if (d.start < first) first = d.start;
    if (d.end > last) last = d.end;
  }
  const start = addDays(first, -PADDING_DAYS);
  const end = addDays(last, PADDING_DAYS);
  // Inclusive: a bar covers its last day too.
  const total = daysBetween(start, end) + 1;
  const bars = days
    .map(({ task, start: from, end: to, openEnded }) => ({
      task,
      progress: taskProgress(task, today),
      start: from,
      end: to,
      openEnded,
      offset: daysBetween(start, from) / total,
      width: (daysBetween(from, to) + 1) / total,
    }))
    .sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        a.end.localeCompare(b.end) ||
        a.task.id.localeCompare(b.task.id, 'en', { numeric: true }),
    );
  return {
    start,
    end,
    today: (daysBetween(start, today) + 0.5) / total,
    bars,
    ticks: ticks(start, end, total),
  };
}
