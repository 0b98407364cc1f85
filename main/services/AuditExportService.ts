/**
 * `audit.export`: the audit log rows matching the administrator's filters as a spreadsheet, read
 * page by page from the server (at most AUDIT_EXPORT_MAX rows), then recorded there as
 * `audit.exported` with the filters (issue #16: exports are recorded). Column titles and action
 * names are Vietnamese, like the other exports (TaskExportService).
 */
import ExcelJS from 'exceljs';
import type { IpcRequest, IpcResponse } from '../../common/ipc/contract';
import {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_MAX,
  auditTimeText,
  type AuditEntryView,
} from '../../common/protocol/auditApi';
import { vietnamDate } from '../../common/domain/task';
import type { SessionService } from './SessionService';
import { XLSX_MIME_TYPE, vietnamDateTimeText } from './TaskExportService';

/** Names of the common actions as the export writes them (the renderer has its own i18n copy). */
export const AUDIT_ACTION_LABELS_VI: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.logout': 'Đăng xuất',
  'auth.login_failed': 'Đăng nhập thất bại',
  'auth.locked': 'Khóa tài khoản do đăng nhập sai',
  'auth.password_changed': 'Đổi mật khẩu',
  'auth.password_reset': 'Đặt lại mật khẩu',
  'meeting.published': 'Phát hành cuộc họp',
  'meeting.agenda_changed': 'Sửa chương trình họp',
  'invitation.answered': 'Trả lời giấy mời',
  'document.upload': 'Tải lên tài liệu',
  'agenda.current_set': 'Chuyển nội dung họp',
  'task.attachment_upload': 'Đính kèm tệp nhiệm vụ',
  'conclusions.issue': 'Ban hành kết luận',
  'conclusions.revise': 'Sửa đổi kết luận',
  'admin.created': 'Tạo quản trị viên',
  'audit.exported': 'Xuất nhật ký hệ thống',
};

export async function auditWorkbook(
  entries: readonly AuditEntryView[],
  { now, truncated }: { now: Date; truncated: boolean },
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phòng Họp';
  workbook.created = now;
  workbook.title = 'Nhật ký hệ thống';
  const sheet = workbook.addWorksheet('Nhật ký', { views: [{ state: 'frozen', ySplit: 3 }] });
  const columns = [
    { title: 'Thời gian', width: 20 },
    { title: 'Người thực hiện', width: 28 },
    { title: 'Hành động', width: 30 },
    { title: 'Mã hành động', width: 24 },
    { title: 'Đối tượng', width: 30 },
    { title: 'Chi tiết', width: 60 },
  ];
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = 'NHẬT KÝ HỆ THỐNG';
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value =
    `Ngày xuất: ${vietnamDateTimeText(now)} — ${entries.length} dòng` +
    (truncated ? ` (giới hạn ${AUDIT_EXPORT_MAX} dòng mới nhất)` : '');
  sheet.getCell(2, 1).font = { italic: true };
  const header = sheet.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.title;
    cell.font = { bold: true };
  });
  entries.forEach((e, i) => {
    sheet.getRow(4 + i).values = [
      auditTimeText(e.at),
      e.user?.fullName.normalize('NFC') ?? '',
      AUDIT_ACTION_LABELS_VI[e.action] ?? e.action,
      e.action,
      e.subject ?? '',
      e.details ? JSON.stringify(e.details) : '',
    ];
  });
  sheet.autoFilter = {
    from: { row: 3, column: 1 },
    to: { row: 3 + Math.max(entries.length, 1), column: columns.length },
  };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export class AuditExportService {
  readonly #session: SessionService;
  readonly #now: () => Date;

  constructor(session: SessionService, now: () => Date = () => new Date()) {
    this.#session = session;
    this.#now = now;
  }

  async export(filter: IpcRequest<'audit.export'>): Promise<IpcResponse<'audit.export'>> {
    const { api } = await this.#session.authorizedClient();
    const entries: AuditEntryView[] = [];
    let beforeId: number | undefined;
    let truncated = false;
    for (;;) {
      const limit = Math.min(AUDIT_PAGE_MAX, AUDIT_EXPORT_MAX - entries.length);
      const page = await api.call('listAuditLog', {}, {}, { ...filter, beforeId, limit });
      entries.push(...page.entries);
      if (page.nextBeforeId === null) break;
      if (entries.length >= AUDIT_EXPORT_MAX) {
        truncated = true;
        break;
      }
      beforeId = page.nextBeforeId;
    }
    const now = this.#now();
    const bytes = await auditWorkbook(entries, { now, truncated });
    await api.call('auditExported', {}, { filter, rows: entries.length });
    return {
      fileName: `nhat-ky-he-thong-${vietnamDate(now).replaceAll('-', '')}.xlsx`,
      mimeType: XLSX_MIME_TYPE,
      bytes,
      rows: entries.length,
      truncated,
    };
  }
}
