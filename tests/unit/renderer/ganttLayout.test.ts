import { describe, expect, it } from 'vitest';
import type { Task } from '../../../common/domain/task';
import { ganttLayout } from '../../../renderer/features/tasks/ganttLayout';
import { makeTask } from '../../helpers/taskFixture';

function task(id: string, fields: Partial<Task>): Task {
  return makeTask(id, {
    meetingId: 'm',
    lead: { id: 'hd-so-tc', name: 'Sở Tài chính' },
    content: id,
    reportTo: null,
    ...fields,
  });
}

describe('ganttLayout()', () => {
  it('returns null without tasks', () => {
    expect(ganttLayout([], '2022-10-20')).toBeNull();
  });

  it('spans from the earliest assignment to the latest due date or today, with 2 days of margin', () => {
    const layout = ganttLayout(
      [
        task('a', { dueDate: '2022-10-15' }),
        task('b', { dueDate: '2022-11-30', status: 'in_progress' }),
      ],
      '2022-10-20',
    )!;
    expect(layout.start).toBe('2022-10-01');
    expect(layout.end).toBe('2022-12-02');
    // 63 days on the axis: 01/10 … 02/12 inclusive.
    const total = 63;
    const [a, b] = layout.bars;
    expect(a).toMatchObject({ start: '2022-10-03', end: '2022-10-15', progress: 'overdue' });
    expect(a!.offset).toBeCloseTo(2 / total);
    expect(a!.width).toBeCloseTo(13 / total);
    expect(b).toMatchObject({ end: '2022-11-30', progress: 'in_progress', openEnded: false });
    expect(layout.today).toBeCloseTo(19.5 / total);
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['11/2022', '12/2022']);
    expect(layout.ticks[0]!.offset).toBeCloseTo(31 / total);
  });

  it('draws a task without a due date open-ended up to today, or to its completion day', () => {
    const layout = ganttLayout(
      [task('open', {}), task('done', { status: 'done', completedAt: '2022-10-10T03:00:00.000Z' })],
      '2022-10-20',
    )!;
    const byId = new Map(layout.bars.map((bar) => [bar.task.id, bar]));
    expect(byId.get('open')).toMatchObject({ end: '2022-10-20', openEnded: true });
    expect(byId.get('done')).toMatchObject({ end: '2022-10-10', progress: 'done_on_time' });
  });

  it('starts a bar at its due date when that is before the assignment (tasks entered late)', () => {
    const layout = ganttLayout([task('late-entry', { dueDate: '2022-09-30' })], '2022-10-20')!;
    expect(layout.bars[0]).toMatchObject({ start: '2022-09-30', end: '2022-09-30' });
    expect(layout.bars[0]!.width).toBeGreaterThan(0);
  });

  it('labels years instead of months on axes longer than a year and a half', () => {
    const layout = ganttLayout([task('a', { dueDate: '2022-10-15' })], '2025-06-01')!;
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['2023', '2024', '2025']);
  });

  it('orders bars by start, then end', () => {
    const layout = ganttLayout(
      [
        task('later', { createdAt: '2022-10-10T02:00:00.000Z', dueDate: '2022-10-12' }),
        task('long', { dueDate: '2022-10-30' }),
        task('short', { dueDate: '2022-10-05' }),
      ],
      '2022-10-20',
    )!;
    expect(layout.bars.map((bar) => bar.task.id)).toEqual(['short', 'long', 'later']);
  });
});
