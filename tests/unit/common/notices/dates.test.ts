import { describe, expect, it } from 'vitest';
import {
  anchorFrom,
  extractDueDate,
  extractMeetingDate,
  extractPlaceAndDate,
} from '../../../../common/notices/dates';

const september2022 = anchorFrom('2022-09-27');

describe('extractDueDate()', () => {
  it.each([
    ['hoàn thiện và báo cáo UBND tỉnh trước ngày 15/10/2022.', '2022-10-15'],
    ['gửi UBND tỉnh chậm nhất vào ngày 05/10/2022 để xem xét', '2022-10-05'],
    ['báo cáo chậm nhất trước ngày 31/10/2022', '2022-10-31'],
    ['chậm nhất ngày 15-8-2024', '2024-08-15'],
    ['hoàn thành trước 30/6/2023', '2023-06-30'],
    ['trình UBND tỉnh trong ngày 28/10/2022', '2022-10-28'],
    ['hoàn thành trước ngày 05 tháng 01 năm 2024', '2024-01-05'],
    ['Thời hạn hoàn thành: ngày 20/12/2022', '2022-12-20'],
    ['trước ngày 15/10/22', '2022-10-15'],
    ['hoàn thành trong tháng 04/2024', '2024-04-30'],
    ['trong tháng 2/2024', '2024-02-29'],
    ['trong tháng 6 năm 2023', '2023-06-30'],
    ['thời gian hoàn thành: tháng 7/2024', '2024-07-31'],
    ['hoàn thành trước tháng 6/2024', '2024-05-31'],
    ['kiểm tra trong quý II/2024', '2024-06-30'],
    ['trong quý IV năm 2023', '2023-12-31'],
    ['trước quý I/2024', '2023-12-31'],
  ])('reads %j as %s', (text, due) => {
    expect(extractDueDate(text, september2022)).toBe(due);
  });

  it('gives a date without a year the year of the anchor', () => {
    expect(extractDueDate('trình UBND tỉnh trước ngày 20/10', september2022)).toBe('2022-10-20');
    expect(extractDueDate('trình UBND tỉnh trong tháng 11', september2022)).toBe('2022-11-30');
  });

  it('moves a yearless date before the meeting into the next year', () => {
    expect(extractDueDate('báo cáo UBND tỉnh trước ngày 15/01', anchorFrom('2023-12-18'))).toBe(
      '2024-01-15',
    );
  });

  it('returns null for a yearless date with no anchor', () => {
    expect(extractDueDate('trước ngày 15/10', null)).toBeNull();
  });

  it('takes the latest of several deadlines (interim report, then completion)', () => {
    expect(
      extractDueDate(
        'báo cáo tiến độ trước ngày 10/10/2022 và hoàn thành trước ngày 30/11/2022',
        september2022,
      ),
    ).toBe('2022-11-30');
  });

  it.each([
    ['tại Thông báo số 139/TB-VPCP ngày 03/4/2020 của Văn phòng Chính phủ'],
    ['bảo đảm giao thông thông suốt ngay sau khi nước rút'],
    ['thực hiện giải ngân hoàn thành trong năm 2022'],
    ['hoàn thành trước ngày 31/02/2024'],
    ['bố trí trực 24/24 giờ trong dịp Tết'],
    ['số liệu tính đến ngày 30/9/2022'],
  ])('finds no deadline in %j', (text) => {
    expect(extractDueDate(text, september2022)).toBeNull();
  });
});

describe('extractMeetingDate()', () => {
  it.each([
    ['Ngày 27/9/2022, Ban chỉ đạo Chuyển đổi số tỉnh tổ chức cuộc họp', '2022-09-27'],
    ['(Quang Binh Portal) - Ngày 13/5/2020, UBND tỉnh tổ chức phiên họp', '2020-05-13'],
    ['Sáng ngày 05 tháng 5 năm 2023, tại trụ sở UBND tỉnh', '2023-05-05'],
    ['Chiều ngày 24/10/2022, tại Trụ sở UBND tỉnh', '2022-10-24'],
    ['THÔNG BÁO\nChiều 27/9, Ban Chỉ đạo tổ chức hội nghị', '2022-09-27'],
  ])('reads the date opening %j', (text, date) => {
    expect(extractMeetingDate(text, 2022)).toBe(date);
  });

  it('ignores the place-and-date line and dates of cited documents', () => {
    expect(
      extractMeetingDate(
        'Hải Dương, ngày 29 tháng 9 năm 2022\nĐề án đã được phê duyệt tại Quyết định số 3639/QĐ-UBND ngày 04/12/2020.',
        2022,
      ),
    ).toBeNull();
  });
});

describe('extractPlaceAndDate()', () => {
  it('reads the place and the date, or only the year when the day is left blank', () => {
    expect(extractPlaceAndDate('Ninh Bình, ngày 22 tháng 3 năm 2024')).toEqual({
      place: 'Ninh Bình',
      date: '2024-03-22',
      year: 2024,
    });
    expect(extractPlaceAndDate('Hải Dương, ngày tháng 10 năm 2022')).toEqual({
      place: 'Hải Dương',
      date: null,
      year: 2022,
    });
  });

  it('finds the place on a header line flattened with the number', () => {
    expect(extractPlaceAndDate('Số: 412/TB-VP Hà Tĩnh, ngày 14 tháng 11 năm 2023')?.place).toBe(
      'Hà Tĩnh',
    );
  });
});
