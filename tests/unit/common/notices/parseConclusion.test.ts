import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseConclusion,
  parsedConclusionSchema,
  type ParsedTask,
} from '../../../../common/notices/parseConclusion';
import { segmentBlocks } from '../../../../common/notices/segment';
import { normaliseNoticeText } from '../../../../common/notices/text';
import {
  contentCoverage,
  formatScores,
  noticeCases,
  repoRoot,
  scoreNotice,
  words,
  type NoticeScore,
} from './noticeAccuracy';

const scores: NoticeScore[] = [];

afterAll(() => {
  // The per-notice, per-field table for reports; silent in ordinary runs.
  if (process.env.NOTICE_ACCURACY) console.info(`\n${formatScores(scores)}\n`);
});

function fields(t: ParsedTask) {
  return {
    lead: t.lead,
    cooperating: [...t.cooperating].sort(),
    due: t.due,
    reportTo: t.reportTo,
    recurrence: t.recurrence,
  };
}

describe.each(noticeCases())('parseConclusion() on $name', ({ name, text, expected }) => {
  const parsed = parseConclusion(text, expected.options ?? {});
  scores.push(scoreNotice(name, parsed, expected));

  it('returns output that passes parsedConclusionSchema', () => {
    expect(parsedConclusionSchema.safeParse(parsed).success).toBe(true);
  });

  it('reads the meeting date, chair and place of the header', () => {
    expect(parsed.meeting).toEqual(expected.meeting);
  });

  it('finds exactly the hand-labelled tasks, and no assessment or past event', () => {
    expect(parsed.tasks.map((t) => t.lead)).toEqual(expected.tasks.map((t) => t.lead));
  });

  describe.each(expected.tasks.map((task, index) => ({ task, index, n: index + 1 })))(
    'task $n ($task.lead)',
    ({ task, index }) => {
      const got = parsed.tasks[index];

      it('has the labelled lead, cooperating agencies, due date, report-to and recurrence', () => {
        expect(got && fields(got)).toEqual(fields(task));
      });

      it("takes its content from the task's own sentences", () => {
        expect(got).toBeDefined();
        if (!got) return;
        // Most words of the labelled content are there, and every word comes from the notice.
        expect(contentCoverage(got.content, task.content)).toBeGreaterThanOrEqual(0.6);
        const source = words(text);
        expect([...words(got.content)].filter((w) => !source.has(w))).toEqual([]);
      });
    },
  );
});

