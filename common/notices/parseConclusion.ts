/**
 * Turns the text of a conclusion notice (Thông báo kết luận), or conclusions typed live, into
 * the meeting's header facts and a list of tasks: lead agency, cooperating agencies, content,
 * deadline, report-to and recurrence.
 *
 * The rules follow how Vietnamese administrative text assigns work, not any one notice:
 * - a task starts at an assignment ("Giao X …", "Yêu cầu X …", "Đề nghị X …") or at a clause
 *   whose subject is an agency followed by what it must do ("X chủ trì, phối hợp với Y …",
 *   "X khẩn trương …"); sentences after it in the same paragraph belong to it;
 * - a paragraph ending in ':' that names an agency ("Yêu cầu Sở Y tế:", "X chủ trì … có trách
 *   nhiệm:") hands its agency, cooperating agencies, deadline and recipient to the list items
 *   under it, each of which is a task;
 * - assessments, causes and past events (subject followed by "đã", "cơ bản nhất trí", …) and
 *   paragraphs with no agency are not tasks.
 *
 * Pure functions over strings; no I/O.
 */
import { z } from 'zod';
import { matchAgencyAt, matchAgencyListAt, type ListedAgency } from './agencies';
import {
  anchorFrom,
  extractDueDate,
  extractMeetingDate,
  extractPlaceAndDate,
  type DateAnchor,
} from './dates';
import { segmentBlocks, type Block, type MarkerKind } from './segment';
import {
  capitaliseFirst,
  fold,
  maskQuotedAndBracketed,
  normaliseNoticeText,
  splitClauses,
  splitSentences,
  tokenize,
  type Span,
  type Token,
} from './text';

const isoDateSchema = z.iso.date();

export const recurrenceSchema = z.enum(['weekly', 'monthly']);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const parsedTaskSchema = z.object({
  /** The one accountable agency (đơn vị chủ trì), in full. */
  lead: z.string().min(1),
  /** Agencies to cooperate (đơn vị phối hợp), in full; collectives such as "các sở, ngành" included. */
  cooperating: z.array(z.string().min(1)),
  /** What to do, cut from the task's own sentences. */
  content: z.string(),
  /** Deadline (YYYY-MM-DD); null when none is written or it is bound to an event ("ngay sau khi …"). */
  due: isoDateSchema.nullable(),
  /** Who receives the report or the proposal; the recipient, not the channel ("qua Văn phòng UBND tỉnh"). */
  reportTo: z.string().nullable(),
  /** How often progress is reported until the task is done. */
  recurrence: recurrenceSchema.nullable(),
});
export type ParsedTask = z.infer<typeof parsedTaskSchema>;

export const parsedMeetingSchema = z.object({
  /** The day the meeting was held (not the notice's date). */
  date: isoDateSchema.nullable(),
  /** Name of the person who chaired and concluded. */
  chair: z.string().nullable(),
  /** The province (or city) of the place-and-date line or of the issuing body. */
  place: z.string().nullable(),
});
export type ParsedMeeting = z.infer<typeof parsedMeetingSchema>;

export const parsedConclusionSchema = z.object({
  meeting: parsedMeetingSchema,
  tasks: z.array(parsedTaskSchema),
});
export type ParsedConclusion = z.infer<typeof parsedConclusionSchema>;

export interface ParseConclusionOptions {
  /**
   * ISO date that dates without a year are read against when the text has no meeting date
   * (conclusions typed live: pass the meeting's date).
   */
  referenceDate?: string;
}

export function parseConclusion(
  text: string,
  options: ParseConclusionOptions = {},
): ParsedConclusion {
  const normalised = normaliseNoticeText(text);
  const blocks = segmentBlocks(normalised);
  const { header, body, closing } = splitHeaderAndBody(blocks);
  const placeAndDate = extractPlaceAndDate(header.map((b) => b.text).join('\n'));
  const meeting = extractMeeting(header, closing, normalised, placeAndDate, options);
  const anchor =
    anchorFrom(meeting.date) ??
    anchorFrom(options.referenceDate) ??
    (placeAndDate ? { year: placeAndDate.year, date: placeAndDate.date } : null);
  return { meeting, tasks: extractTasks(body, anchor) };
}

// ---------------------------------------------------------------------------------------------
// Header and body

// The sentence that hands over to the conclusions: "… kết luận như sau:", "… kết luận:",
// "… chỉ đạo như sau:".
const BODY_OPENING = /(ket luan|chi dao|yeu cau|thong nhat)(\s+(cu the\s+)?nhu sau)?\s*:$/;
// What follows the conclusions: the Office's closing line, recipients, signature, web chrome.
const BODY_CLOSING =
  /^(tren day la\b|van phong (ubnd|uy ban nhan dan)( tinh| thanh pho)?( xin| tran trong)? thong bao\b|noi nhan\b|nguon\s*:|tl\.|kt\.|\[tro ve\])/;

