import { describe, expect, it } from 'vitest';
import type { AgencyRef, Task } from '../../../../common/domain/task';
import {
  addDays,
  agenciesOf,
  agencyKey,
  agencyStats,
  daysBetween,
  dueSoon,
  filterTasks,
  foldVietnamese,
  isWeeklyReportDue,
  lastReportDate,
  lateRatePercent,
  myAgencyTasks,
  nextWeeklyReportDate,
  overdueByAgency,
  recentReports,
  sortByUrgency,
  taskCounts,
  taskReminders,
} from '../../../../common/tasks/tracking';
import { makeTask } from '../../../helpers/taskFixture';

const TTTT: AgencyRef = { id: 'hd-so-tttt', name: 'Sở Thông tin và Truyền thông' };
const TC: AgencyRef = { id: 'hd-so-tc', name: 'Sở Tài chính' };
const KHDT: AgencyRef = { id: 'hd-so-khdt', name: 'Sở Kế hoạch và Đầu tư' };
const GDDT: AgencyRef = { id: 'hd-so-gddt', name: 'Sở Giáo dục và Đào tạo' };
const SO_NGANH: AgencyRef = { id: null, name: 'các sở, ngành' };

const TODAY = '2022-10-20';

function task(id: string, fields: Partial<Task> = {}): Task {
  return makeTask(id, { lead: TTTT, ...fields });
}

function report(reportedAt: string, text = 'Đã triển khai', percent = 50) {
  return {
    id: `r-${reportedAt}`,
    text,
    percent,
    reportedAt,
    reportedBy: { id: 'baocao', name: 'Trần Thu Hà' },
    attachments: [],
  };
}

describe('date helpers', () => {
  it('addDays() and daysBetween() cross month and year ends', () => {
    expect(addDays('2022-09-27', 7)).toBe('2022-10-04');
    expect(addDays('2022-12-29', 5)).toBe('2023-01-03');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2022-10-15', '2022-10-20')).toBe(5);
    expect(daysBetween('2022-10-20', '2022-10-15')).toBe(-5);
  });

  it('foldVietnamese() drops diacritics and case, and folds đ to d', () => {
    expect(foldVietnamese('Sở Tài chính')).toBe('so tai chinh');
    expect(foldVietnamese('  ĐỀ ÁN   chuyển đổi số ')).toBe('de an chuyen doi so');
    // Decomposed input (NFD from a copied PDF) folds the same as precomposed.
    expect(foldVietnamese('Hải Dương'.normalize('NFD'))).toBe('hai duong');
  });
});

