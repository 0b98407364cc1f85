/**
 * TaskReminderService over a real local store (SQLite file) filled by a real sync round from a
 * scripted server, with a fixed clock: which reminders fire, that each fires once per day (also
 * across a restart), and only for the user's own agency's tasks.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import type { ReminderNotice, SessionState } from '../../../common/ipc/contract';
import type { PullResponse } from '../../../common/protocol/sync';
import { TaskReminderService } from '../../../main/services/TaskReminderService';
import type { SessionService } from '../../../main/services/SessionService';
import { TasksService } from '../../../main/services/TasksService';
import { openLocalStore, type LocalDatabase } from '../../../main/store/db';
import { ReminderLogRepository } from '../../../main/store/repos/ReminderLogRepository';
import { TaskReplicaRepository } from '../../../main/store/repos/TaskReplicaRepository';
import { makeTask } from '../../helpers/taskFixture';
import { tempDir } from '../../helpers/testServer';

const SERVER = 'http://127.0.0.1:1';
const TTTT = { id: 'hd-so-tttt', name: 'Sở Thông tin và Truyền thông' };
const KHDT = { id: 'hd-so-khdt', name: 'Sở Kế hoạch và Đầu tư' };

const reporter: User = {
  id: 'baocao',
  username: 'baocao',
  fullName: 'Ngô Thị Phương Thảo',
  title: 'Chuyên viên',
  agency: TTTT,
  site: { id: 'hd-province', name: 'Hội trường tỉnh' },
  roles: ['reporter'],
};

/** 12/10/2022, 09:00 in Vietnam. */
const TODAY = new Date('2022-10-12T02:00:00Z');
const DAY_MS = 86_400_000;

const TASKS: Task[] = [
  // Due in 3 days: "due soon".
  makeTask('due-soon', { lead: TTTT, dueDate: '2022-10-15', content: 'Trình UBND tỉnh đề án' }),
  // Weekly, last report 11 days ago: a weekly report is due.
  makeTask('weekly', {
    lead: TTTT,
    recurrence: 'weekly',
    status: 'in_progress',
    content: 'Hàng tuần báo cáo tiến độ kết nối mạng',
    reports: [
      {
        id: 'r1',
        text: 'Đã kết nối 40 trường',
        percent: 40,
        reportedAt: '2022-10-01T02:00:00.000Z',
        reportedBy: { id: 'baocao', name: 'Ngô Thị Phương Thảo' },
        attachments: [],
      },
    ],
  }),
  // Another agency's task due tomorrow, and one of ours due in a month: no reminder.
  makeTask('other-agency', { lead: KHDT, dueDate: '2022-10-13' }),
  makeTask('later', { lead: TTTT, dueDate: '2022-11-12' }),
];

/** A signed-in session without a server: the tasks come from the scripted pull below. */
class FakeSession extends EventEmitter {
  state(): SessionState {
    return { status: 'signed_in', serverUrl: SERVER, user: reporter };
  }
}

interface Computer {
  db: LocalDatabase;
  tasks: TasksService;
  reminders: TaskReminderService;
  notices: ReminderNotice[];
  close(): void;
}

