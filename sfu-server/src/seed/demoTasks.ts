/**
 * The demo's follow-up tasks: the eight of the 27/9/2022 notice, assigned to Hải Dương's agencies
 * of then, with the progress they reported on them, and three tasks of the (Hải Phòng) review
 * meeting due around the day the demo starts, assigned to today's units, so the tracking views show
 * tasks done on time, done late, in progress, due soon and overdue, and 2022 tasks found under the
 * units that took their agencies over.
 */
import type { AgencyRef, Task } from '../../../common/domain/task';
import { vietnamDate } from '../../../common/domain/task';
import type { AppDatabase } from '../db/database';
import { TaskStore } from '../sync/TaskStore';
import {
  CURRENT_UNITS,
  DEMO_USERS,
  HISTORICAL_UNITS,
  NOTICE_MEETING_ID,
  REVIEW_MEETING_ID,
  type DemoUnit,
} from './demoData';

export interface NoticeTask {
  lead: string;
  cooperating: string[];
  due: string | null;
  reportTo: string | null;
  recurrence: string | null;
  content: string;
}

const DAY_MS = 86_400_000;

/**
 * The agency `name` among `units` (2022's or today's: both have a Sở Tài chính), linked by id; a
 * name that is no unit ("các sở, ngành") stays a name.
 */
function agency(units: readonly DemoUnit[], name: string): AgencyRef {
  return { id: units.find((u) => u.name === name)?.id ?? null, name };
}
const agencyOf2022 = (name: string) => agency(HISTORICAL_UNITS, name);
function agencyOfToday(name: string): AgencyRef {
  const found = agency(CURRENT_UNITS, name);
  if (found.id === null) throw new Error(`No current demo unit ${name}`);
  return found;
}

function person(id: string): { id: string; name: string } {
  const user = DEMO_USERS.find((u) => u.id === id);
  if (!user) throw new Error(`No demo user ${id}`);
  return { id: user.id, name: user.fullName };
}

/** What happened to each notice task after the meeting, by its position in the notice. */
const noticeProgress: Partial<
  Record<number, Pick<Task, 'status' | 'completedAt'> & { reports: [string, string, number][] }>
> = {
  0: {
    status: 'done',
    completedAt: '2022-10-20T09:00:00+07:00',
    reports: [['2022-10-20T09:00:00+07:00', 'Đã rà soát, báo cáo đánh giá hiệu quả dự án.', 100]],
  },
  1: {
    status: 'in_progress',
    completedAt: null,
    reports: [
      ['2022-10-12T15:30:00+07:00', 'Đã xây dựng dự thảo tờ trình, đang lấy ý kiến các sở.', 40],
    ],
  },
  2: {
    status: 'done',
    completedAt: '2022-11-02T10:00:00+07:00',
    reports: [
      ['2022-11-02T10:00:00+07:00', 'Hoàn thành rà soát, tham vấn ý kiến Sở Tài chính.', 100],
    ],
  },
  3: {
    status: 'done',
    completedAt: '2022-10-04T16:00:00+07:00',
    reports: [['2022-10-04T16:00:00+07:00', 'Đã hoàn thiện Đề án, trình UBND tỉnh.', 100]],
  },
  4: {
    status: 'in_progress',
    completedAt: null,
    reports: [['2022-10-18T08:45:00+07:00', 'Đang thẩm định, chờ ý kiến các sở, ngành.', 50]],
  },
  7: {
    status: 'in_progress',
    completedAt: null,
    reports: [['2022-10-10T14:00:00+07:00', 'Đã gửi văn bản xin ý kiến Bộ TT&TT.', 30]],
  },
};