describe('filterTasks()', () => {
  const tasks = [
    task('a', { lead: TTTT, cooperating: [TC], dueDate: '2022-10-05', status: 'in_progress' }),
    task('b', { lead: KHDT, cooperating: [SO_NGANH], dueDate: '2022-10-25' }),
    task('c', {
      lead: TC,
      dueDate: '2022-11-01',
      meetingId: 'hd-bcd-cds-review',
      content: 'Tham mưu bố trí kinh phí thực hiện Đề án chuyển đổi số năm 2023',
    }),
    task('d', {
      lead: TTTT,
      status: 'done',
      dueDate: '2022-10-05',
      completedAt: '2022-10-04T09:00:00+07:00',
    }),
    task('e', { lead: SO_NGANH, content: 'Rà soát hạ tầng, trang thiết bị' }),
  ];

  it('with no criteria returns every task', () => {
    expect(filterTasks(tasks, {}, TODAY).map((t) => t.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('by agency matches the lead and the cooperating agencies, or only the lead when asked', () => {
    expect(filterTasks(tasks, { agency: 'hd-so-tc' }, TODAY).map((t) => t.id)).toEqual(['a', 'c']);
    expect(
      filterTasks(tasks, { agency: 'hd-so-tc', agencyRole: 'lead' }, TODAY).map((t) => t.id),
    ).toEqual(['c']);
  });

  it('by an agency without a unit id matches it by name', () => {
    const key = agencyKey({ id: null, name: 'Các Sở, Ngành' });
    expect(filterTasks(tasks, { agency: key }, TODAY).map((t) => t.id)).toEqual(['b', 'e']);
  });

  it('by progress uses the derived state: a task past its due date is overdue', () => {
    expect(filterTasks(tasks, { progress: ['overdue'] }, TODAY).map((t) => t.id)).toEqual(['a']);
    expect(
      filterTasks(tasks, { progress: ['not_started', 'done_on_time'] }, TODAY).map((t) => t.id),
    ).toEqual(['b', 'c', 'd', 'e']);
    expect(filterTasks(tasks, { progress: [] }, TODAY)).toHaveLength(5);
  });

  it('by due range includes both ends and leaves out tasks without a due date', () => {
    expect(
      filterTasks(tasks, { dueFrom: '2022-10-05', dueTo: '2022-10-25' }, TODAY).map((t) => t.id),
    ).toEqual(['a', 'b', 'd']);
    expect(filterTasks(tasks, { dueFrom: '2022-10-26' }, TODAY).map((t) => t.id)).toEqual(['c']);
    expect(filterTasks(tasks, { dueTo: '2022-10-04' }, TODAY)).toEqual([]);
  });

  it('by meeting keeps that meeting only', () => {
    expect(filterTasks(tasks, { meetingId: 'hd-bcd-cds-review' }, TODAY).map((t) => t.id)).toEqual([
      'c',
    ]);
  });

  it('by text finds every word, without diacritics, in the content or an agency name', () => {
    expect(filterTasks(tasks, { text: 'kinh phi de an' }, TODAY).map((t) => t.id)).toEqual(['c']);
    expect(filterTasks(tasks, { text: 'Tài chính' }, TODAY).map((t) => t.id)).toEqual(['a', 'c']);
    expect(filterTasks(tasks, { text: 'thiết bị ha tang' }, TODAY).map((t) => t.id)).toEqual(['e']);
    expect(filterTasks(tasks, { text: 'kinh phi bảo hiểm' }, TODAY)).toEqual([]);
  });

  it('combines criteria', () => {
    expect(
      filterTasks(tasks, { agency: 'hd-so-tttt', progress: ['done_on_time'] }, TODAY).map(
        (t) => t.id,
      ),
    ).toEqual(['d']);
  });
});

describe('agencies and my agency', () => {
  it('agenciesOf() lists each agency once, lead or cooperating, in Vietnamese order', () => {
    const tasks = [
      task('a', { lead: TTTT, cooperating: [TC, KHDT] }),
      task('b', { lead: TC, cooperating: [SO_NGANH] }),
    ];
    expect(agenciesOf(tasks).map((a) => a.name)).toEqual([
      'các sở, ngành',
      'Sở Kế hoạch và Đầu tư',
      'Sở Tài chính',
      'Sở Thông tin và Truyền thông',
    ]);
  });

  it("myAgencyTasks() keeps the tasks the user's agency leads or cooperates on", () => {
    const tasks = [
      task('lead', { lead: TC }),
      task('coop', { lead: TTTT, cooperating: [KHDT, TC] }),
      task('other', { lead: GDDT, cooperating: [TTTT] }),
      task('unnamed', { lead: SO_NGANH }),
    ];
    expect(myAgencyTasks(tasks, 'hd-so-tc').map((t) => t.id)).toEqual(['lead', 'coop']);
  });
});

describe('sortByUrgency()', () => {
  it('puts the longest overdue first, then open tasks by due date, undated, then done', () => {
    const tasks = [
      task('done', {
        status: 'done',
        dueDate: '2022-10-01',
        completedAt: '2022-09-30T10:00:00+07:00',
      }),
      task('undated'),
      task('due-later', { dueDate: '2022-11-30' }),
      task('overdue-1d', { dueDate: '2022-10-19' }),
      task('due-soon', { dueDate: '2022-10-22', status: 'in_progress' }),
      task('overdue-5d', { dueDate: '2022-10-15' }),
    ];
    expect(sortByUrgency(tasks, TODAY).map((t) => t.id)).toEqual([
      'overdue-5d',
      'overdue-1d',
      'due-soon',
      'due-later',
      'undated',
      'done',
    ]);
  });
});

describe('overdueByAgency()', () => {
  it('groups overdue tasks by lead agency, most overdue tasks first, with days overdue', () => {
    const tasks = [
      task('tc-1', { lead: TC, dueDate: '2022-10-17' }),
      task('tttt-1', { lead: TTTT, dueDate: '2022-10-15', status: 'in_progress' }),
      task('tc-2', { lead: TC, cooperating: [TTTT], dueDate: '2022-10-10' }),
      task('tc-done', {
        lead: TC,
        dueDate: '2022-10-10',
        status: 'done',
        completedAt: '2022-10-12T08:00:00+07:00',
      }),
      task('khdt-due-today', { lead: KHDT, dueDate: TODAY }),
      task('gddt-undated', { lead: GDDT }),
    ];
    const groups = overdueByAgency(tasks, TODAY);
    expect(
      groups.map((g) => [g.agency.name, g.tasks.map((o) => [o.task.id, o.daysOverdue])]),
    ).toEqual([
      [
        'Sở Tài chính',
        [
          ['tc-2', 10],
          ['tc-1', 3],
        ],
      ],
      ['Sở Thông tin và Truyền thông', [['tttt-1', 5]]],
    ]);
  });

  it('returns nothing when every task is on track', () => {
    expect(overdueByAgency([task('a', { dueDate: '2022-10-21' })], TODAY)).toEqual([]);
  });
});

describe('on-time statistics', () => {
  it('lateRatePercent() is late over finished tasks, one decimal: 63 on time and 1 late is 1.6', () => {
    expect(lateRatePercent(63, 1)).toBe(1.6);
    expect(lateRatePercent(3, 1)).toBe(25);
    expect(lateRatePercent(2, 0)).toBe(0);
    expect(lateRatePercent(0, 0)).toBeNull();
  });

  const tasks = [
    task('on-time', {
      lead: TTTT,
      status: 'done',
      dueDate: '2022-10-05',
      completedAt: '2022-10-04T16:00:00+07:00',
    }),
    // Done at 23:30 Vietnam time on the due day is still on time (16:30 UTC).
    task('on-time-late-evening', {
      lead: TTTT,
      status: 'done',
      dueDate: '2022-10-05',
      completedAt: '2022-10-05T16:30:00.000Z',
    }),
    task('late', {
      lead: TTTT,
      status: 'done',
      dueDate: '2022-10-05',
      completedAt: '2022-10-06T09:00:00+07:00',
    }),
    task('undated-done', { lead: TTTT, status: 'done', completedAt: '2022-10-10T09:00:00+07:00' }),
    task('overdue', { lead: TC, dueDate: '2022-10-17' }),
    task('in-progress', { lead: TC, dueDate: '2022-10-30', status: 'in_progress' }),
    task('not-started', { lead: KHDT, dueDate: '2022-10-30' }),
  ];

  it('taskCounts() counts every state and the late rate over finished tasks', () => {
    expect(taskCounts(tasks, TODAY)).toEqual({
      total: 7,
      notStarted: 1,
      inProgress: 1,
      onTime: 3,
      late: 1,
      overdue: 1,
      lateRatePercent: 25,
    });
  });

  it('agencyStats() counts per lead agency, agencies with overdue tasks first', () => {
    const stats = agencyStats(tasks, TODAY);
    expect(stats.map((s) => s.agency.name)).toEqual([
      'Sở Tài chính',
      'Sở Thông tin và Truyền thông',
      'Sở Kế hoạch và Đầu tư',
    ]);
    expect(stats[0]).toMatchObject({ overdue: 1, inProgress: 1, total: 2, lateRatePercent: null });
    expect(stats[1]).toMatchObject({ onTime: 3, late: 1, total: 4, lateRatePercent: 25 });
    expect(stats[2]).toMatchObject({ notStarted: 1, total: 1 });
  });
});

describe('reminders', () => {
  it('dueSoon() keeps open tasks due from today to N days ahead, soonest first', () => {
    const tasks = [
      task('in-3', { dueDate: '2022-10-23' }),
      task('today', { dueDate: TODAY, status: 'in_progress' }),
      task('in-4', { dueDate: '2022-10-24' }),
      task('yesterday', { dueDate: '2022-10-19' }),
      task('done', { dueDate: '2022-10-21', status: 'done', completedAt: '2022-10-19T08:00:00Z' }),
      task('undated'),
    ];
    expect(dueSoon(tasks, TODAY, 3).map((t) => t.id)).toEqual(['today', 'in-3']);
  });

  it('lastReportDate() is the Vietnam day of the newest report, whatever their order', () => {
    const t = task('w', {
      reports: [report('2022-10-12T08:00:00+07:00'), report('2022-10-13T18:00:00.000Z')],
    });
    // 18:00 UTC on the 13th is already the 14th in Vietnam.
    expect(lastReportDate(t)).toBe('2022-10-14');
    expect(lastReportDate(task('none'))).toBeNull();
  });

  it('a weekly task is due for a report 7 days after the last one', () => {
    const weekly = task('w', {
      recurrence: 'weekly',
      status: 'in_progress',
      reports: [report('2022-10-13T15:00:00+07:00')],
    });
    expect(nextWeeklyReportDate(weekly)).toBe('2022-10-20');
    expect(isWeeklyReportDue(weekly, '2022-10-19')).toBe(false);
    expect(isWeeklyReportDue(weekly, '2022-10-20')).toBe(true);
    expect(isWeeklyReportDue(weekly, '2022-10-27')).toBe(true);
  });

  it('a weekly task without reports counts from the day it was assigned', () => {
    const weekly = task('w', { recurrence: 'weekly', createdAt: '2022-10-03T02:00:00.000Z' });
    expect(nextWeeklyReportDate(weekly)).toBe('2022-10-10');
    expect(isWeeklyReportDue(weekly, '2022-10-09')).toBe(false);
    expect(isWeeklyReportDue(weekly, '2022-10-10')).toBe(true);
  });

  it('done, monthly and one-off tasks never have a weekly report due', () => {
    const old = [report('2022-09-01T08:00:00+07:00')];
    expect(
      isWeeklyReportDue(
        task('done', {
          recurrence: 'weekly',
          status: 'done',
          completedAt: '2022-09-02T08:00:00Z',
          reports: old,
        }),
        TODAY,
      ),
    ).toBe(false);
    expect(isWeeklyReportDue(task('monthly', { recurrence: 'monthly', reports: old }), TODAY)).toBe(
      false,
    );
    expect(isWeeklyReportDue(task('once', { reports: old }), TODAY)).toBe(false);
  });

  it('taskReminders() lists tasks due within 3 days and weekly reports due, each task once', () => {
    const tasks = [
      task('due-in-2', { dueDate: '2022-10-22' }),
      task('due-in-2-weekly', {
        dueDate: '2022-10-22',
        recurrence: 'weekly',
        reports: [report('2022-10-01T08:00:00+07:00')],
      }),
      task('weekly-late', {
        dueDate: '2022-12-31',
        recurrence: 'weekly',
        status: 'in_progress',
        reports: [report('2022-10-10T08:00:00+07:00')],
      }),
      task('weekly-fresh', {
        recurrence: 'weekly',
        status: 'in_progress',
        reports: [report('2022-10-18T08:00:00+07:00')],
      }),
      task('due-in-5', { dueDate: '2022-10-25' }),
      task('overdue', { dueDate: '2022-10-19' }),
    ];
    expect(taskReminders(tasks, TODAY, 3)).toEqual([
      { kind: 'due_soon', task: tasks[0], daysLeft: 2 },
      { kind: 'due_soon', task: tasks[1], daysLeft: 2 },
      {
        kind: 'weekly_report',
        task: tasks[2],
        lastReportDate: '2022-10-10',
        daysSinceReport: 10,
      },
    ]);
  });
});

describe('recentReports()', () => {
  it('returns the newest reports across tasks, newest first, up to the limit', () => {
    const a = task('a', {
      reports: [
        report('2022-10-12T08:00:00+07:00', 'A1'),
        report('2022-10-18T08:00:00+07:00', 'A2'),
      ],
    });
    const b = task('b', { reports: [report('2022-10-15T08:00:00+07:00', 'B1')] });
    expect(recentReports([a, b], 2).map((r) => [r.task.id, r.report.text])).toEqual([
      ['a', 'A2'],
      ['b', 'B1'],
    ]);
  });
});
