/**
 * The invitation (giấy mời) of a meeting as the Office issues it, laid out after Nghị định
 * 30/2020/NĐ-CP by the same renderer as the conclusion notice: the issuing body and the national
 * motto, "Số: …/GM-…" with place and date, "GIẤY MỜI" with its summary line ("Họp …", "Dự hội
 * nghị …"), who is invited, the agenda, the time in Vietnam time with its weekday, the place (and
 * the online sites), who chairs, the closing sentence, "Nơi nhận" and the signature.
 *
 * `composeInvitation` is pure (the same facts give the same document input); text typed by the
 * Office is quoted as typed, with its runs of white space folded to one space.
 */
import type { MeetingKind, MeetingPlan } from '../../../common/domain/meetingPlan';
import type { MeetingRole } from '../../../common/domain/policy';
import {
  clockWords,
  lowerFirst,
  shortDate,
  vietnamDay,
  weekdayName,
  writtenDate,
} from './noticeWording';
import { renderTextPdf, type Signature, type TextPdfInput } from './officialDocumentPdf';

/** What of the meeting the invitation shows; a whole `MeetingPlan` will do. */
export type InvitationMeeting = Pick<
  MeetingPlan,
  | 'title'
  | 'kind'
  | 'startsAt'
  | 'endsAt'
  | 'chair'
  | 'preparingUnit'
  | 'hallSite'
  | 'place'
  | 'online'
  | 'units'
  | 'sites'
  | 'persons'
  | 'signer'
  | 'agenda'
>;

/** How this invitation is issued. */
export interface InvitationIssue {
  issuer: {
    /** Superior body in capitals ("UBND THÀNH PHỐ HẢI PHÒNG"); null when the issuer is the top. */
    superior: string | null;
    /**
     * Issuing body in capitals: "VĂN PHÒNG", or in full when it has no superior line
     * ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG"; `\n` breaks the line where officials break it).
     */
    name: string;
  };
  /** Number and symbol without "Số:", e.g. "125/GM-UBND". */
  number: string;
  /** Where it is issued, e.g. "Hải Phòng". */
  placeName: string;
  issuedAt: Date;
  /** "Nơi nhận" entries as written, e.g. "- Như trên;", "- Lưu: VT, TH.". */
  recipients: string[];
}

export type InvitationPdfInput = InvitationMeeting & InvitationIssue;

/** What the meeting is called inside a sentence ("tài liệu phục vụ phiên họp"). */
const KIND_NOUN: Record<MeetingKind, string> = {
  ubnd_session: 'phiên họp',
  steering_committee: 'cuộc họp',
  online_conference: 'hội nghị',
  working_meeting: 'buổi làm việc',
  briefing: 'cuộc họp giao ban',
  other: 'cuộc họp',
};

/** How the summary line opens when the title does not already say what the meeting is. */
const KIND_SUMMARY: Record<MeetingKind, string> = {
  ubnd_session: 'Dự phiên họp',
  steering_committee: 'Họp',
  online_conference: 'Dự hội nghị trực tuyến',
  working_meeting: 'Họp',
  briefing: 'Họp giao ban',
  other: 'Dự',
};

/** What an invited person does there, when it is more than attending. */
const ROLE_NOTE: Partial<Record<MeetingRole, string>> = {
  presenter: 'trình bày',
  site_operator: 'kỹ thuật điểm cầu',
  guest: 'khách mời',
};

const oneLine = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** Lower-cases a title's first letter unless it opens a proper name ("Ban Chỉ đạo …", "Sở Y tế …"). */
const lowerTitle = (text: string) => (/^\S+\s+\p{Lu}/u.test(text) ? text : lowerFirst(text));

// Titles that already name the act ("Họp …", "Dự …", "Làm việc với …") are the summary itself;
// titles that name the event ("Hội nghị …", "Phiên họp …") are attended: "Dự hội nghị …".
const NAMES_THE_ACT = /^(?:họp|dự|làm việc|giao ban)(?=\s|$)/iu;
const NAMES_THE_EVENT =
  /^(?:hội nghị|phiên họp|cuộc họp|buổi làm việc|hội thảo|tọa đàm|lễ|kỳ họp)(?=\s|$)/iu;

/** The summary line under "GIẤY MỜI": "Họp Ban Chỉ đạo …", "Dự hội nghị trực tuyến …". */
export function invitationSummary(title: string, kind: MeetingKind): string {
  const text = oneLine(title);
  if (NAMES_THE_ACT.test(text)) return upperFirst(text);
  if (NAMES_THE_EVENT.test(text)) return `Dự ${lowerTitle(text)}`;
  return `${KIND_SUMMARY[kind]} ${lowerTitle(text)}`;
}

