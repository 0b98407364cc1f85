/**
 * The week's calendar (lịch họp tuần) as a reader checks it: rendered with a week of Hải Phòng's
 * meetings (after the 2025 merger), read back with poppler's pdftotext, and held to what an
 * office would look for: the week's dates, every day in order with its meetings at their Vietnam
 * times, postponed and cancelled meetings marked, the unit the calendar is for, and, for a long
 * week, more pages with the header row on each of them and nothing lost between them.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../../common/domain/meetingPlan';
import {
  CALENDAR_COLUMNS,
  calendarColumnEdges,
  renderWeekCalendarPdf,
  type WeekCalendarPdfInput,
} from '../../../sfu-server/src/notices/weekCalendarPdf';
import { foldSpaces, pdfPages, pdfText } from '../../helpers/pdfText';
import { inTimeZone } from '../../helpers/timeZone';

// Monday 07/12/2026 00:00 to Monday 14/12/2026 00:00 in Vietnam (UTC+7).
const WEEK = {
  weekStart: new Date('2026-12-06T17:00:00.000Z'),
  weekEnd: new Date('2026-12-13T17:00:00.000Z'),
};

const CHAIR = 'Lê Quang Huy';

function entry(
  id: string,
  title: string,
  startsAt: string,
  more: Partial<CalendarEntry> = {},
): CalendarEntry {
  return {
    meetingId: id,
    title,
    kind: 'working_meeting',
    status: 'published',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
    place: 'Phòng họp số 1, UBND thành phố',
    online: false,
    chairName: CHAIR,
    preparingUnit: null,
    participants: 'Sở Tài chính, Sở Xây dựng',
    ...more,
  };
}

const ENTRIES: CalendarEntry[] = [
  // Given in UTC: 01:00Z is 8h00 in Hải Phòng.
  entry(
    'm1',
    'Họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
    '2026-12-07T01:00:00Z',
    {
      preparingUnit: 'Sở Tài chính',
      participants: 'Sở Tài chính, Sở Xây dựng, Kho bạc Nhà nước khu vực III',
    },
  ),
  entry(
    'm2',
    'Hội nghị trực tuyến triển khai Nghị quyết số 57-NQ/TW về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    '2026-12-07T14:00:00+07:00',
    {
      kind: 'online_conference',
      place: 'Hội trường UBND thành phố',
      online: true,
      participants: 'Các sở, ngành; UBND các xã, phường, đặc khu',
    },
  ),
  entry(
    'm3',
    'Làm việc với UBND xã An Lão về công tác giải phóng mặt bằng',
    '2026-12-08T09:30:00+07:00',
    {
      status: 'postponed',
      place: 'Trụ sở UBND xã An Lão',
      participants: 'Sở Nông nghiệp và Môi trường, UBND xã An Lão',
    },
  ),
  entry('m4', 'Phiên họp UBND thành phố thường kỳ tháng 12', '2026-12-09T00:30:00Z', {
    kind: 'ubnd_session',
    participants: 'Thành viên UBND thành phố',
  }),
  entry('m5', 'Họp Ban Chỉ đạo Chuyển đổi số thành phố', '2026-12-10T15:00:00+07:00', {
    kind: 'steering_committee',
    status: 'cancelled',
    preparingUnit: 'Sở Khoa học và Công nghệ',
  }),
  entry('m6', 'Kiểm tra công tác phòng cháy, chữa cháy tại các chợ', '2026-12-12T08:00:00+07:00', {
    place: 'Chợ Sắt, phường Hồng Bàng',
    participants: 'Công an thành phố, Sở Công Thương',
  }),
];

function input(more: Partial<WeekCalendarPdfInput> = {}): WeekCalendarPdfInput {
  return {
    provinceName: 'UBND thành phố Hải Phòng',
    ...WEEK,
    entries: ENTRIES,
    issuedAt: new Date('2026-12-04T02:00:00Z'),
    ...more,
  };
}

type Column = (typeof CALENDAR_COLUMNS)[number]['header'];

/**
 * One column read down the table's pages, as a reader runs an eye down it: wrapped cells read
 * whole, and a cell continued on the next page reads on past the repeated header.
 */