interface NoticeParts {
  readonly header: readonly Block[];
  readonly body: readonly Block[];
  /** The closing sentence ("Trên đây là ý kiến kết luận của đồng chí …"), which names the chair. */
  readonly closing: string;
}

/**
 * Separates the header (up to the sentence that opens the conclusions) from the body, and cuts
 * the body at the closing line. Text with no opening sentence (conclusions typed live) is all
 * body; its header, for meeting facts, is what comes before the first list item.
 */
export function splitHeaderAndBody(blocks: readonly Block[]): NoticeParts {
  const opening = blocks.findIndex((b, i) => i < 25 && BODY_OPENING.test(fold(b.text)));
  const firstItem = blocks.findIndex((b) => b.marker !== 'none');
  const header =
    opening >= 0
      ? blocks.slice(0, opening + 1)
      : blocks.slice(0, firstItem >= 0 ? firstItem : Math.min(blocks.length, 4));
  const rest = opening >= 0 ? blocks.slice(opening + 1) : blocks;
  const body: Block[] = [];
  let closing = '';
  for (const block of rest) {
    const sentences = splitSentences(block.text);
    const closingSentence = sentences.find((s) =>
      BODY_CLOSING.test(fold(block.text.slice(s.start, s.end))),
    );
    if (!closingSentence) {
      body.push(block);
      continue;
    }
    closing = block.text.slice(closingSentence.start);
    const kept = block.text.slice(0, closingSentence.start).trim();
    if (kept !== '') body.push({ marker: block.marker, text: kept });
    break;
  }
  return { header, body, closing };
}

function extractMeeting(
  header: readonly Block[],
  closing: string,
  normalised: string,
  placeAndDate: ReturnType<typeof extractPlaceAndDate>,
  options: ParseConclusionOptions,
): ParsedMeeting {
  const headerText = header.map((b) => b.text).join('\n');
  // A yearless meeting date ("Chiều 27/9, …") takes the notice's year, the caller's, or the
  // first year the header mentions (a web page's publication date).
  const yearInHeader = /(?<!\d)(19|20)\d{2}(?!\d)/.exec(headerText)?.[0];
  const fallbackYear =
    placeAndDate?.year ??
    anchorFrom(options.referenceDate)?.year ??
    (yearInHeader === undefined ? null : Number(yearInHeader));
  const chair = extractChair([...header.map((b) => b.text), closing]);
  return {
    date: extractMeetingDate(headerText, fallbackYear),
    chair,
    place:
      placeAndDate?.place ??
      issuingProvince(normalised, header.length > 0) ??
      provinceNamed(headerText, chair),
  };
}

// Family names that open Vietnamese personal names; used to tell a person ("Trần Công Thuật")
// from a place ("Hải Dương") in "… Chủ tịch UBND tỉnh <Name>". Compared with diacritics, since
// folding would make the title "Trưởng" the family name "Trương".
const FAMILY_NAMES = new Set(
  (
    'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương ' +
    'Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lương Đinh Cao Chu Quách Thái Tăng Lưu Kiều La ' +
    'Triệu Nông Lò Hứa Đàm Mạc Khúc Tống Từ Diệp Châu Giang Hầu Lại Âu Thân Bạch Ninh ' +
    'Nghiêm Kim Doãn Quan Lục Bế Vi Tôn Lữ Khổng Phương Trình Cù Đậu Viên Giáp Khuất Ma Mẫn ' +
    'Nhữ Phí Thạch Danh Lã Hàn Chế Chử Uông Văn Y'
  )
    .normalize('NFC')
    .split(' '),
);
const PLACE_WORDS = new Set(['tinh', 'huyen', 'xa', 'pho', 'phuong', 'quan', 'tran']);
const CHAIR_KEYWORDS = /chu tri|ket luan/g;

/**
 * The chair: the personal name nearest to "chủ trì" or "kết luận" in the header sentences
 * ("đồng chí Nguyễn Minh Hùng, Phó Chủ tịch UBND tỉnh … kết luận", "Kết luận của đồng chí Chủ
 * tịch UBND tỉnh Trần Công Thuật"). A name is two to five capitalised words opening with a
 * family name and not continuing a capitalised phrase.
 */