function noticeTasks(notice: NoticeTask[], createdAt: string): Task[] {
  return notice.map((t, i) => {
    const progress = noticeProgress[i];
    const lead = agencyOf2022(t.lead);
    return {
      id: `${NOTICE_MEETING_ID}-task-${i + 1}`,
      meetingId: NOTICE_MEETING_ID,
      conclusionRef: null,
      lead,
      cooperating: t.cooperating.map(agencyOf2022),
      content: t.content,
      dueDate: t.due,
      dueEvent: null,
      reportTo: t.reportTo,
      recurrence: t.recurrence === 'weekly' || t.recurrence === 'monthly' ? t.recurrence : null,
      status: progress?.status ?? 'not_started',
      statusSetBy: progress ? 'lead' : null,
      statusClock: 0,
      completedAt: progress?.completedAt ?? null,
      difficulties: null,
      proposals: null,
      reports: (progress?.reports ?? []).map(([at, text, percent], n) => ({
        id: `seed-${i + 1}-${n + 1}`,
        text,
        percent,
        reportedAt: at,
        reportedBy: person(lead.id === 'hd-so-khdt' ? 'sokhdt' : 'sotttt'),
        attachments: [],
      })),
      extensions: [],
      createdAt,
      clock: 0,
    } satisfies Task;
  });
}

function reviewTasks(now: Date, createdAt: string): Task[] {
  const day = (offset: number) => vietnamDate(new Date(now.getTime() + offset * DAY_MS));
  const base = {
    meetingId: REVIEW_MEETING_ID,
    dueEvent: null,
    reportTo: 'UBND thành phố',
    statusClock: 0,
    completedAt: null,
    difficulties: null,
    proposals: null,
    extensions: [],
    createdAt,
    clock: 0,
  };
  return [
    {
      ...base,
      id: `${REVIEW_MEETING_ID}-task-1`,
      conclusionRef: '1',
      lead: agencyOfToday('Sở Giáo dục và Đào tạo'),
      cooperating: [agencyOfToday('Sở Khoa học và Công nghệ')],
      content:
        'Hoàn thành kết nối mạng cho các trường học vùng khó khăn; hàng tuần báo cáo tiến độ về Văn phòng UBND thành phố.',
      dueDate: day(5),
      recurrence: 'weekly',
      status: 'in_progress',
      statusSetBy: 'lead',
      reports: [
        {
          id: 'seed-review-1-1',
          text: 'Đã kết nối 42/60 trường; còn 18 trường chờ nhà mạng kéo cáp.',
          percent: 70,
          reportedAt: new Date(now.getTime() - 2 * DAY_MS).toISOString(),
          reportedBy: person('sogddt'),
          attachments: [],
        },
      ],
    },
    {
      ...base,
      id: `${REVIEW_MEETING_ID}-task-2`,
      conclusionRef: '2',
      lead: agencyOfToday('Sở Tài chính'),
      cooperating: [agencyOfToday('Sở Khoa học và Công nghệ')],
      content:
        'Tham mưu bố trí kinh phí thực hiện Đề án chuyển đổi số của thành phố, báo cáo UBND thành phố.',
      dueDate: day(-3),
      recurrence: null,
      status: 'not_started',
      statusSetBy: null,
      reports: [],
    },
    {
      ...base,
      id: `${REVIEW_MEETING_ID}-task-3`,
      conclusionRef: '3',
      lead: agencyOfToday('UBND xã Cẩm Giàng'),
      cooperating: [],
      content:
        'Triển khai mô hình xã thông minh trên địa bàn xã; hoàn thành trong tháng, báo cáo kết quả về Sở Khoa học và Công nghệ.',
      dueDate: day(14),
      recurrence: null,
      status: 'not_started',
      statusSetBy: null,
      reports: [],
    },
  ];
}

/**
 * Inserts the demo tasks inside the seed's transaction and stamps them with server clocks 1…N,
 * so the first pull of every client receives them.
 */
export async function insertDemoTasks(
  trx: AppDatabase,
  notice: NoticeTask[],
  now: Date,
): Promise<number> {
  const createdAt = now.toISOString();
  const tasks = [...noticeTasks(notice, createdAt), ...reviewTasks(now, createdAt)];
  let clock = 0;
  for (const task of tasks) {
    clock += 1;
    await TaskStore.save(trx, undefined, {
      ...task,
      clock,
      statusClock: task.statusSetBy ? clock : 0,
    });
  }
  await trx.updateTable('sync_clock').set({ value: clock }).where('id', '=', 1).execute();
  return tasks.length;
}