describe('parseConclusion() rules', () => {
  const meetingLine =
    'Ngày 27/9/2022, đồng chí Nguyễn Minh Hùng, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp và kết luận như sau:\n\n';

  it('treats bold markers and line breaks inside a sentence as noise', () => {
    const plain = parseConclusion(
      `${meetingLine}- Giao Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính thẩm định hồ sơ, báo cáo UBND tỉnh trước ngày 15/10/2022.`,
    );
    const marked = parseConclusion(
      `${meetingLine}- Giao **Sở KH&ĐT** chủ trì, phối hợp với Sở Tài chính\nthẩm định hồ sơ, báo cáo UBND tỉnh **trước ngày\n15/10/2022**.`,
    );
    expect(marked.tasks).toEqual(plain.tasks);
    expect(plain.tasks[0]).toMatchObject({
      lead: 'Sở Kế hoạch và Đầu tư',
      cooperating: ['Sở Tài chính'],
      due: '2022-10-15',
      reportTo: 'UBND tỉnh',
    });
  });

  it('keeps a hyphen that wraps into the middle of a sentence in the sentence', () => {
    const blocks = segmentBlocks(
      'Đề án giai đoạn 2020\n- 2025, định hướng đến năm 2030.\n- Sở Y tế rà soát.',
    );
    expect(blocks.map((b) => [b.marker, b.text])).toEqual([
      ['none', 'Đề án giai đoạn 2020 - 2025, định hướng đến năm 2030.'],
      ['dash', 'Sở Y tế rà soát.'],
    ]);
  });

  it('joins a sentence cut by a page break', () => {
    const blocks = segmentBlocks(
      normaliseNoticeText(
        '- Giao Sở Y tế rà soát các sở,\n\nngành liên quan.\n\n- Giao Sở Tài chính bố trí kinh phí.',
      ),
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'Giao Sở Y tế rà soát các sở, ngành liên quan.',
      'Giao Sở Tài chính bố trí kinh phí.',
    ]);
  });

  it('gives no task for assessments, causes and past assignments', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}Ban Chỉ đạo cơ bản nhất trí với nội dung dự thảo Báo cáo. ` +
        'Sở Thông tin và Truyền thông đã có văn bản số 990/STTTT ngày 28/7/2022. ' +
        'UBND tỉnh đã giao Sở TT&TT chủ trì, phối hợp với các sở, ngành xem xét, tham mưu. ' +
        'BCĐ đánh giá cao sự vào cuộc của các sở, ngành, địa phương.\n\n' +
        '- Việc bàn giao mặt bằng kéo dài, ảnh hưởng đến tiến độ thi công.',
    );
    expect(tasks).toEqual([]);
  });

  it('makes each bullet under "Yêu cầu X:" a task of X', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}Yêu cầu Sở Y tế:\n- Chỉ đạo các bệnh viện bảo đảm đủ thuốc.\n- Phối hợp với Sở Tài chính lập dự toán, trình UBND tỉnh trước ngày 20/10.\n\nGiao Công an tỉnh bảo đảm an ninh trật tự.`,
    );
    expect(tasks.map(fields)).toEqual([
      { lead: 'Sở Y tế', cooperating: [], due: null, reportTo: null, recurrence: null },
      {
        lead: 'Sở Y tế',
        cooperating: ['Sở Tài chính'],
        due: '2022-10-20',
        reportTo: 'UBND tỉnh',
        recurrence: null,
      },
      { lead: 'Công an tỉnh', cooperating: [], due: null, reportTo: null, recurrence: null },
    ]);
  });

  it('reads "hàng tuần báo cáo" as weekly and "định kỳ hàng tháng báo cáo" as monthly', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}1. Sở Xây dựng đẩy nhanh tiến độ thi công; hàng tuần báo cáo tiến độ cho đến khi hoàn thành.\n2. Sở Tài chính theo dõi giải ngân, định kỳ hàng tháng báo cáo Chủ tịch UBND tỉnh.\n3. Sở Y tế chi trả phụ cấp hàng tháng cho nhân viên y tế thôn bản.`,
    );
    expect(tasks.map((t) => [t.recurrence, t.reportTo])).toEqual([
      ['weekly', null],
      ['monthly', 'Chủ tịch UBND tỉnh'],
      [null, null],
    ]);
  });

  it('gives the recipient, not the channel, for "báo cáo UBND tỉnh qua Văn phòng UBND tỉnh"', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}1. UBND các huyện thống kê thiệt hại, báo cáo UBND tỉnh qua Văn phòng UBND tỉnh trước ngày 31/10/2022.\n2. Sở Công Thương tổng hợp, báo cáo qua Văn phòng UBND tỉnh.`,
    );
    expect(tasks.map((t) => t.reportTo)).toEqual(['UBND tỉnh', 'UBND tỉnh']);
  });

  it('leaves the due date null for an event-bound deadline', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}Sở Giao thông vận tải khắc phục các điểm sạt lở ngay sau khi nước rút.`,
    );
    expect(tasks.map((t) => [t.lead, t.due])).toEqual([['Sở Giao thông vận tải', null]]);
  });

  it('reads the subject after a topic or a colon ("Về kinh phí, Sở Tài chính …", "Sở Xây dựng: …")', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}1. Về kinh phí, Sở Tài chính cân đối, bố trí trong dự toán năm 2023.\n2. Sở Xây dựng: khẩn trương hoàn thiện hồ sơ, trình UBND tỉnh trong tháng 11.`,
    );
    expect(tasks.map((t) => [t.lead, t.content, t.due, t.reportTo])).toEqual([
      ['Sở Tài chính', 'Cân đối, bố trí trong dự toán năm 2023', null, null],
      [
        'Sở Xây dựng',
        'Khẩn trương hoàn thiện hồ sơ, trình UBND tỉnh trong tháng 11',
        '2022-11-30',
        'UBND tỉnh',
      ],
    ]);
  });

  it('adds "Sở A, Sở B phối hợp" after a lead\'s clause to its cooperating agencies', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}Sở Nội vụ chủ trì thẩm định đề án; Sở Tư pháp, Sở Tài chính phối hợp.`,
    );
    expect(tasks.map(fields)).toEqual([
      {
        lead: 'Sở Nội vụ',
        cooperating: ['Sở Tài chính', 'Sở Tư pháp'],
        due: null,
        reportTo: null,
        recurrence: null,
      },
    ]);
  });

  it('reads dates without a year against options.referenceDate when the text has no meeting date', () => {
    const { meeting, tasks } = parseConclusion('Giao Sở Nội vụ hoàn thành trước ngày 10/9.', {
      referenceDate: '2024-07-15',
    });
    expect(meeting).toEqual({ date: null, chair: null, place: null });
    expect(tasks.map((t) => t.due)).toEqual(['2024-09-10']);
  });

  it('makes a paragraph that only names an agency the header of the items under it', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}1. Sở Giáo dục và Đào tạo\n- Theo dõi, đôn đốc các trường hoàn thành chương trình năm học.\n- Đề xuất UBND tỉnh thành lập Ban Chỉ đạo thi trước ngày 10/10.\n2. Sở Tài chính có trách nhiệm thẩm định, trình UBND tỉnh bổ sung kinh phí theo chương trình UBND tỉnh đã phê duyệt.`,
    );
    expect(tasks.map((t) => [t.lead, t.content.slice(0, 20), t.due, t.reportTo])).toEqual([
      ['Sở Giáo dục và Đào tạo', 'Theo dõi, đôn đốc cá', null, null],
      ['Sở Giáo dục và Đào tạo', 'Đề xuất UBND tỉnh th', '2022-10-10', 'UBND tỉnh'],
      ['Sở Tài chính', 'Thẩm định, trình UBN', null, 'UBND tỉnh'],
    ]);
  });

  it('reads agencies missing from the list by their form (Hội, Liên minh, Chi cục, Viễn thông)', () => {
    const { tasks } = parseConclusion(
      `${meetingLine}1. Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ tỉnh và Tỉnh đoàn tuyên truyền, vận động hội viên.\n` +
        '2. Liên minh Hợp tác xã tỉnh chủ trì, phối hợp với Chi cục Phát triển nông thôn hướng dẫn thành lập hợp tác xã.\n' +
        '3. Thống nhất giao Sở TT&TT chủ trì, phối hợp Viễn thông Quảng Bình bảo đảm thông tin liên lạc.',
    );
    expect(tasks.map((t) => [t.lead, t.cooperating])).toEqual([
      ['Hội Nông dân tỉnh', ['Hội Liên hiệp Phụ nữ tỉnh', 'Tỉnh đoàn']],
      ['Liên minh Hợp tác xã tỉnh', ['Chi cục Phát triển nông thôn']],
      ['Sở Thông tin và Truyền thông', ['Viễn thông Quảng Bình']],
    ]);
  });

  it('finds the same meeting in the news report of it as in the notice', () => {
    const news = readFileSync(
      `${repoRoot}resources/demo/notices/hai-duong-2022-09-news.txt`,
      'utf8',
    );
    const { meeting, tasks } = parseConclusion(news);
    expect(meeting).toEqual({ date: '2022-09-27', chair: 'Nguyễn Minh Hùng', place: 'Hải Dương' });
    expect(new Set(tasks.map((t) => t.lead))).toEqual(new Set(['Sở Thông tin và Truyền thông']));
  });

  it('returns an empty result for empty text', () => {
    expect(parseConclusion('')).toEqual({
      meeting: { date: null, chair: null, place: null },
      tasks: [],
    });
  });
});
