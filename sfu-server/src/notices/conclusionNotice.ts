/**
 * The conclusion notice (thông báo kết luận) as the Office issues it, laid out after Nghị định
 * 30/2020/NĐ-CP: the province and the Office in the letterhead, number and symbol, place and date,
 * "THÔNG BÁO" with its summary line, an opening paragraph saying who chaired what, when and
 * where, the conclusions as typed in the meeting, the closing sentence, "Nơi nhận" and the
 * signature. Pure: the same facts give the same input to the renderer.
 */
import type { IssueConclusionsInput } from '../../../common/domain/conclusions';
import { lowerFirst, vietnamDay, writtenDate } from './noticeWording';
import type { TextPdfInput } from './officialDocumentPdf';

export interface NoticeFacts {
  meetingTitle: string;
  /** ISO 8601, the meeting's start. */
  startsAt: string;
  place: string;
  chair: { fullName: string; title: string };
  /** The province's people's committee, e.g. "UBND tỉnh Hải Dương". */
  province: string;
  /** Agencies whose representatives attended (checked in), in roster order. */
  attendingAgencies: string[];
}

// "1. Về hạ tầng số", "II. NHIỆM VỤ": a short numbered line not ending a sentence is a heading.
const SECTION_HEADING = /^(?:\d{1,2}|[IVX]{1,4})\.\s+\S.{0,150}$/u;

function bodyLines(conclusions: string): string[] {
  return conclusions
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (SECTION_HEADING.test(line) && !/[.;:]$/.test(line) ? `## ${line}` : line));
}

export function composeConclusionNotice(
  facts: NoticeFacts,
  conclusions: string,
  issue: IssueConclusionsInput,
  issuedAt: Date,
): TextPdfInput {
  const held = vietnamDay(new Date(facts.startsAt));
  const issued = vietnamDay(issuedAt);
  const provinceName = facts.province.replace(
    /^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+/iu,
    '',
  );
  const { chair } = facts;
  const meeting = lowerFirst(facts.meetingTitle);
  const attended =
    facts.attendingAgencies.length > 0
      ? ` Tham dự cuộc họp có đại diện lãnh đạo ${facts.attendingAgencies.join(', ')}.`
      : '';
  const opening =
    `Ngày ${held.day}/${held.month}/${held.year}, tại ${facts.place}, đồng chí ${chair.fullName}, ` +
    `${chair.title} chủ trì ${meeting}.${attended} Sau khi nghe báo cáo và ý kiến của các đại ` +
    `biểu dự họp, đồng chí ${chair.fullName} kết luận như sau:`;
  const closing =
    `Trên đây là ý kiến kết luận của đồng chí ${chair.fullName}, ${chair.title}. Văn phòng ` +
    `UBND tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.`;
  return {
    title: 'THÔNG BÁO',
    subtitle: `Kết luận của đồng chí ${chair.title} tại ${meeting}`,
    body: [opening, ...bodyLines(conclusions), closing].join('\n'),
    letterhead: {
      parent: facts.province.toLocaleUpperCase('vi'),
      issuer: 'VĂN PHÒNG',
      number: `Số: ${issue.number}`,
      placeAndDate: `${provinceName}, ${writtenDate(issued)}`,
    },
    recipients: issue.recipients,
    signature: {
      ...(issue.signerAuthority ? { authority: issue.signerAuthority } : {}),
      position: issue.signerPosition,
      name: issue.signerName,
    },
    author: `Văn phòng ${facts.province}`,
    date: issuedAt,
  };
}