export function extractChair(paragraphs: readonly string[]): string | null {
  for (const paragraph of paragraphs) {
    for (const span of splitSentences(paragraph)) {
      const sentence = paragraph.slice(span.start, span.end);
      const folded = fold(sentence);
      const keywords = [...folded.matchAll(CHAIR_KEYWORDS)].map((m) => m.index);
      if (keywords.length === 0) continue;
      let best: { name: string; distance: number } | null = null;
      for (const candidate of personalNames(sentence)) {
        const distance = Math.min(...keywords.map((k) => Math.abs(k - candidate.start)));
        if (!best || distance < best.distance) best = { name: candidate.name, distance };
      }
      if (best) return best.name;
    }
  }
  return null;
}

function personalNames(sentence: string): { name: string; start: number }[] {
  const tokens = tokenize(sentence);
  const names: { name: string; start: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first || !isNameWord(first) || !FAMILY_NAMES.has(first.text)) continue;
    const prev = tokens[i - 1];
    if (prev && prev.capital && /^ +$/.test(sentence.slice(prev.end, first.start))) continue;
    let end = i + 1;
    while (end < tokens.length && end - i < 5) {
      const t = tokens[end];
      const before = tokens[end - 1];
      if (!t || !before || !isNameWord(t) || !/^ +$/.test(sentence.slice(before.end, t.start)))
        break;
      end++;
    }
    const length = end - i;
    if (length < 2 || (prev && PLACE_WORDS.has(prev.key) && length < 3)) continue;
    names.push({
      name: sentence.slice(first.start, tokens[end - 1]?.end ?? first.end),
      start: first.start,
    });
    i = end - 1;
  }
  return names;
}

function isNameWord(t: Token): boolean {
  return (
    t.capital &&
    t.text.length > 0 &&
    t.text.slice(1) === t.text.slice(1).toLowerCase() &&
    /^\p{L}+$/u.test(t.text)
  );
}

// "UBND TỈNH NINH BÌNH" / "ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH" in the issuing-body block.
const ISSUING_BODY =
  /^(?:(?:UBND|[ỦU]Y BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)[ ]+)?(?:TỈNH|THÀNH PHỐ)[ ]+([\p{Lu}][\p{Lu} -]*[\p{Lu}])[ ]*$/mu;
const PROVINCE_NAMED =
  /(?<![\p{L}])(?:tỉnh|thành phố)[ ]+(\p{Lu}\p{Ll}*(?:[ ]+(?:-[ ]+)?\p{Lu}\p{Ll}*){0,3})/gu;

function issuingProvince(normalised: string, hasHeader: boolean): string | null {
  if (!hasHeader) return null;
  const m = ISSUING_BODY.exec(normalised.slice(0, 600));
  return m?.[1] ? titleCase(m[1]) : null;
}

/** "… tỉnh Quảng Bình …" in the header; not the chair's name after a title ("UBND tỉnh Trần Công Thuật"). */
function provinceNamed(headerText: string, chair: string | null): string | null {
  for (const m of headerText.matchAll(PROVINCE_NAMED)) if (m[1] && m[1] !== chair) return m[1];
  return null;
}

function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(/([ -]+)/)
    .map((w) => capitaliseFirst(w))
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** What a header paragraph ending in ':' hands down to the list items under it. */
interface Inherited {
  readonly lead: string;
  readonly cooperating: readonly string[];
  readonly due: string | null;
  readonly reportTo: string | null;
  readonly recurrence: Recurrence | null;
}

/** A header paragraph's assignment, emitted as a task itself only if no list item took it. */
interface PendingHeader {
  readonly inherited: Inherited;
  readonly task: ParsedTask;
  readonly order: number;
  readonly introOnly: boolean;
  used: boolean;
}

interface Level {
  readonly marker: MarkerKind;
  readonly header: PendingHeader | null;
}

/** Where a task starts in its paragraph and who leads it. */
interface TaskStart {
  /** Offset where the task's text begins (the assignment word or the subject). */
  readonly start: number;
  /** Offset where its content begins (after lead, "chủ trì", "phối hợp với …"). */
  readonly contentStart: number;
  readonly lead: string;
  /** Agencies named jointly with the lead ("Sở A, Sở B tăng cường …"): they cooperate. */
  readonly joint: readonly string[];
}

interface Draft {
  readonly start: TaskStart;
  readonly inherited: Inherited | null;
  readonly extraCooperating: string[];
  end: number;
}

/** A paragraph prepared once: text, its masked copy and tokens of the masked copy. */
interface Paragraph {
  readonly text: string;
  readonly masked: string;
  readonly tokens: readonly Token[];
}

function prepare(text: string): Paragraph {
  const masked = maskQuotedAndBracketed(text);
  return { text, masked, tokens: tokenize(masked) };
}

