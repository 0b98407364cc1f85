/**
 * The demo's follow-up tasks: the eight of the 27/9/2022 notice, with the progress the agencies
 * reported on them, and three tasks of the review meeting due around the day the demo starts, so
 * the tracking views show tasks done on time, done late, in progress, due soon and overdue.
 */
import type { AgencyRef, Task } from '../../../common/domain/task';
import { vietnamDate } from '../../../common/domain/task';
import type { AppDatabase } from '../db/database';
import { TaskStore } from '../sync/TaskStore';
import { DEMO_UNITS, DEMO_USERS, NOTICE_MEETING_ID } from './demoData';

export interface NoticeTask {
  lead: string;
  cooperating: string[];
  due: string | null;
  reportTo: string | null;
  recurrence: string | null;
  content: string;
}

const REVIEW_MEETING_ID = 'hd-bcd-cds-review';
const DAY_MS = 86_400_000;

function agency(name: string): AgencyRef {
  return { id: DEMO_UNITS.find((u) => u.name === name)?.id ?? null, name };
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
    const lead = agency(t.lead);
    return {
      id: `${NOTICE_MEETING_ID}-task-${i + 1}`,
      meetingId: NOTICE_MEETING_ID,
      conclusionRef: null,
      lead,
      cooperating: t.cooperating.map(agency),
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
    reportTo: 'UBND tỉnh',
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
      lead: agency('Sở Giáo dục và Đào tạo'),
      cooperating: [agency('Sở Thông tin và Truyền thông')],
      content:
        'Hoàn thành kết nối mạng cho các trường học vùng khó khăn; hàng tuần báo cáo tiến độ về Văn phòng UBND tỉnh.',
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
      lead: agency('Sở Tài chính'),
      cooperating: [agency('Sở Kế hoạch và Đầu tư')],
      content:
        'Tham mưu bố trí kinh phí thực hiện Đề án chuyển đổi số năm 2023, báo cáo UBND tỉnh.',
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
      lead: agency('UBND huyện Cẩm Giàng'),
      cooperating: [],
      content:
        'Triển khai mô hình xã thông minh tại xã Cẩm Vũ; hoàn thành trong tháng, báo cáo kết quả về Sở Thông tin và Truyền thông.',
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