const open: Computer[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** The app on one computer: its store in `dir`, its clock at `now`, notify answering `delivered`. */
async function startComputer(
  dir: string,
  now: () => Date,
  tasks: Task[] = TASKS,
  delivered: () => boolean = () => true,
): Promise<Computer> {
  const db = openLocalStore(dir);
  const session = new FakeSession() as unknown as SessionService;
  const pull: PullResponse = {
    clock: tasks.length,
    lastMutationId: 0,
    reset: false,
    tasks,
    removedTaskIds: [],
    rejections: [],
  };
  const service = new TasksService(session, new TaskReplicaRepository(db), {
    transport: () => ({
      push: async () => ({ lastMutationId: 0, results: [], clock: tasks.length }),
      pull: async () => pull,
    }),
  });
  await service.syncNow();
  const notices: ReminderNotice[] = [];
  const reminders = new TaskReminderService({
    session,
    tasks: service,
    log: new ReminderLogRepository(db),
    notify: (notice) => {
      if (!delivered()) return false;
      notices.push(notice);
      return true;
    },
    now,
  });
  const computer = {
    db,
    tasks: service,
    reminders,
    notices,
    close: () => {
      reminders.close();
      service.close();
      db.close();
    },
  };
  open.push(computer);
  return computer;
}

describe('TaskReminderService', () => {
  it('check() reminds of a task due in 3 days and of a due weekly report, only for the own agency, in Vietnamese', async () => {
    const c = await startComputer(tempDir('reminders'), () => TODAY);
    expect(c.reminders.check()).toBe(2);
    expect(c.notices).toEqual([
      {
        kind: 'due_soon',
        taskId: 'due-soon',
        title: 'Nhiệm vụ sắp đến hạn',
        body: '«Trình UBND tỉnh đề án» — còn 3 ngày, hạn 15/10/2022.',
        content: 'Trình UBND tỉnh đề án',
        dueDate: '2022-10-15',
        daysLeft: 3,
      },
      {
        kind: 'weekly_report',
        taskId: 'weekly',
        title: 'Đến kỳ báo cáo tiến độ hàng tuần',
        body: '«Hàng tuần báo cáo tiến độ kết nối mạng» — đã 11 ngày chưa báo cáo tiến độ.',
        content: 'Hàng tuần báo cáo tiến độ kết nối mạng',
        daysSinceReport: 11,
      },
    ]);
  });

  it('check() again, and after a restart the same day, shows nothing; the next day reminds again', async () => {
    const dir = tempDir('reminders-restart');
    const first = await startComputer(dir, () => TODAY);
    expect(first.reminders.check()).toBe(2);
    expect(first.reminders.check()).toBe(0);
    first.close();
    open.splice(open.indexOf(first), 1);

    const later = new Date(TODAY.getTime() + 8 * 3600_000); // 17:00 the same day
    const restarted = await startComputer(dir, () => later);
    expect(restarted.reminders.check()).toBe(0);
    expect(restarted.notices).toEqual([]);
    restarted.close();
    open.splice(open.indexOf(restarted), 1);

    const tomorrow = await startComputer(dir, () => new Date(TODAY.getTime() + DAY_MS));
    expect(tomorrow.reminders.check()).toBe(2);
    expect(tomorrow.notices.map((n) => [n.taskId, n.kind])).toEqual([
      ['due-soon', 'due_soon'],
      ['weekly', 'weekly_report'],
    ]);
    expect(tomorrow.notices[0]).toMatchObject({ daysLeft: 2 });
  });

  it('a reminder the port could not deliver is not logged, and the next check shows it', async () => {
    let listening = false;
    const c = await startComputer(
      tempDir('reminders-undelivered'),
      () => TODAY,
      TASKS,
      () => listening,
    );
    expect(c.reminders.check()).toBe(0);
    listening = true;
    expect(c.reminders.check()).toBe(2);
    expect(c.reminders.check()).toBe(0);
  });

  it('beyond three reminders, the rest come as one notice, and are not repeated one by one', async () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      makeTask(`due-${i}`, { lead: TTTT, dueDate: '2022-10-13' }),
    );
    const c = await startComputer(tempDir('reminders-many'), () => TODAY, many);
    expect(c.reminders.check()).toBe(5);
    expect(c.notices.map((n) => n.kind)).toEqual(['due_soon', 'due_soon', 'due_soon', 'more']);
    expect(c.notices[3]).toMatchObject({
      taskId: null,
      count: 2,
      body: 'Còn 2 nhắc việc khác trong mục Nhiệm vụ.',
    });
    expect(c.reminders.check()).toBe(0);
  });

  it('start() checks by itself soon after starting, and close() stops it', async () => {
    const c = await startComputer(tempDir('reminders-start'), () => TODAY);
    c.reminders.start();
    await expect.poll(() => c.notices.length, { timeout: 5_000 }).toBe(2);
    c.reminders.close();
    expect(c.reminders.check()).toBe(0);
  });
});