export function extractTasks(blocks: readonly Block[], anchor: DateAnchor | null): ParsedTask[] {
  const out: { order: number; task: ParsedTask }[] = [];
  const stack: Level[] = [];
  const flush = (levels: readonly Level[]): void => {
    for (const level of levels) {
      const h = level.header;
      if (h && !h.used && !h.introOnly) out.push({ order: h.order, task: h.task });
    }
  };

  blocks.forEach((block, blockIndex) => {
    // A marker already open closes the items since it (a sibling); a new marker opens a child.
    const sibling = stack.findLastIndex((l) => l.marker === block.marker);
    if (sibling >= 0) flush(stack.splice(sibling).reverse());
    const holder = [...stack].reverse().find((l) => l.header !== null)?.header ?? null;

    const p = prepare(block.text);
    const drafts = draftsOf(p, block, holder);
    const headerColon = block.text.trimEnd().endsWith(':');
    // Headers: a paragraph ending in ':' or one that only names an agency (its content is empty).
    let header: PendingHeader | null = null;
    drafts.forEach((draft, n) => {
      const task = finish(p, draft, anchor);
      const order = blockIndex * 10_000 + n;
      const isLast = n === drafts.length - 1;
      if (isLast && (headerColon || task.content === '') && draft.end >= block.text.length) {
        header = {
          inherited: {
            lead: task.lead,
            cooperating: task.cooperating,
            due: task.due,
            reportTo: task.reportTo,
            recurrence: task.recurrence,
          },
          task,
          order,
          introOnly: isIntroduction(task.content),
          used: false,
        };
        return;
      }
      out.push({ order, task });
    });
    stack.push({ marker: block.marker, header });
  });
  flush(stack.splice(0).reverse());
  return out.sort((a, b) => a.order - b.order).map((o) => o.task);
}

// A header that only announces a list: "… thực hiện các nội dung sau:", "… có trách nhiệm:".
function isIntroduction(content: string): boolean {
  const f = fold(content).replace(/[\s.:]+$/, '');
  return (
    f === '' ||
    /\b(cac|mot so|nhung)\s+(noi dung|nhiem vu|cong viec|viec|yeu cau|giai phap|van de)\b.{0,40}\bsau\b/.test(
      f,
    ) ||
    /\b(sau day|nhu sau)$/.test(f) ||
    /(co trach nhiem|can|phai|thuc hien)$/.test(f)
  );
}

function draftsOf(p: Paragraph, block: Block, holder: PendingHeader | null): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const sentences = splitSentences(p.text);
  sentences.forEach((sentence, si) => {
    splitClauses(p.text, sentence).forEach((clause, ci) => {
      const found = findTaskStart(p, clause, current !== null);
      if (found?.kind === 'cooperation') {
        current?.extraCooperating.push(...found.agencies);
        return;
      }
      if (found) {
        if (current) current.end = found.start.start;
        current = { start: found.start, inherited: null, extraCooperating: [], end: p.text.length };
        drafts.push(current);
        return;
      }
      if (!current && si === 0 && ci === 0 && holder && inherits(p, block, clause)) {
        holder.used = true;
        current = {
          start: {
            start: clause.start,
            contentStart: skipModal(p, clause.start),
            lead: holder.inherited.lead,
            joint: [],
          },
          inherited: holder.inherited,
          extraCooperating: [],
          end: p.text.length,
        };
        drafts.push(current);
      }
    });
  });
  return drafts;
}

// Openings of list items that are not instructions: topics, reasons, findings, figures.
// Compared with diacritics: folded, "Đề xuất" would be "Để", "Theo dõi" would be "Theo", and
// "Tái cơ cấu" would be "Tại".
const NOT_INSTRUCTION = new RegExp(
  '^(về|đối với|để|do|vì|trong|tuy nhiên|nhằm|căn cứ|theo(?! dõi)|qua|sau|trước|nhìn chung|' +
    'hiện nay|việc|những|một số|kết quả|tình hình|nguyên nhân|ngoài|bên cạnh|đã|đang|chưa|còn|' +
    'có|từ|năm|tháng|ngày|tại|nhà thầu|\\d)(?![\\p{L}])',
  'u',
);

/** Whether a list item under an assigning header is a task of that header's agency. */
function inherits(p: Paragraph, block: Block, clause: Span): boolean {
  if (block.marker === 'none') return false;
  const opening = p.text.slice(clause.start, clause.end).trimStart().toLowerCase();
  if (NOT_INSTRUCTION.test(opening)) return false;
  const first = p.tokens.findIndex((t) => t.start >= clause.start);
  return first < 0 || matchAgencyAt(p.masked, p.tokens, first) === null;
}