function column(bytes: Uint8Array, header: Column): string {
  const edges = calendarColumnEdges();
  const i = CALENDAR_COLUMNS.findIndex((c) => c.header === header);
  const [left, right] = [edges[i]!, edges[i + 1]!];
  const pages = pdfPages(bytes, { x: left, y: 0, width: right - left, height: 600 });
  return foldSpaces(
    pages.map((page) => page.slice(page.indexOf(header) + header.length)).join(' '),
  );
}

const HEADER_ROW = /Thứ\/ngày\s+Giờ\s+Nội dung\s+Chủ trì\s+Thành phần\s+Địa điểm/u;
/** The first line of a row that opens a page: its day and its part of the day, named again. */
const OPENING_ROW = /^\s*(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật)\s+(?:Sáng|Chiều|Tối)\s/u;

describe('renderWeekCalendarPdf', () => {
  it('renders the week as offices publish it: dates, days in order, Vietnam times, marks', async () => {
    const bytes = await renderWeekCalendarPdf(input({ unitName: 'Sở Tài chính' }));
    const layout = pdfText(bytes);
    // Every Vietnamese letter is one precomposed character.
    expect(layout).toBe(layout.normalize('NFC'));
    const text = foldSpaces(layout);
    for (const expected of [
      'UBND THÀNH PHỐ HẢI PHÒNG',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Hải Phòng, ngày 04 tháng 12 năm 2026',
      'LỊCH HỌP TUẦN',
      '(Từ ngày 07/12 đến ngày 13/12/2026)',
      'Đơn vị: Sở Tài chính',
    ])
      expect(text).toContain(expected);
    expect(layout).toMatch(HEADER_ROW);
    // A row reads along one line: the day, the part of the day, the first line of the meeting.
    expect(layout).toMatch(/Thứ Hai\s+Sáng\s+Họp nghe báo cáo/u);
    expect(layout).toMatch(/07\/12\s+8h00/u);
    expect(layout).toMatch(/Chiều\s+Hội nghị trực tuyến/u);
    expect(layout).toMatch(/Thứ Tư\s+Sáng\s+Phiên họp UBND/u);
    expect(layout).toMatch(/09\/12\s+7h30/u);
    // Monday to Friday always, Saturday for its meeting, Sunday (no meeting) not at all.
    const days = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'].map((d) =>
      layout.search(new RegExp(`^\\s*${d}\\s`, 'mu')),
    );
    expect(days.every((at) => at > 0)).toBe(true);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(layout).not.toContain('Chủ nhật');
    expect(layout).toMatch(/Thứ Sáu\s+Không có lịch họp/u);

    // Down each column (the page's lines interleave a wrapped cell with its neighbours').
    const content = column(bytes, 'Nội dung');
    const titles = ENTRIES.map((e) => content.indexOf(e.title));
    expect(titles.every((at) => at >= 0)).toBe(true);
    expect(titles).toEqual([...titles].sort((a, b) => a - b));
    expect(content).toContain('Làm việc với UBND xã An Lão về công tác giải phóng mặt bằng (Hoãn)');
    expect(content).toContain('Họp Ban Chỉ đạo Chuyển đổi số thành phố (Hủy)');
    expect(content).toContain('Chuẩn bị: Sở Tài chính');
    expect(content).toContain('Chuẩn bị: Sở Khoa học và Công nghệ');
    const places = column(bytes, 'Địa điểm');
    expect(places).toContain('Hội trường UBND thành phố (kết hợp trực tuyến)');
    expect(places).toContain('Chợ Sắt, phường Hồng Bàng');
    expect(column(bytes, 'Thành phần')).toContain(
      'Sở Tài chính, Sở Xây dựng, Kho bạc Nhà nước khu vực III',
    );
    expect(column(bytes, 'Chủ trì').split(CHAIR)).toHaveLength(ENTRIES.length + 1);
    expect(pdfPages(bytes)).toHaveLength(1);
  });

  it("renderWeekCalendarPdf() gives the same calendar whatever the server's time zone", async () => {
    const west = await inTimeZone('America/Los_Angeles', () => renderWeekCalendarPdf(input()));
    const east = await inTimeZone('Asia/Tokyo', () => renderWeekCalendarPdf(input()));
    expect(Buffer.from(west).equals(Buffer.from(east))).toBe(true);
    expect(pdfText(west)).toMatch(/07\/12\s+8h00/u);
    // Without a unit, no unit line.
    expect(pdfText(west)).not.toContain('Đơn vị:');
  });

  it('renderWeekCalendarPdf() of 40 meetings continues on more pages, each with the header row and its day', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => {
      const day = 7 + Math.floor(i / 8);
      const hour = 7 + (i % 8) * 1.5;
      const at = `2026-12-${String(day).padStart(2, '0')}T${String(Math.floor(hour)).padStart(2, '0')}:${hour % 1 ? '30' : '00'}:00+07:00`;
      return entry(
        `m${i + 1}`,
        `Họp chuyên đề số ${i + 1} về chương trình mục tiêu quốc gia xây dựng nông thôn mới`,
        at,
        {
          participants:
            'Sở Nông nghiệp và Môi trường, Sở Tài chính, Sở Xây dựng, UBND các xã An Lão, Tiên Lãng, Vĩnh Bảo',
          preparingUnit: i % 2 ? 'Sở Nông nghiệp và Môi trường' : null,
        },
      );
    });
    const bytes = await renderWeekCalendarPdf(input({ entries }));
    const pages = pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toMatch(HEADER_ROW);
      // The first row under the header names its day and part of the day, on a continued page too.
      const afterHeader = page.slice(page.search(HEADER_ROW));
      expect(
        afterHeader
          .split('\n')
          .slice(1)
          .find((line) => line.trim() !== ''),
      ).toMatch(OPENING_ROW);
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    // Nothing lost between pages, and in order.
    const content = column(bytes, 'Nội dung');
    const positions = entries.map((e) => content.indexOf(e.title));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('renderWeekCalendarPdf() continues a row taller than a page on the next pages', async () => {
    const communes = Array.from({ length: 120 }, (_, i) => `UBND xã số ${i + 1}`);
    const bytes = await renderWeekCalendarPdf(
      input({
        entries: [
          entry(
            'big',
            'Hội nghị trực tuyến toàn thành phố về phòng, chống thiên tai',
            '2026-12-09T08:00:00+07:00',
            {
              online: true,
              participants: communes.join(', '),
            },
          ),
          entry('after', 'Họp giao ban Văn phòng UBND thành phố', '2026-12-09T14:00:00+07:00'),
        ],
      }),
    );
    const pages = pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page).toMatch(HEADER_ROW);
    const participants = column(bytes, 'Thành phần');
    const positions = communes.map((c) => participants.indexOf(`${c},`));
    expect(positions.slice(0, -1).every((at) => at >= 0)).toBe(true);
    expect(participants).toContain(communes.at(-1));
    expect(positions.slice(0, -1)).toEqual(positions.slice(0, -1).sort((a, b) => a - b));
    expect(column(bytes, 'Nội dung')).toContain('Họp giao ban Văn phòng UBND thành phố');
  });

  it('renderWeekCalendarPdf() of a week across the new year writes both years', async () => {
    const bytes = await renderWeekCalendarPdf(
      input({
        provinceName: 'tỉnh Quảng Trị',
        weekStart: new Date('2026-12-27T17:00:00Z'),
        weekEnd: new Date('2027-01-03T17:00:00Z'),
        entries: [],
      }),
    );
    const text = foldSpaces(pdfText(bytes));
    expect(text).toContain('UBND TỈNH QUẢNG TRỊ');
    expect(text).toContain('Quảng Trị, ngày 04 tháng 12 năm 2026');
    expect(text).toContain('(Từ ngày 28/12/2026 đến ngày 03/01/2027)');
    // An empty week still lists its working days, Thursday 31/12 to Friday 01/01 included.
    expect(pdfText(bytes)).toMatch(/Thứ Sáu\s+Không có lịch họp\s*\n\s*01\/01/u);
  });
});
