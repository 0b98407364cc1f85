import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../common/domain/task';
import {
  exportFileName,
  PDF_MIME_TYPE,
  SHEET_HEADER_ROW,
  TaskExportService,
  tasksToPdf,
  vietnamDateTimeText,
  wrapText,
  XLSX_MIME_TYPE,
} from '../../../main/services/TaskExportService';
import { makeTask } from '../../helpers/taskFixture';

const fontsDir = fileURLToPath(new URL('../../../resources/fonts', import.meta.url));
// 14:05 on 20/10/2022 in Vietnam.
const NOW = new Date('2022-10-20T07:05:00.000Z');

const task = makeTask;

const TASKS: Task[] = [
  task('t-overdue', {
    conclusionRef: '2',
    lead: { id: 'hd-so-tc', name: 'Sở Tài chính' },
    cooperating: [{ id: 'hd-so-khdt', name: 'Sở Kế hoạch và Đầu tư' }],
    content: 'Tham mưu bố trí kinh phí thực hiện Đề án chuyển đổi số năm 2023, báo cáo UBND tỉnh.',
    dueDate: '2022-10-17',
  }),
  task('t-reported', {
    conclusionRef: '1',
    lead: { id: 'hd-so-gddt', name: 'Sở Giáo dục và Đào tạo' },
    cooperating: [
      { id: 'hd-so-tttt', name: 'Sở Thông tin và Truyền thông' },
      { id: null, name: 'các sở, ngành' },
    ],
    content:
      'Hoàn thành kết nối mạng cho các trường học vùng khó khăn; hàng tuần báo cáo tiến độ về Văn phòng UBND tỉnh.',
    dueDate: '2022-10-25',
    recurrence: 'weekly',
    status: 'in_progress',
    reports: [
      {
        id: 'r1',
        text: 'Đã kết nối 42/60 trường; còn 18 trường chờ nhà mạng kéo cáp.',
        percent: 70,
        reportedAt: '2022-10-18T09:00:00+07:00',
        reportedBy: { id: 'sogddt', name: 'Lê Văn Giáo' },
        attachments: [],
      },
    ],
    extensions: [
      {
        id: 'e1',
        previousDue: '2022-10-15',
        newDue: '2022-10-25',
        reason: 'Nhà mạng chậm kéo cáp',
        grantedAt: '2022-10-14T08:00:00+07:00',
        grantedBy: { id: 'thuky', name: 'Thư ký' },
      },
    ],
  }),
  task('t-event', {
    content: 'Triển khai ngay sau khi có ý kiến của Bộ Thông tin và Truyền thông.',
    dueEvent: 'Sau khi có ý kiến của Bộ TT&TT',
    status: 'done',
    completedAt: '2022-10-10T10:00:00+07:00',
  }),
];

async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Nhiệm vụ');
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false })
    .promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: text.normalize('NFC') };
}

describe('task export helpers', () => {
  it('exportFileName() is an ASCII slug of the title with the Vietnam date', () => {
    expect(exportFileName('Danh sách nhiệm vụ quá hạn', NOW, 'xlsx')).toBe(
      'danh-sach-nhiem-vu-qua-han-20221020.xlsx',
    );
    expect(exportFileName('Đ!', NOW, 'pdf')).toBe('d-20221020.pdf');
    expect(exportFileName('***', NOW, 'pdf')).toBe('nhiem-vu-20221020.pdf');
  });

  it('vietnamDateTimeText() prints the time in UTC+7', () => {
    expect(vietnamDateTimeText(NOW)).toBe('20/10/2022 14:05');
    expect(vietnamDateTimeText(new Date('2022-10-20T20:30:00Z'))).toBe('21/10/2022 03:30');
  });

  it('wrapText() breaks at spaces within the width, keeps paragraphs and cuts long words', () => {
    const measure = (s: string) => s.length;
    expect(wrapText('một hai ba bốn', 7, measure)).toEqual(['một hai', 'ba bốn']);
    expect(wrapText('dòng một\ndòng hai', 20, measure)).toEqual(['dòng một', 'dòng hai']);
    expect(wrapText('https://hop.tinh.gov.vn', 10, measure)).toEqual([
      'https://ho',
      'p.tinh.gov',
      '.vn',
    ]);
    expect(wrapText('', 10, measure)).toEqual(['']);
  });
});