type Found =
  | { readonly kind: 'task'; readonly start: TaskStart }
  | { readonly kind: 'cooperation'; readonly agencies: readonly string[] };

// After an agency subject, these words make the clause a finding, a past event or the chair's
// own act, not an instruction ("Ban Chỉ đạo cơ bản nhất trí …", "Sở TT&TT đã có văn bản …").
const NOT_AN_ORDER_ONE = new Set(
  'đã đang vừa được bị là sẽ chưa còn không vẫn giao nêu'.split(' '),
);
const NOT_AN_ORDER_TWO = new Set([
  'cơ bản',
  'nhất trí',
  'thống nhất',
  'ghi nhận',
  'biểu dương',
  'đồng ý',
  'yêu cầu',
  'đề nghị',
  'kết luận',
  'lưu ý',
  'nhấn mạnh',
  'thông báo',
  'trình bày',
  'cho biết',
  'tham dự',
  'dự họp',
  'phát biểu',
]);
// "… đánh giá cao …" is praise; "Sở Nội vụ đánh giá mức độ hài lòng …" is an order.
const PRAISE = /^đánh giá (cao|tốt|chung)(?!\p{L})/u;
// Words that may stand before the subject of an order, up to a comma or colon: connectives
// ("Đồng thời, Sở Y tế …") and topics ("Về kinh phí, Sở Tài chính …", "Đối với dự án A: …").
const LEADING_PHRASE =
  /^(đồng thời|bên cạnh đó|ngoài ra|trên cơ sở đó|trước mắt|sau đó|mặt khác|về|đối với|riêng|trong thời gian tới|thời gian tới)(?!\p{L})/iu;

/** Token indexes where the subject of an order may start in a clause. */
function subjectPositions(p: Paragraph, clause: Span, first: number): number[] {
  const positions = [first];
  const start = p.tokens[first]?.start ?? clause.start;
  const text = p.masked.slice(start, clause.end);
  const colon = text.indexOf(':');
  const comma = text.indexOf(',');
  const cuts: number[] = [];
  if (colon >= 0) cuts.push(colon);
  if (LEADING_PHRASE.test(p.text.slice(start, clause.end)) && comma >= 0) cuts.push(comma);
  for (const cut of cuts.sort((a, b) => a - b)) {
    const at = p.tokens.findIndex((t) => t.start > start + cut);
    if (at >= 0 && (p.tokens[at]?.end ?? Infinity) <= clause.end) positions.push(at);
  }
  return positions;
}

/**
 * Whether a clause starts a task, and where. First an agency subject at the start of the clause
 * followed by an instruction; otherwise the first "giao / yêu cầu / đề nghị X" in it (not "đã
 * giao", "bàn giao", "được giao"). With an open task in the paragraph, "Sở A, Sở B phối hợp"
 * adds cooperating agencies to it instead.
 */
function findTaskStart(p: Paragraph, clause: Span, taskOpen: boolean): Found | null {
  const { tokens, masked } = p;
  const inClause = (i: number): boolean => {
    const t = tokens[i];
    return t !== undefined && t.start >= clause.start && t.end <= clause.end;
  };
  const first = tokens.findIndex((t) => t.start >= clause.start);
  if (first < 0 || !inClause(first)) return null;

  for (const subjectAt of subjectPositions(p, clause, first)) {
    const subject = matchAgencyListAt(masked, tokens, subjectAt, { roles: true });
    if (!subject) continue;
    if (!inClause(subject.endToken)) {
      // A paragraph that is only an agency's name ("1. Sở Giáo dục và Đào tạo") heads the
      // items under it, like "Yêu cầu Sở Giáo dục và Đào tạo:".
      const rest = masked.slice(tokens[subject.endToken - 1]?.end ?? clause.end, clause.end);
      if (subjectAt !== first || !/^[\s.:;]*$/.test(rest)) continue;
      return {
        kind: 'task',
        start: taskStartAt(
          p,
          tokens[subjectAt]?.start ?? clause.start,
          subject.agencies,
          subject.endToken,
        ),
      };
    }
    const next = tokens[subject.endToken];
    const between = masked.slice(tokens[subject.endToken - 1]?.end ?? 0, next?.start ?? 0);
    // "Sở Y tế: chỉ đạo …" names the agency and then its task.
    if (!next || !/^\s*:?\s*$/.test(between)) continue;
    const one = next.text.toLowerCase();
    const two = `${one} ${tokens[subject.endToken + 1]?.text.toLowerCase() ?? ''}`;
    const three = `${two} ${tokens[subject.endToken + 2]?.text.toLowerCase() ?? ''}`;
    const afterCooperate = subject.endToken + 2;
    const cooperation =
      two === 'phối hợp' &&
      !['với', 'chặt', 'cùng'].includes(tokens[afterCooperate]?.text.toLowerCase() ?? '') &&
      matchAgencyAt(masked, tokens, afterCooperate) === null;
    if (cooperation && taskOpen) return { kind: 'cooperation', agencies: named(subject.agencies) };
    const notAnOrder = NOT_AN_ORDER_ONE.has(one) || NOT_AN_ORDER_TWO.has(two) || PRAISE.test(three);
    if (notAnOrder) continue;
    return {
      kind: 'task',
      start: taskStartAt(
        p,
        tokens[subjectAt]?.start ?? clause.start,
        subject.agencies,
        subject.endToken,
      ),
    };
  }

  for (let i = first; inClause(i); i++) {
    const length = assignmentWordLength(tokens, i);
    if (length === 0) continue;
    const prev = tokens[i - 1];
    if (prev && inClause(i - 1) && NOT_AN_ASSIGNMENT_AFTER.has(prev.text.toLowerCase())) continue;
    let k = i + length;
    if (tokens[k]?.key === 'cho') k++;
    else if (['nhiem', 'trach'].includes(tokens[k]?.key ?? '') && tokens[k + 2]?.key === 'cho')
      k += 3;
    if (!inClause(k)) continue;
    const list = matchAgencyListAt(masked, tokens, k, { roles: true });
    if (!list) continue;
    return {
      kind: 'task',
      start: taskStartAt(p, tokens[i]?.start ?? clause.start, list.agencies, list.endToken),
    };
  }
  return null;
}