// Inside a sentence an agency name keeps its acronyms ("UBND"), a capital on its first word and
// on the first word of its field ("Sở Tài chính", "Chi cục Thuế"), and capitals on every word of
// the place that follows its administrative level ("thành phố Hải Phòng").
const ACRONYMS = new Set(['UBND', 'HĐND', 'MTTQ', 'BCĐ', 'ĐBQH', 'TW']);
const LEVELS = new Set([
  'tỉnh',
  'thành phố',
  'xã',
  'phường',
  'đặc khu',
  'huyện',
  'quận',
  'thị xã',
  'thị trấn',
]);
const ROMAN = /^[IVXLC]+$/u;
const FIELD_BODIES = new Set(['sở', 'ban', 'bộ', 'cục', 'chi cục', 'tổng cục']);

/** "VĂN PHÒNG" + "UBND THÀNH PHỐ HẢI PHÒNG" → "Văn phòng UBND thành phố Hải Phòng". */
export function issuerInSentence(issuer: InvitationIssue['issuer']): string {
  const words = oneLine(`${issuer.name} ${issuer.superior ?? ''}`).split(' ');
  const out: string[] = [];
  let inPlace = false;
  for (let i = 0; i < words.length;) {
    const one = words[i]!.toLocaleLowerCase('vi');
    const two = `${one} ${words[i + 1]?.toLocaleLowerCase('vi') ?? ''}`;
    if (ACRONYMS.has(words[i]!) || ROMAN.test(words[i]!)) {
      out.push(words[i]!);
      i += 1;
    } else if (!inPlace && (LEVELS.has(two) || LEVELS.has(one))) {
      out.push(LEVELS.has(two) ? two : one);
      i += LEVELS.has(two) ? 2 : 1;
      inPlace = true;
    } else if (i === 0 && (FIELD_BODIES.has(two) || FIELD_BODIES.has(one))) {
      const body = FIELD_BODIES.has(two) ? two : one;
      out.push(upperFirst(body));
      i += body.split(' ').length;
      // The field's first word: "Sở Tài chính", "Ban Chỉ đạo".
      if (i < words.length && !ACRONYMS.has(words[i]!))
        out.push(upperFirst(words[i++]!.toLocaleLowerCase('vi')));
    } else {
      out.push(inPlace || i === 0 ? upperFirst(one) : one);
      i += 1;
    }
  }
  return out.join(' ');
}

/** "14 giờ 00, thứ Hai, ngày 07/12/2026"; a meeting over several days gives both ends. */
export function invitationTime(startsAt: string, endsAt: string): string {
  const start = vietnamDay(new Date(startsAt));
  const end = vietnamDay(new Date(endsAt));
  const at = (t: typeof start) =>
    `${clockWords(t)}, ${weekdayName(t.weekday, true)}, ngày ${shortDate(t)}`;
  return shortDate(start) === shortDate(end) ? at(start) : `từ ${at(start)} đến ${at(end)}`;
}

// Units of one kind are invited in one line, as offices write it: "Đại diện lãnh đạo các sở: Tài
// chính, Xây dựng"; "UBND các xã: An Lão, Tiên Lãng" (a province may invite a hundred communes).
const UNIT_GROUPS = [
  { pattern: /^Sở\s+(.+)$/u, plural: 'các sở' },
  { pattern: /^UBND\s+xã\s+(.+)$/u, plural: 'UBND các xã' },
  { pattern: /^UBND\s+phường\s+(.+)$/u, plural: 'UBND các phường' },
  { pattern: /^UBND\s+đặc khu\s+(.+)$/u, plural: 'UBND các đặc khu' },
];

/** Unit names in their order; two or more of one kind share the line of the first of them. */
function groupUnits(names: string[]): string[] {
  const kindOf = (name: string) => UNIT_GROUPS.findIndex(({ pattern }) => pattern.test(name));
  const members = new Map<number, string[]>();
  for (const name of names) {
    const kind = kindOf(name);
    const own = UNIT_GROUPS[kind]?.pattern.exec(name)?.[1];
    if (own) members.set(kind, [...(members.get(kind) ?? []), own]);
  }
  const lines: string[] = [];
  const written = new Set<number>();
  for (const name of names) {
    const kind = kindOf(name);
    const own = members.get(kind);
    if (!own || own.length < 2) lines.push(name);
    else if (!written.has(kind)) {
      written.add(kind);
      lines.push(`${UNIT_GROUPS[kind]!.plural}: ${own.join(', ')}`);
    }
  }
  return lines;
}