describe('TaskExportService', () => {
  const service = new TaskExportService(() => TASKS, { fontsDir, now: () => NOW });

  it('export() as xlsx writes a bold Vietnamese header, one row per task in the order asked, dates as dates and a filter', async () => {
    const file = await service.export({
      format: 'xlsx',
      taskIds: ['t-reported', 't-overdue', 't-event', 'gone'],
      title: 'Danh sách nhiệm vụ',
    });
    expect(file.fileName).toBe('danh-sach-nhiem-vu-20221020.xlsx');
    expect(file.mimeType).toBe(XLSX_MIME_TYPE);

    const sheet = await readWorkbook(file.bytes);
    expect(sheet.getCell(1, 1).value).toBe('Danh sách nhiệm vụ');
    expect(String(sheet.getCell(2, 1).value)).toContain('20/10/2022 14:05');

    const header = sheet.getRow(SHEET_HEADER_ROW);
    const titles = (header.values as unknown[]).slice(1);
    expect(titles.slice(0, 10)).toEqual([
      'STT',
      'Mục',
      'Nội dung nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Thời hạn',
      'Tình trạng',
      'Tiến độ (%)',
      'Báo cáo gần nhất',
      'Ngày hoàn thành',
    ]);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBe(60);
    expect(sheet.autoFilter).toBeTruthy();

    const col = (name: string) => titles.indexOf(name) + 1;
    const row = (n: number) => sheet.getRow(SHEET_HEADER_ROW + n);
    expect(sheet.rowCount).toBe(SHEET_HEADER_ROW + 3);

    // First row: the task asked for first, with its latest report and extension.
    expect(row(1).getCell(col('STT')).value).toBe(1);
    expect(row(1).getCell(col('Nội dung nhiệm vụ')).value).toBe(TASKS[1]!.content);
    expect(row(1).getCell(col('Đơn vị chủ trì')).value).toBe('Sở Giáo dục và Đào tạo');
    expect(row(1).getCell(col('Đơn vị phối hợp')).value).toBe(
      'Sở Thông tin và Truyền thông; các sở, ngành',
    );
    const due = row(1).getCell(col('Thời hạn'));
    expect(due.value).toEqual(new Date('2022-10-25T00:00:00.000Z'));
    expect(due.numFmt).toBe('dd/mm/yyyy');
    expect(row(1).getCell(col('Tình trạng')).value).toBe('Đang thực hiện');
    expect(row(1).getCell(col('Tiến độ (%)')).value).toBe(70);
    expect(row(1).getCell(col('Báo cáo gần nhất')).value).toBe(
      '18/10/2022: Đã kết nối 42/60 trường; còn 18 trường chờ nhà mạng kéo cáp.',
    );
    expect(row(1).getCell(col('Gia hạn')).value).toBe(
      'Gia hạn đến 25/10/2022 (từ 15/10/2022): Nhà mạng chậm kéo cáp',
    );

    expect(row(2).getCell(col('Tình trạng')).value).toBe('Quá hạn 3 ngày');
    expect(row(2).getCell(col('Tiến độ (%)')).value).toBeNull();

    // A task bound to an event shows the event where the date would be.
    expect(row(3).getCell(col('Thời hạn')).value).toBe('Sau khi có ý kiến của Bộ TT&TT');
    expect(row(3).getCell(col('Tình trạng')).value).toBe('Hoàn thành đúng hạn');
    expect(row(3).getCell(col('Ngày hoàn thành')).value).toEqual(
      new Date('2022-10-10T00:00:00.000Z'),
    );
  });

  it('export() as pdf writes an A4 landscape table whose text has the tasks in Vietnamese', async () => {
    const file = await service.export({
      format: 'pdf',
      taskIds: TASKS.map((t) => t.id),
      title: 'Danh sách nhiệm vụ quá hạn',
    });
    expect(file.mimeType).toBe(PDF_MIME_TYPE);
    expect(file.fileName).toBe('danh-sach-nhiem-vu-qua-han-20221020.pdf');
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(file.bytes);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeGreaterThan(height);
    expect(Math.round(width)).toBe(842);

    const { text } = await pdfText(file.bytes);
    expect(text).toContain('Danh sách nhiệm vụ quá hạn');
    expect(text).toContain('Ngày in: 20/10/2022 14:05');
    expect(text).toContain('Nội dung nhiệm vụ');
    expect(text).toContain('Sở Tài chính');
    expect(text).toContain('Quá hạn 3 ngày');
    // Content wraps over lines; its words all come out, diacritics intact.
    for (const word of ['Tham', 'mưu', 'bố', 'trí', 'kinh', 'phí', 'chuyển', 'đổi', 'số'])
      expect(text).toContain(word);
    expect(text).toContain('Trang 1/1');
  });

  it('tasksToPdf() continues the table over pages, repeating the header, and splits a row longer than a page', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      task(`t${i}`, {
        content: `Nhiệm vụ số ${i + 1}: rà soát, đánh giá hạ tầng công nghệ thông tin.`,
      }),
    );
    many.push(task('huge', { content: 'Đoạn văn rất dài về chuyển đổi số. '.repeat(400) }));
    const bytes = await tasksToPdf(many, { title: 'Tất cả nhiệm vụ', now: NOW, fontsDir });
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThan(3);
    expect(text.match(/Nội dung nhiệm vụ/g)?.length).toBe(pages);
    expect(text).toContain('Nhiệm vụ số 40');
    expect(text).toContain(`Trang ${pages}/${pages}`);
  });
});