// "đã giao", "được giao", "bàn giao", "chuyển giao", "theo đề nghị": not an assignment made now.
const NOT_AN_ASSIGNMENT_AFTER = new Set(['bàn', 'đã', 'được', 'chuyển', 'theo', 'giao']);

function assignmentWordLength(tokens: readonly Token[], i: number): number {
  const a = tokens[i]?.text.toLowerCase();
  const b = tokens[i + 1]?.text.toLowerCase();
  if (a === 'giao') return 1;
  if ((a === 'yêu' && b === 'cầu') || (a === 'đề' && b === 'nghị')) return 2;
  return 0;
}

/** Names of listed agencies, leaving out collectives narrowed to "the related ones". */
function named(agencies: readonly ListedAgency[]): string[] {
  return agencies.filter((a) => !a.related).map((a) => a.name);
}

function taskStartAt(
  p: Paragraph,
  start: number,
  agencies: readonly ListedAgency[],
  after: number,
): TaskStart {
  const [lead, ...joint] = agencies;
  return {
    start,
    contentStart: skipLeadClause(p, after),
    lead: lead?.name ?? '',
    joint: named(joint),
  };
}

// "cần" / "phải" before the verb of an order; with diacritics, since folded "cần" is "cân" (balance).
const MODALS = new Set(['cần', 'phải']);

/**
 * Offset where a task's content starts: after "chủ trì", "phối hợp (chặt chẽ) với <agencies>",
 * "có trách nhiệm", "cần", "phải" that follow the lead.
 */
function skipLeadClause(p: Paragraph, tokenIndex: number): number {
  const { tokens, masked } = p;
  let k = tokenIndex;
  for (;;) {
    const t = tokens[k];
    if (!t) return p.text.length;
    const two = `${t.key} ${tokens[k + 1]?.key ?? ''}`;
    if (two === 'chu tri') {
      k += 2;
      continue;
    }
    if (two === 'phoi hop') {
      let j = k + 2;
      if (`${tokens[j]?.key} ${tokens[j + 1]?.key}` === 'chat che') j += 2;
      const listAt = ['voi', 'cung'].includes(tokens[j]?.key ?? '') ? j + 1 : j;
      const list = matchAgencyListAt(masked, tokens, listAt, { roles: true });
      if (!list) return t.start;
      k = list.endToken;
      continue;
    }
    if (`${two} ${tokens[k + 2]?.key ?? ''}` === 'co trach nhiem') {
      k += 3;
      continue;
    }
    if (MODALS.has(t.text)) {
      k++;
      continue;
    }
    return t.start;
  }
}

/** Offset after a leading "Cần" / "Phải" / "Có trách nhiệm" of a list item. */
function skipModal(p: Paragraph, start: number): number {
  const first = p.tokens.findIndex((t) => t.start >= start);
  const t = p.tokens[first];
  if (!t) return start;
  if (MODALS.has(t.text.toLowerCase())) return p.tokens[first + 1]?.start ?? start;
  return start;
}

