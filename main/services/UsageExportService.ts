/**
 * `usage.export`: the usage figures of a period (common/protocol/usageApi.ts) as the report an
 * operator hands in: a sheet per month with the totals, and a sheet per unit, in Vietnamese like
 * the other exports (TaskExportService, AuditExportService), whatever language the screen is in.
 * The figures are read from the server once, exactly as the screen shows them.
 */
import ExcelJS from 'exceljs';
import type { IpcRequest, IpcResponse } from '../../common/ipc/contract';
import { conferenceHours, type UsageReport } from '../../common/protocol/usageApi';
import type { SessionService } from './SessionService';
import { XLSX_MIME_TYPE, vietnamDateTimeText } from './TaskExportService';

/** "2019-11-05" → "05/11/2019"; "2019-11" → "11/2019". */
const dayText = (day: string) => day.split('-').reverse().join('/');

const HOURS_FORMAT = '#,##0.0';

/** What the hours count, as the report states it under its title. */
export const USAGE_HOURS_NOTE_VI =
  'Số giờ họp: thời gian phòng họp trực tuyến có người kết nối, theo nhật ký hệ thống; cuộc họp ' +
  'không có ai kết nối trực tuyến được tính theo thời lượng dự kiến (từ giờ bắt đầu đến giờ kết thúc).';

function title(sheet: ExcelJS.Worksheet, lines: string[], width: number): number {
  lines.forEach((line, i) => {
    sheet.mergeCells(i + 1, 1, i + 1, width);
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
    else cell.font = { italic: true };
  });
  sheet.getRow(lines.length).height = 32;
  return lines.length + 2;
}

function header(sheet: ExcelJS.Worksheet, row: number, titles: string[]): void {
  const r = sheet.getRow(row);
  titles.forEach((t, i) => {
    const cell = r.getCell(i + 1);
    cell.value = t;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  r.height = 48;
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

export async function usageWorkbook(
  report: UsageReport,
  { now }: { now: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phòng Họp';
  workbook.created = now;
  workbook.title = 'Thống kê sử dụng';
  const lines = [
    'BÁO CÁO THỐNG KÊ SỬ DỤNG HỆ THỐNG HỌP TRỰC TUYẾN',
    `Từ ngày ${dayText(report.from)} đến ngày ${dayText(report.to)}` +
      (report.unit ? ` — Đơn vị: ${report.unit.name.normalize('NFC')}` : '') +
      ` — Ngày lập: ${vietnamDateTimeText(now)}`,
    USAGE_HOURS_NOTE_VI,
  ];

  const monthTitles = [
    'Tháng',
    'Số cuộc họp',
    'Cuộc họp có kết nối trực tuyến',
    'Giờ họp theo kết nối thực tế',
    'Giờ họp theo thời lượng dự kiến',
    'Tổng số giờ họp',
    'Số điểm cầu kết nối',
    'Số người kết nối',
    'Số tài liệu phát hành',
    'Số nhiệm vụ được giao',
  ];
  const months = workbook.addWorksheet('Theo tháng');
  months.columns = monthTitles.map((_, i) => ({ width: i === 0 ? 14 : 16 }));
  const monthHeader = title(months, lines, monthTitles.length);
  header(months, monthHeader, monthTitles);
  const figures = (f: UsageReport['totals']) => [
    f.meetings,
    f.connectedMeetings,
    hours(f.connectedSeconds),
    hours(f.plannedSeconds),
    Math.round(conferenceHours(f) * 100) / 100,
    f.sites,
    f.people,
    f.documents,
    f.tasks,
  ];
  report.months.forEach((m, i) => {
    months.getRow(monthHeader + 1 + i).values = [dayText(m.month), ...figures(m)];
  });
  const totalRow = months.getRow(monthHeader + 1 + report.months.length);
  totalRow.values = ['Tổng cộng', ...figures(report.totals)];
  totalRow.font = { bold: true };
  for (const column of [4, 5, 6]) months.getColumn(column).numFmt = HOURS_FORMAT;
  const note = monthHeader + 3 + report.months.length;
  months.mergeCells(note, 1, note, monthTitles.length);
  months.getCell(note, 1).value =
    'Dòng tổng cộng: điểm cầu và người kết nối được tính một lần cho cả kỳ báo cáo.';
  months.getCell(note, 1).font = { italic: true };
  months.views = [{ state: 'frozen', ySplit: monthHeader }];

  const unitTitles = [
    'STT',
    'Đơn vị',
    'Số cuộc họp (đơn vị chuẩn bị)',
    'Cuộc họp có kết nối trực tuyến',
    'Tổng số giờ họp',
    'Số tài liệu phát hành',
    'Số nhiệm vụ chủ trì',
  ];
  const units = workbook.addWorksheet('Theo đơn vị');
  units.columns = unitTitles.map((_, i) => ({ width: i === 0 ? 6 : i === 1 ? 44 : 16 }));
  const unitHeader = title(units, lines, unitTitles.length);
  header(units, unitHeader, unitTitles);
  report.units.forEach((u, i) => {
    units.getRow(unitHeader + 1 + i).values = [
      i + 1,
      u.unit.name.normalize('NFC'),
      u.meetings,
      u.connectedMeetings,
      Math.round(conferenceHours(u) * 100) / 100,
      u.documents,
      u.tasks,
    ];
  });
  units.getColumn(5).numFmt = HOURS_FORMAT;
  units.views = [{ state: 'frozen', ySplit: unitHeader }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export class UsageExportService {
  readonly #session: SessionService;
  readonly #now: () => Date;

  constructor(session: SessionService, now: () => Date = () => new Date()) {
    this.#session = session;
    this.#now = now;
  }

  async export(query: IpcRequest<'usage.export'>): Promise<IpcResponse<'usage.export'>> {
    const { api } = await this.#session.authorizedClient();
    const report = await api.call('getUsage', {}, {}, query);
    const bytes = await usageWorkbook(report, { now: this.#now() });
    const compact = (day: string) => day.replaceAll('-', '');
    return {
      fileName: `thong-ke-su-dung-${compact(report.from)}-${compact(report.to)}.xlsx`,
      mimeType: XLSX_MIME_TYPE,
      bytes,
    };
  }
}
