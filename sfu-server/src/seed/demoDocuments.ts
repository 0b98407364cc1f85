/**
 * The PDFs of the demo meetings, as `renderTextPdf` input: four illustrative documents for the
 * agenda of 27/9/2022 (bodies in resources/demo/documents/) and the conclusion notice itself,
 * rebuilt from resources/demo/notices/.
 */
import fs from 'node:fs/promises';
import type { TextPdfInput } from '../notices/officialDocumentPdf';
import { resourcePath } from './resources';

export type DemoDocumentKey =
  | 'progressReport'
  | 'extensionProposal'
  | 'itTasksReport'
  | 'digitalGapReport'
  | 'conclusionNotice';

export interface DemoDocument {
  /** Title shown in the agenda. */
  title: string;
  pdf: TextPdfInput;
}

/** The parts of the shipped conclusion notice that the PDF lays out separately. */
export interface ConclusionNoticeParts {
  number: string;
  placeAndDate: string;
  /** The line under "THÔNG BÁO". */
  subtitle: string;
  /** Paragraphs, one a line, numbered sections marked as `## ` headings. */
  body: string;
  recipients: string[];
  signerPosition: string;
  signerName: string;
}

const PROVINCE = 'UBND TỈNH HẢI DƯƠNG';
const DEPARTMENT = 'SỞ THÔNG TIN\nVÀ TRUYỀN THÔNG';
const DIRECTOR = { position: 'GIÁM ĐỐC', name: 'Trần Quốc Việt' };
// Said on every page: these bodies are assembled for the demo, not the original documents.
const ILLUSTRATIVE =
  'Tài liệu minh họa (dữ liệu demo Phòng Họp) – biên soạn từ Thông báo kết luận và tin bài ngày 27/9/2022';
const REBUILT = 'Dữ liệu demo Phòng Họp – văn bản dựng lại từ Thông báo kết luận đã công bố';
const DEPARTMENT_AUTHOR = 'Sở Thông tin và Truyền thông tỉnh Hải Dương';
const PLACE_AND_DATE = `Hải Dương, ngày${blank(8)}tháng 9 năm 2022`;

/**
 * A gap left for the number or the day, filled in when the document is issued. Non-breaking
 * spaces, because ordinary ones collapse when words are laid out.
 */
function blank(width: number): string {
  return '\u00a0'.repeat(width);
}

function indexOfLine(
  lines: string[],
  predicate: (line: string) => boolean,
  what: string,
  from = 0,
): number {
  const index = lines.findIndex((line, i) => i >= from && predicate(line));
  if (index < 0) throw new Error(`Conclusion notice: "${what}" not found`);
  return index;
}

/**
 * Joins paragraphs split mid-sentence (the text was copied from a paginated PDF: "… các sở,"
 * then "ngành nếu có …"): a line ending with a comma followed by one starting in lower case.
 */
function joinBrokenParagraphs(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    const previous = joined.at(-1);
    if (previous !== undefined && previous.endsWith(',') && /^\p{Ll}/u.test(line))
      joined[joined.length - 1] = `${previous} ${line}`;
    else joined.push(line);
  }
  return joined;
}

/** Splits the shipped notice on its fixed landmarks; throws if the resource is not the expected text. */
export function splitConclusionNotice(text: string): ConclusionNoticeParts {
  const lines = text
    .normalize('NFC')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const number = indexOfLine(lines, (l) => l.startsWith('Số:'), 'Số:');
  const placeAndDate = indexOfLine(lines, (l) => /^[^,]+, ngày/.test(l), 'place and date');
  const title = indexOfLine(lines, (l) => l === 'THÔNG BÁO', 'THÔNG BÁO');
  const recipients = indexOfLine(lines, (l) => l === 'Nơi nhận:', 'Nơi nhận:', title);
  const signer = indexOfLine(
    lines,
    (l) => l === l.toUpperCase() && !l.startsWith('-'),
    'signer position',
    recipients + 1,
  );
  const body = joinBrokenParagraphs(lines.slice(title + 2, recipients)).map((l) =>
    /^\d+\.\s/.test(l) ? `## ${l}` : l,
  );
  return {
    number: lines[number] ?? '',
    placeAndDate: lines[placeAndDate] ?? '',
    subtitle: lines[title + 1] ?? '',
    body: body.join('\n'),
    recipients: lines.slice(recipients + 1, signer),
    signerPosition: lines[signer] ?? '',
    signerName: lines[signer + 1] ?? '',
  };
}

async function readResource(...parts: string[]): Promise<string> {
  return fs.readFile(resourcePath(...parts), 'utf8');
}