/** Each invitee on a line of its own: "- Đồng chí …, Sở …;", the last ending with a full stop. */
function inviteeLines(meeting: InvitationMeeting): string[] {
  const persons = meeting.persons
    .filter((p) => p.role !== 'chair' && p.role !== 'secretary')
    .map((p) => {
      const note = ROLE_NOTE[p.role];
      return `Đồng chí ${oneLine(p.user.name)}, ${oneLine(p.unit.name)}${note ? ` (${note})` : ''}`;
    });
  const units = groupUnits(meeting.units.map((u) => oneLine(u.name))).map(
    (line) => `Đại diện lãnh đạo ${line}`,
  );
  const all = [...persons, ...units];
  return all.map((line, i) => `- ${line}${i === all.length - 1 ? '.' : ';'}`);
}

function agendaLines(meeting: InvitationMeeting): string[] {
  const items = [...meeting.agenda].sort((a, b) => a.position - b.position);
  if (items.length === 0) return [`**Nội dung:** ${oneLine(meeting.title)}.`];
  return [
    '**Nội dung:**',
    ...items.map((item, i) => {
      const notes = [
        item.presentingUnit ? `${oneLine(item.presentingUnit.name)} trình bày` : null,
        item.plannedMinutes ? `${item.plannedMinutes} phút` : null,
      ].filter((n): n is string => n !== null);
      const title = oneLine(item.title).replace(/[.;]$/u, '');
      return `${i + 1}. ${title}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
    }),
  ];
}

function placeLines(meeting: InvitationMeeting): string[] {
  const where = [meeting.hallSite?.name, meeting.place]
    .map((p) => oneLine(p ?? ''))
    .filter((p) => p !== '');
  const lines = where.length > 0 ? [`**Địa điểm:** ${where.join(', ')}.`] : [];
  if (meeting.online) {
    const form = where.length > 0 ? 'trực tiếp kết hợp trực tuyến' : 'trực tuyến';
    const sites = meeting.sites.map((s) => oneLine(s.name));
    lines.push(
      sites.length > 0
        ? `**Hình thức:** ${form} tại các điểm cầu: ${sites.join('; ')}.`
        : `**Hình thức:** ${form}.`,
    );
  }
  return lines;
}

/** The signer, or the chair when the Office named none. */
function signatureOf(meeting: InvitationMeeting): Signature {
  if (meeting.signer)
    return {
      ...(meeting.signer.authority ? { authority: meeting.signer.authority } : {}),
      position: meeting.signer.title,
      name: meeting.signer.name,
    };
  return { position: 'CHỦ TRÌ CUỘC HỌP', name: meeting.chair.name };
}

/** The giấy mời as the document renderer's input; see the module comment. */
export function composeInvitation(input: InvitationPdfInput): TextPdfInput {
  const issuer = issuerInSentence(input.issuer);
  const noun = KIND_NOUN[input.kind];
  const invitees = inviteeLines(input);
  const preparing = input.preparingUnit
    ? [`Giao ${oneLine(input.preparingUnit.name)} chuẩn bị nội dung, tài liệu phục vụ ${noun}.`]
    : [];
  const body = [
    invitees.length > 0
      ? `${issuer} trân trọng kính mời:`
      : `${issuer} trân trọng kính mời các đại biểu dự ${noun}.`,
    ...invitees,
    ...agendaLines(input),
    `**Thời gian:** ${invitationTime(input.startsAt, input.endsAt)}.`,
    ...placeLines(input),
    `**Chủ trì:** đồng chí ${oneLine(input.chair.name)}.`,
    ...preparing,
    'Đề nghị các đại biểu tham dự đúng thành phần, thời gian./.',
  ];
  return {
    title: 'GIẤY MỜI',
    subtitle: invitationSummary(input.title, input.kind),
    body: body.join('\n'),
    letterhead: {
      ...(input.issuer.superior ? { parent: input.issuer.superior } : {}),
      issuer: input.issuer.name,
      number: `Số: ${input.number}`,
      placeAndDate: `${input.placeName}, ${writtenDate(vietnamDay(input.issuedAt))}`,
    },
    recipients: input.recipients,
    signature: signatureOf(input),
    author: issuer,
    date: input.issuedAt,
  };
}

/** Renders the giấy mời as an A4 PDF (Nghị định 30 layout, embedded Noto fonts). */
export function renderInvitationPdf(input: InvitationPdfInput): Promise<Uint8Array> {
  return renderTextPdf(composeInvitation(input));
}