function finish(p: Paragraph, draft: Draft, anchor: DateAnchor | null): ParsedTask {
  const { start, inherited } = draft;
  const text = p.text.slice(start.start, draft.end);
  const lead = start.lead;
  const cooperating = unique(
    [
      ...(inherited?.cooperating ?? []),
      ...start.joint,
      ...cooperatingIn(p, start.start, draft.end),
      ...draft.extraCooperating,
    ].filter((name) => name !== lead),
  );
  return {
    lead,
    cooperating,
    content: contentOf(p, start, draft.end),
    due: extractDueDate(text, anchor) ?? inherited?.due ?? null,
    reportTo: reportToIn(p, start.start, draft.end) ?? inherited?.reportTo ?? null,
    recurrence: recurrenceIn(text) ?? inherited?.recurrence ?? null,
  };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** Cooperating agencies: "phối hợp (chặt chẽ) với / cùng …", "xin / lấy / tham vấn ý kiến (của) …". */
function cooperatingIn(p: Paragraph, from: number, to: number): string[] {
  const { tokens, masked } = p;
  const names: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.start < from || t.end > to) continue;
    const two = `${t.key} ${tokens[k + 1]?.key ?? ''}`;
    let listAt = -1;
    if (two === 'phoi hop') {
      let j = k + 2;
      if (`${tokens[j]?.key} ${tokens[j + 1]?.key}` === 'chat che') j += 2;
      // "phối hợp với / cùng / của …", and the terse "phối hợp Sở Tài chính …".
      listAt = ['voi', 'cung', 'cua'].includes(tokens[j]?.key ?? '') ? j + 1 : j;
    } else if (two === 'y kien') {
      const before = `${tokens[k - 2]?.key ?? ''} ${tokens[k - 1]?.key ?? ''}`;
      const asks =
        ['xin', 'lay'].includes(tokens[k - 1]?.key ?? '') ||
        ['tham van', 'tham khao'].includes(before);
      if (asks) listAt = tokens[k + 2]?.key === 'cua' ? k + 3 : k + 2;
    }
    if (listAt < 0) continue;
    const list = matchAgencyListAt(masked, tokens, listAt, { roles: true });
    if (list && (tokens[list.endToken - 1]?.end ?? 0) <= to) names.push(...named(list.agencies));
  }
  return names;
}

const REPORT_MARKERS: readonly (readonly string[])[] = [
  ['bao', 'cao'],
  ['tham', 'muu'],
  ['de', 'xuat'],
  ['gui'],
  ['trinh'],
];
// "chương trình", "công trình", "tờ trình" …: nouns, not "trình" (submit to).
const NOUNS_ENDING_IN_TRINH = new Set([
  'chương',
  'công',
  'quy',
  'lộ',
  'tiến',
  'giáo',
  'hành',
  'tờ',
  'đệ',
]);
const TARGET_PREFIXES = new Set(['ve', 'cho', 'len', 'toi', 'den']);
const SENT_FOR_REVIEW =
  /^\s*(de\s+)?(tham dinh|gop y|cho y kien|tham gia y kien|kiem tra|xin y kien)\b/;

/**
 * Who the task reports to: the first agency after "báo cáo", "tham mưu", "đề xuất", "gửi" or
 * "trình" ("báo cáo UBND tỉnh", "báo cáo kết quả về Sở Y tế", "tham mưu, đề xuất UBND tỉnh").
 * "qua <agency>" is the channel and is skipped; when it is all there is, the Office of a People's
 * Committee stands for the Committee. A condition ("Khi …, trình UBND tỉnh phê duyệt phải …")
 * and sending a draft for review ("gửi Sở Tư pháp thẩm định") are not reports.
 */
function reportToIn(p: Paragraph, from: number, to: number): string | null {
  const { tokens, masked } = p;
  const ignored = conditionalSpans(p, from, to);
  let channel: string | null = null;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (
      !t ||
      t.start < from ||
      t.end > to ||
      ignored.some((s) => t.start >= s.start && t.end <= s.end)
    )
      continue;
    const marker = REPORT_MARKERS.find((m) => m.every((w, n) => tokens[k + n]?.key === w));
    if (!marker) continue;
    if (marker[0] === 'trinh' && NOUNS_ENDING_IN_TRINH.has(tokens[k - 1]?.text.toLowerCase() ?? ''))
      continue;
    const j = k + marker.length;
    const spaced = (i: number): boolean =>
      /^ +$/.test(masked.slice(tokens[i - 1]?.end ?? 0, tokens[i]?.start ?? 0));
    if (!spaced(j)) continue;
    if (tokens[j]?.key === 'qua') {
      const via = matchAgencyAt(masked, tokens, j + 1);
      if (via && !channel) channel = channelRecipient(via.agencies[0]?.name ?? '');
      continue;
    }
    let target = targetAt(p, j);
    if (!target && (marker[0] === 'bao' || marker[0] === 'gui')) {
      // "báo cáo kết quả thực hiện về Sở Nội vụ": the recipient comes after a few words.
      for (let n = j; !target && n < j + 8 && spaced(n) && (tokens[n]?.end ?? to + 1) <= to; n++) {
        if (TARGET_PREFIXES.has(tokens[n]?.key ?? '')) target = targetAt(p, n);
      }
    }
    if (!target) continue;
    if (marker[0] === 'gui' && SENT_FOR_REVIEW.test(fold(masked.slice(target.endOffset, to))))
      continue;
    return target.name;
  }
  return channel;
}