function departmentDocument(
  kind: string,
  symbol: string,
  subtitle: string,
  body: string,
  recipients: string[],
): TextPdfInput {
  return {
    title: kind,
    subtitle,
    body,
    letterhead: {
      parent: PROVINCE,
      issuer: DEPARTMENT,
      number: `Số:${blank(10)}/${symbol}`,
      placeAndDate: PLACE_AND_DATE,
    },
    recipients,
    signature: DIRECTOR,
    footerNote: ILLUSTRATIVE,
    author: DEPARTMENT_AUTHOR,
  };
}

async function conclusionNotice(): Promise<DemoDocument> {
  const parts = splitConclusionNotice(
    await readResource('demo', 'notices', 'hai-duong-2022-10-conclusion.txt'),
  );
  return {
    title: 'Thông báo kết luận cuộc họp Ban Chỉ đạo Chuyển đổi số tỉnh ngày 27/9/2022',
    pdf: {
      title: 'THÔNG BÁO',
      subtitle: parts.subtitle,
      body: parts.body,
      letterhead: {
        parent: PROVINCE,
        issuer: 'VĂN PHÒNG',
        number: parts.number,
        placeAndDate: parts.placeAndDate,
      },
      recipients: parts.recipients,
      signature: { position: parts.signerPosition, name: parts.signerName },
      footerNote: REBUILT,
      author: 'Văn phòng UBND tỉnh Hải Dương',
    },
  };
}

/** Reads the shipped texts and returns every demo document, ready to render. */
export async function loadDemoDocuments(): Promise<Record<DemoDocumentKey, DemoDocument>> {
  const [progress, extension, itTasks, digitalGap, notice] = await Promise.all([
    readResource('demo', 'documents', 'bao-cao-tien-do-3-du-an.txt'),
    readResource('demo', 'documents', 'to-trinh-gia-han-hop-dong.txt'),
    readResource('demo', 'documents', 'bao-cao-nhiem-vu-cntt-2022.txt'),
    readResource('demo', 'documents', 'bao-cao-du-an-thu-hep-khoang-cach-so.txt'),
    conclusionNotice(),
  ]);
  const toCommittee = [
    '- Ban Chỉ đạo Chuyển đổi số tỉnh;',
    '- UBND tỉnh (để b/c);',
    '- Lưu: VT, BCVTCNTT.',
  ];
  return {
    progressReport: {
      title: 'Dự thảo Báo cáo tiến độ triển khai 3 dự án thành phần',
      pdf: {
        // The notice speaks of the "dự thảo Báo cáo" the committee discussed.
        ...departmentDocument(
          'BÁO CÁO',
          'BC-STTTT',
          'Tiến độ triển khai 3 dự án thành phần thuộc Đề án “Xây dựng Chính quyền điện tử và Đô thị thông minh tỉnh Hải Dương, giai đoạn 2020 - 2025, định hướng đến năm 2030”',
          progress,
          toCommittee,
        ),
        draft: true,
      },
    },
    extensionProposal: {
      title: 'Tờ trình đề nghị gia hạn Hợp đồng các gói thầu',
      pdf: departmentDocument(
        'TỜ TRÌNH',
        'TTr-STTTT',
        'Về việc đề nghị gia hạn Hợp đồng thực hiện các gói thầu của 3 dự án thành phần',
        extension,
        ['- Như trên;', '- Ban Chỉ đạo Chuyển đổi số tỉnh;', '- Lưu: VT, BCVTCNTT.'],
      ),
    },
    itTasksReport: {
      title: 'Báo cáo liên ngành TT&TT – Tài chính về nhiệm vụ ứng dụng CNTT năm 2022',
      pdf: {
        ...departmentDocument(
          'BÁO CÁO',
          'BCLN-STTTT-STC',
          'Đề xuất bổ sung nhiệm vụ ứng dụng công nghệ thông tin và phân bổ kinh phí thực hiện năm 2022',
          itTasks,
          [
            '- Ban Chỉ đạo Chuyển đổi số tỉnh;',
            '- UBND tỉnh (để b/c);',
            '- Sở Tài chính;',
            '- Lưu: VT, BCVTCNTT.',
          ],
        ),
        letterhead: {
          parent: PROVINCE,
          issuer: 'LIÊN NGÀNH THÔNG TIN VÀ\nTRUYỀN THÔNG – TÀI CHÍNH',
          number: `Số:${blank(10)}/BCLN-STTTT-STC`,
          placeAndDate: PLACE_AND_DATE,
        },
        signature: {
          authority: 'TM. LIÊN NGÀNH',
          position: 'GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
          name: DIRECTOR.name,
        },
      },
    },
    digitalGapReport: {
      title: 'Báo cáo về dự án “Hỗ trợ thu hẹp khoảng cách số tại tỉnh Hải Dương”',
      pdf: departmentDocument(
        'BÁO CÁO',
        'BC-STTTT',
        'Về việc triển khai dự án “Hỗ trợ thu hẹp khoảng cách số tại tỉnh Hải Dương”',
        digitalGap,
        toCommittee,
      ),
    },
    conclusionNotice: notice,
  };
}