function targetAt(p: Paragraph, j: number): { name: string; endOffset: number } | null {
  const { tokens, masked } = p;
  let k = j;
  if (TARGET_PREFIXES.has(tokens[k]?.key ?? '')) k++;
  if (
    `${tokens[k]?.key} ${tokens[k + 1]?.key}` === 'dong chi' ||
    `${tokens[k]?.key} ${tokens[k + 1]?.key}` === 'lanh dao'
  )
    k += 2;
  const run = matchAgencyAt(masked, tokens, k);
  const agency = run?.agencies[0];
  if (!run || !agency || agency.group) return null;
  return { name: agency.name, endOffset: tokens[run.endToken - 1]?.end ?? 0 };
}

function channelRecipient(name: string): string {
  return name.startsWith('Văn phòng ') ? name.slice('Văn phòng '.length) : name;
}

/** Spans of "Khi / Nếu / Trường hợp …" conditions, up to the "phải / cần / thì" of the main clause. */
function conditionalSpans(p: Paragraph, from: number, to: number): Span[] {
  const spans: Span[] = [];
  for (const s of splitSentences(p.text)) {
    if (s.end <= from || s.start >= to) continue;
    const folded = fold(p.masked.slice(s.start, s.end));
    if (!/^(khi|neu|truong hop)\b/.test(folded)) continue;
    const main = /\b(phai|can|thi)\b/.exec(folded);
    spans.push({ start: s.start, end: s.start + (main?.index ?? folded.length) });
  }
  return spans;
}

const RECURRENCE = /(?<![\p{L}])(?:dinh ky\s+)?(?:hang|moi)\s+(tuan|thang)(?![\p{L}])/gu;
const REPORTING = /bao cao|cap nhat|gui|tong hop/;

/** "hàng tuần / hằng tuần / định kỳ hàng tháng …" next to a report: weekly or monthly. */
function recurrenceIn(text: string): Recurrence | null {
  const folded = fold(text);
  for (const m of folded.matchAll(RECURRENCE)) {
    const clauseStart =
      Math.max(folded.lastIndexOf(';', m.index), folded.lastIndexOf('.', m.index)) + 1;
    const endCandidates = [folded.indexOf(';', m.index), folded.indexOf('.', m.index)].filter(
      (n) => n >= 0,
    );
    const clauseEnd = endCandidates.length > 0 ? Math.min(...endCandidates) : folded.length;
    if (REPORTING.test(folded.slice(clauseStart, clauseEnd)))
      return m[1] === 'tuan' ? 'weekly' : 'monthly';
  }
  return null;
}

/**
 * The task's words from where its content starts to its end, tidied. When the task starts
 * further into a paragraph that opens with a topic ("Về triển khai dự án …, UBND tỉnh đã giao
 * …. Tuy nhiên, … yêu cầu Sở TT&TT …"), the topic goes first, since the task is about it.
 */
function contentOf(p: Paragraph, start: TaskStart, end: number): string {
  const body = tidy(p.text.slice(start.contentStart, end));
  const firstSentence = splitSentences(p.text)[0];
  if (!firstSentence || start.start < firstSentence.end || !/^ve\b/.test(fold(p.text.slice(0, 3))))
    return body;
  const comma = p.masked.indexOf(',', firstSentence.start);
  const topicEnd = comma >= 0 && comma < firstSentence.end ? comma : firstSentence.end;
  return `${tidy(p.text.slice(firstSentence.start, topicEnd))}: ${body}`;
}

function tidy(s: string): string {
  return capitaliseFirst(
    s
      .replace(/\.\/\.\s*$/, '')
      .replace(/^[\s,;:.\-–]+/, '')
      .replace(/[\s,;:.]+$/, '')
      .replace(/\s+/g, ' '),
  );
}
