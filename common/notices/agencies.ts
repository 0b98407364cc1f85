/**
 * Agency names in conclusion notices: a list of known agencies with the ways notices write
 * them, a matcher that finds agency names (known or merely well-formed) in running text, and
 * the normaliser `normaliseAgencyName`.
 *
 * The list is data on purpose. Names change (the 2025 reform merged departments and abolished
 * districts), so an entry is never renamed: a successor is a new entry, and the old entry
 * points to it with `successor`. Old notices therefore still parse to the names they use, and
 * `successorOf` lets later code find a task of an old agency under its successor.
 */
import { fold, isAcronym, tokenize, type Token } from './text';

export interface AgencyEntry {
  /** The full name that parsed tasks carry ("Sở Thông tin và Truyền thông", "UBND tỉnh"). */
  readonly name: string;
  /** Other spellings: abbreviations, '&' for 'và', dropped commas. Matched ignoring case and diacritics. */
  readonly aliases: readonly string[];
  /** A collective ("các sở, ngành"): stands for many agencies, none of them by name. */
  readonly group?: boolean;
  /** The entry that took over this agency's duties after a reorganisation. */
  readonly successor?: string;
}

/**
 * Known agencies. Province-level names end in "tỉnh"; a centrally run city writes "thành phố"
 * instead, so the few city forms that notices use as recipients are listed too. "UBND" stays
 * abbreviated in canonical names because that is how notices and the expected outputs write it.
 */
export const AGENCIES: readonly AgencyEntry[] = [
  // The People's Committee, its chair and office, the council and the party committee.
  { name: 'UBND tỉnh', aliases: ['Ủy ban nhân dân tỉnh', 'UBND tỉnh'] },
  { name: 'Chủ tịch UBND tỉnh', aliases: ['Chủ tịch Ủy ban nhân dân tỉnh'] },
  {
    name: 'Văn phòng UBND tỉnh',
    aliases: ['VP UBND tỉnh', 'VPUBND tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh', 'VP UBND'],
  },
  { name: 'UBND thành phố', aliases: ['Ủy ban nhân dân thành phố'] },
  { name: 'Chủ tịch UBND thành phố', aliases: ['Chủ tịch Ủy ban nhân dân thành phố'] },
  {
    name: 'Văn phòng UBND thành phố',
    aliases: ['VP UBND thành phố', 'Văn phòng Ủy ban nhân dân thành phố'],
  },
  { name: 'HĐND tỉnh', aliases: ['Hội đồng nhân dân tỉnh'] },
  { name: 'Thường trực HĐND tỉnh', aliases: ['Thường trực Hội đồng nhân dân tỉnh'] },
  { name: 'Tỉnh ủy', aliases: ['Tỉnh uỷ'] },
  { name: 'Ban Thường vụ Tỉnh ủy', aliases: ['BTV Tỉnh ủy', 'Ban Thường vụ Tỉnh uỷ'] },
  { name: 'Thường trực Tỉnh ủy', aliases: ['Thường trực Tỉnh uỷ'] },

  // Departments (sở) as named until 2025.
  {
    name: 'Sở Thông tin và Truyền thông',
    aliases: ['Sở TT&TT', 'Sở TTTT', 'Sở TT và TT', 'STTTT'],
    successor: 'Sở Khoa học và Công nghệ',
  },
  {
    name: 'Sở Kế hoạch và Đầu tư',
    aliases: ['Sở KH&ĐT', 'Sở KHĐT', 'Sở KH-ĐT', 'Sở KH và ĐT', 'SKHĐT'],
    successor: 'Sở Tài chính',
  },
  { name: 'Sở Tài chính', aliases: ['Sở TC'] },
  { name: 'Sở Nội vụ', aliases: ['Sở NV'] },
  { name: 'Sở Tư pháp', aliases: [] },
  { name: 'Sở Công Thương', aliases: ['Sở CT'] },
  { name: 'Sở Xây dựng', aliases: ['Sở XD'] },
  {
    name: 'Sở Giao thông vận tải',
    aliases: ['Sở GTVT', 'Sở GT-VT', 'Sở Giao thông - Vận tải', 'Sở Giao thông và Vận tải'],
    successor: 'Sở Xây dựng',
  },
  { name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở GD&ĐT', 'Sở GDĐT', 'Sở GD-ĐT', 'Sở GD và ĐT'] },
  { name: 'Sở Y tế', aliases: ['Sở YT'] },
  { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN', 'Sở KHCN', 'Sở KH và CN'] },
  {
    name: 'Sở Nông nghiệp và Phát triển nông thôn',
    aliases: ['Sở NN&PTNT', 'Sở NNPTNT', 'Sở NN-PTNT', 'Sở NN và PTNT'],
    successor: 'Sở Nông nghiệp và Môi trường',
  },
  {
    name: 'Sở Tài nguyên và Môi trường',
    aliases: ['Sở TN&MT', 'Sở TNMT', 'Sở TN-MT', 'Sở TN và MT'],
    successor: 'Sở Nông nghiệp và Môi trường',
  },
  {
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    aliases: [
      'Sở VHTTDL',
      'Sở VH,TT&DL',
      'Sở VHTT&DL',
      'Sở VH-TT-DL',
      'Sở Văn hoá, Thể thao và Du lịch',
    ],
  },
  { name: 'Sở Văn hóa và Thể thao', aliases: ['Sở VH&TT', 'Sở VHTT'] },
  { name: 'Sở Du lịch', aliases: ['Sở DL'] },
  {
    name: 'Sở Lao động - Thương binh và Xã hội',
    aliases: [
      'Sở LĐTBXH',
      'Sở LĐ-TB&XH',
      'Sở LĐTB&XH',
      'Sở LĐ-TBXH',
      'Sở Lao động, Thương binh và Xã hội',
    ],
    successor: 'Sở Nội vụ',
  },
  { name: 'Sở Ngoại vụ', aliases: ['Sở NgV'] },
  // Departments created or renamed by the 2025 reorganisation.
  { name: 'Sở Nông nghiệp và Môi trường', aliases: ['Sở NN&MT', 'Sở NNMT', 'Sở NN và MT'] },
  { name: 'Sở Dân tộc và Tôn giáo', aliases: ['Sở DT&TG', 'Sở DTTG'] },
  { name: 'Ban Dân tộc tỉnh', aliases: ['Ban Dân tộc'], successor: 'Sở Dân tộc và Tôn giáo' },

  // Other provincial bodies.
  { name: 'Thanh tra tỉnh', aliases: [] },
  { name: 'Công an tỉnh', aliases: ['CA tỉnh'] },
  {
    name: 'Bộ Chỉ huy Quân sự tỉnh',
    aliases: ['Bộ CHQS tỉnh', 'BCHQS tỉnh', 'Bộ Chỉ huy QS tỉnh'],
  },
  {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
    aliases: ['Bộ CH BĐBP tỉnh', 'BĐBP tỉnh', 'Bộ đội Biên phòng tỉnh'],
  },
  {
    name: 'Kho bạc Nhà nước tỉnh',
    aliases: ['KBNN tỉnh', 'Kho bạc Nhà nước', 'KBNN', 'Kho bạc tỉnh'],
  },
  { name: 'Cục Thuế tỉnh', aliases: ['Cục Thuế'], successor: 'Thuế tỉnh' },
  { name: 'Thuế tỉnh', aliases: [] },
  { name: 'Bảo hiểm xã hội tỉnh', aliases: ['BHXH tỉnh'] },
  {
    name: 'Đài Phát thanh và Truyền hình tỉnh',
    aliases: ['Đài PT&TH tỉnh', 'Đài PTTH tỉnh', 'Đài Phát thanh - Truyền hình tỉnh'],
  },
  {
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
    aliases: [
      'Ủy ban MTTQ Việt Nam tỉnh',
      'Ủy ban MTTQVN tỉnh',
      'UBMTTQ Việt Nam tỉnh',
      'UBMTTQVN tỉnh',
      'Ủy ban MTTQ tỉnh',
      'UBMTTQ tỉnh',
    ],
  },
  { name: 'Tỉnh đoàn', aliases: ['Tỉnh Đoàn', 'Đoàn TNCS Hồ Chí Minh tỉnh'] },
  {
    name: 'Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh',
    aliases: ['Ban Chỉ huy PCTT và TKCN tỉnh', 'BCH PCTT&TKCN tỉnh', 'Ban Chỉ huy PCTT&TKCN tỉnh'],
  },

  // Collectives.
  {
    name: 'các sở, ngành',
    group: true,
    aliases: [
      'các sở, ban, ngành',
      'sở, ban, ngành',
      'sở, ngành',
      'các sở, ban ngành',
      'các cơ quan chuyên môn thuộc UBND tỉnh',
      'các cơ quan chuyên môn',
    ],
  },
  { name: 'các địa phương', group: true, aliases: ['địa phương'] },
  {
    name: 'UBND các huyện, thị xã, thành phố',
    group: true,
    aliases: [
      'UBND cấp huyện',
      'UBND các huyện, thành phố',
      'UBND các huyện, thành phố, thị xã',
      'UBND các huyện, thị xã',
      'UBND các huyện, thị, thành phố',
      'UBND các huyện, TX, TP',
      'UBND các huyện, thị xã, TP',
      'UBND huyện, thị xã, thành phố',
      'UBND các huyện',
      'Ủy ban nhân dân cấp huyện',
      'Ủy ban nhân dân các huyện, thị xã, thành phố',
      'Ủy ban nhân dân các huyện, thành phố',
      'các huyện, thị xã, thành phố',
    ],
  },
  {
    name: 'UBND các xã, phường, thị trấn',
    group: true,
    aliases: [
      'UBND cấp xã',
      'UBND các xã',
      'Ủy ban nhân dân cấp xã',
      'Ủy ban nhân dân các xã, phường, thị trấn',
    ],
  },
  {
    name: 'UBND các xã, phường, đặc khu',
    group: true,
    aliases: ['Ủy ban nhân dân các xã, phường, đặc khu'],
  },
  { name: 'UBND các xã, phường', group: true, aliases: ['Ủy ban nhân dân các xã, phường'] },
  {
    name: 'các cơ quan, đơn vị',
    group: true,
    aliases: ['các đơn vị', 'cơ quan, đơn vị', 'đơn vị', 'các cơ quan'],
  },
  {
    name: 'các cơ quan báo chí',
    group: true,
    aliases: ['cơ quan báo chí', 'các cơ quan thông tấn, báo chí', 'các cơ quan truyền thông'],
  },
  {
    name: 'các tổ chức chính trị - xã hội',
    group: true,
    aliases: [
      'các tổ chức chính trị xã hội',
      'tổ chức chính trị - xã hội',
      'các đoàn thể chính trị - xã hội',
    ],
  },
];

/** One agency found in text. */
export interface AgencyMatch {
  /** Full name: the canonical name of a known agency, or the name as written otherwise. */
  readonly name: string;
  /** Whether it names a collective ("các sở, ngành") rather than one agency. */
  readonly group: boolean;
  /** Whether the list entry matched (false: recognised by its form only, worth a second look). */
  readonly known: boolean;
}

/** A run of tokens recognised as one or more agencies ("UBND các huyện A, B" gives two). */
export interface AgencyRun {
  readonly agencies: readonly AgencyMatch[];
  /** Index of the first token after the run. */
  readonly endToken: number;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  entry?: AgencyEntry;
}

let trie: TrieNode | undefined;

function knownTrie(): TrieNode {
  if (trie) return trie;
  const root: TrieNode = { children: new Map() };
  for (const entry of AGENCIES) {
    for (const spelling of [entry.name, ...entry.aliases]) {
      let node = root;
      for (const t of tokenize(spelling)) {
        let child = node.children.get(t.key);
        if (!child) {
          child = { children: new Map() };
          node.children.set(t.key, child);
        }
        node = child;
      }
      node.entry ??= entry;
    }
  }
  trie = root;
  return root;
}

// Between two words of one name only spaces, commas and dashes may stand ("Sở Văn hóa, Thể thao
// và Du lịch", "Sở Lao động - Thương binh và Xã hội").
const NAME_GAP = /^[\s,\-–—]*$/;
const SPACE_GAP = /^[ ]+$/;
const DASH_GAP = /^[ ]*[-–—][ ]*$/;

function gap(src: string, tokens: readonly Token[], i: number): string {
  const a = tokens[i - 1];
  const b = tokens[i];
  return a && b ? src.slice(a.end, b.start) : '';
}

function matchKnown(src: string, tokens: readonly Token[], i: number): AgencyRun | null {
  let node: TrieNode | undefined = knownTrie();
  let best: AgencyRun | null = null;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || (k > i && !NAME_GAP.test(gap(src, tokens, k)))) break;
    node = node.children.get(t.key);
    if (!node) break;
    if (node.entry) {
      const e = node.entry;
      best = {
        agencies: [{ name: e.name, group: e.group ?? false, known: true }],
        endToken: k + 1,
      };
    }
  }
  return best;
}

/** Places below the province, as written after "UBND". */
const LOCAL_LEVELS: readonly (readonly string[])[] = [
  ['thi', 'xa'],
  ['thanh', 'pho'],
  ['thi', 'tran'],
  ['dac', 'khu'],
  ['huyen'],
  ['quan'],
  ['xa'],
  ['phuong'],
];

function matchWords(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.key === w && !tokens[i + k]?.capital);
}

function levelAt(tokens: readonly Token[], i: number): number {
  for (const words of LOCAL_LEVELS) if (matchWords(tokens, i, words)) return words.length;
  return 0;
}

// "UBND TP. Hải Dương", "UBND TX Kinh Môn": abbreviated levels, written out in the name.
const ABBREVIATED_LEVELS: Readonly<Record<string, string>> = { tp: 'thành phố', tx: 'thị xã' };

/** End of a run of capitalised words (a place or person name), allowing "Bà Rịa - Vũng Tàu". */
function properNameEnd(src: string, tokens: readonly Token[], i: number): number {
  let k = i;
  while (k < tokens.length) {
    const t = tokens[k];
    if (!t || !t.capital || isAcronym(t)) break;
    if (k > i && !SPACE_GAP.test(gap(src, tokens, k)) && !DASH_GAP.test(gap(src, tokens, k))) break;
    k++;
  }
  return k;
}

/** The end of a place name right after its place word ("tỉnh Quảng Bình"); not across a comma. */
function placeNameEnd(src: string, tokens: readonly Token[], i: number): number {
  return SPACE_GAP.test(gap(src, tokens, i)) ? properNameEnd(src, tokens, i) : i;
}

function peopleCommitteeLength(tokens: readonly Token[], i: number): number {
  if (tokens[i]?.key === 'ubnd') return 1;
  const full = ['uy', 'ban', 'nhan', 'dan'];
  return full.every((w, k) => tokens[i + k]?.key === w) ? full.length : 0;
}

/**
 * "UBND huyện Kinh Môn", "Ủy ban nhân dân thành phố Đông Hà", and the plural "UBND các huyện
 * Sơn Hà, Minh Long, Ba Tơ", which names one committee per place.
 */
function matchLocalCommittee(src: string, tokens: readonly Token[], i: number): AgencyRun | null {
  const ubnd = peopleCommitteeLength(tokens, i);
  if (ubnd === 0) return null;
  let k = i + ubnd;
  const plural = tokens[k]?.key === 'cac' && !tokens[k]?.capital;
  if (plural) k++;
  const abbreviated = ABBREVIATED_LEVELS[tokens[k]?.key ?? ''];
  const levelLength = abbreviated !== undefined && tokens[k]?.capital ? 1 : levelAt(tokens, k);
  if (levelLength === 0) return null;
  const level =
    abbreviated ??
    tokens
      .slice(k, k + levelLength)
      .map((t) => t.text)
      .join(' ');
  k += levelLength;
  // "TP. Hải Dương": the abbreviation point is not a separator.
  if (abbreviated !== undefined && !/^\.?\s+$/.test(gap(src, tokens, k))) return null;
  const places: string[] = [];
  let end = k;
  for (;;) {
    const nameEnd = properNameEnd(src, tokens, k);
    if (nameEnd === k) break;
    places.push(src.slice(tokens[k]?.start ?? 0, tokens[nameEnd - 1]?.end ?? 0));
    end = nameEnd;
    if (!plural) break;
    const sep = gap(src, tokens, nameEnd);
    if (/^\s*,\s*$/.test(sep) && tokens[nameEnd]?.capital) k = nameEnd;
    else if (SPACE_GAP.test(sep) && tokens[nameEnd]?.key === 'va' && tokens[nameEnd + 1]?.capital)
      k = nameEnd + 1;
    else break;
  }
  if (places.length === 0) return null;
  return {
    agencies: places.map((p) => ({ name: `UBND ${level} ${p}`, group: false, known: false })),
    endToken: end,
  };
}

interface Head {
  readonly words: readonly string[];
  /** Full form of an abbreviated head ("BCĐ"). */
  readonly expand?: string;
}

/**
 * Heads that start an agency name; each must be followed by a capitalised word. Compared with
 * diacritics (lower-cased), because folded "Quỹ" is "Quy" and "Đài" is "Đại".
 */
const HEADS: readonly Head[] = [
  'tổng công ty',
  'vườn quốc gia',
  'hạt kiểm lâm',
  'viện kiểm sát',
  'trung tâm',
  'chi cục',
  'tổng cục',
  'bệnh viện',
  'hội đồng',
  'học viện',
  'công ty',
  'tập đoàn',
  'văn phòng',
  'thanh tra',
  'kho bạc',
  'liên đoàn',
  'liên minh',
  'tòa án',
  'toà án',
  'bảo hiểm',
  'điện lực',
  'ngân hàng',
  'viễn thông',
  'bưu điện',
  'ủy ban',
  'uỷ ban',
  'cảng vụ',
  'sở',
  'ban',
  'cục',
  'đài',
  'báo',
  'hội',
  'quỹ',
  'viện',
  'trường',
  'bộ',
  'phòng',
  'đoàn',
]
  .map((h): Head => ({ words: h.split(' ') }))
  .concat([
    // Telecom operators' provincial branches: "VNPT Quảng Bình", "Viettel Lạng Sơn".
    { words: ['vnpt'], expand: 'VNPT' },
    { words: ['viettel'], expand: 'Viettel' },
    { words: ['bcđ'], expand: 'Ban Chỉ đạo' },
    { words: ['bql'], expand: 'Ban Quản lý' },
  ]);

function headAt(tokens: readonly Token[], i: number): { length: number; expand?: string } | null {
  const first = tokens[i];
  if (!first?.capital) return null;
  for (const h of HEADS) {
    if (!h.words.every((w, k) => tokens[i + k]?.text.toLowerCase() === w)) continue;
    return h.expand === undefined
      ? { length: h.words.length }
      : { length: h.words.length, expand: h.expand };
  }
  return null;
}

// Lower-case words that end an unknown name: verbs and particles that follow a subject
// ("… tỉnh chủ trì", "… tăng cường", "… đã …"). Compared with diacritics: folded, "tư" (in
// "Đầu tư") would be "từ" and "tế" (in "Y tế") would be "tê". Syllables that often end a word
// of a name are left out even when they start a verb ("Phát triển", "Hàng không", "Dân vận").
const NAME_STOPS = new Set(
  (
    'chủ phối khẩn tiếp thực tổ chỉ hướng kiểm theo tổng báo đề hoàn nghiên xem bố cân ' +
    'đẩy lập ban trình gửi cung đảm bảo khắc xử giải quán tuyên phổ tập nghiêm phải có là ' +
    'đã đang được với của tại về trong trên cho tăng tham rà tích chịu rút nâng điều hỗ ' +
    'ưu sẽ chưa còn nhằm như đánh đưa áp sử làm từ xây ứng mua sắp cần quản'
  ).split(' '),
);

// Words after which an unknown name may not go on to a place word ("… tỉnh"): particles that
// start a new phrase, and the verbs that follow a subject.
const EXTENSION_STOPS = new Set(
  (
    'với của tại để theo cần phải đã đang được là trên trong cho về nhằm như chủ phối khẩn ' +
    'tiếp có sẽ chưa không'
  ).split(' '),
);

function lower(t: Token): string {
  return t.text.toLowerCase();
}

/**
 * An agency missing from the list but written the way agencies are: a head ("Sở", "Ban",
 * "Trung tâm", "Báo", …) and a capitalised name. The name runs to a place word when one comes
 * soon ("Ban Quản lý dự án … giao thông tỉnh", "Trung tâm Y tế huyện Lệ Thủy"); otherwise it is
 * the capitalised words, each with at most one lower-case syllable ("Ban Chỉ đạo", "Báo Quảng
 * Bình"), which is how Vietnamese capitalises the words of a name.
 */
function matchUnknown(src: string, tokens: readonly Token[], i: number): AgencyRun | null {
  const head = headAt(tokens, i);
  if (!head) return null;
  const j = i + head.length;
  const next = tokens[j];
  if (!next?.capital || !SPACE_GAP.test(gap(src, tokens, j))) return null;

  let end = extendToPlace(src, tokens, j);
  if (end === 0) end = lowercaseTailEnd(src, tokens, capitalisedWordsEnd(src, tokens, j));
  const written = src.slice(tokens[i]?.start ?? 0, tokens[end - 1]?.end ?? 0);
  const name = head.expand
    ? `${head.expand}${src.slice(tokens[j - 1]?.end ?? 0, tokens[end - 1]?.end ?? 0)}`
    : written;
  return {
    agencies: [{ name: expandAbbreviations(name), group: false, known: false }],
    endToken: end,
  };
}

/**
 * End of the capitalised words of a name from token `j`: a capitalised word takes at most one
 * lower-case syllable after it ("Chỉ đạo", "Tài chính"), a run of capitalised words (a proper
 * name: "Quảng Bình") takes none, and "và" joins two capitalised words.
 */
function capitalisedWordsEnd(src: string, tokens: readonly Token[], j: number): number {
  let end = j;
  for (;;) {
    const t = tokens[end];
    if (!t?.capital) break;
    if (end > j && !SPACE_GAP.test(gap(src, tokens, end)) && !DASH_GAP.test(gap(src, tokens, end)))
      break;
    end++;
    const next = tokens[end];
    if (!next || next.capital || !SPACE_GAP.test(gap(src, tokens, end))) continue;
    if (next.key === 'va' && tokens[end + 1]?.capital) {
      end++;
      continue;
    }
    const inProperName = end - 2 >= j && tokens[end - 2]?.capital === true;
    if (inProperName || NAME_STOPS.has(lower(next))) break;
    end++;
    if (tokens[end]?.key === 'va' && !tokens[end]?.capital && tokens[end + 1]?.capital) end++;
  }
  return end;
}

/**
 * A name may end in one or two lower-case words ("Chi cục Phát triển nông thôn", "Trung tâm Y
 * tế dự phòng") when a verb or punctuation follows them; otherwise they start the predicate
 * ("Ban Chỉ đạo cơ bản nhất trí …") and the name ends before them.
 */
function lowercaseTailEnd(src: string, tokens: readonly Token[], end: number): number {
  for (let n = 1; n <= 2; n++) {
    const tail = tokens.slice(end, end + n);
    const fits = tail.every(
      (t, m) =>
        !t.capital && !NAME_STOPS.has(lower(t)) && SPACE_GAP.test(gap(src, tokens, end + m)),
    );
    if (tail.length < n || !fits) return end;
    const after = tokens[end + n];
    const punctuation = /^\s*[,;:.]/.test(src.slice(tokens[end + n - 1]?.end ?? 0));
    if (punctuation || (after && !after.capital && NAME_STOPS.has(lower(after)))) return end + n;
  }
  return end;
}

/**
 * End token of a name that reaches "tỉnh", "thành phố" or "huyện X" within a few words, or 0.
 * A verb right after a capitalised word, or anything after a proper name, means the name
 * ended earlier ("Báo Thái Bình tăng cường …").
 */
function extendToPlace(src: string, tokens: readonly Token[], j: number): number {
  for (let k = j; k < Math.min(tokens.length, j + 16); k++) {
    const t = tokens[k];
    if (!t) return 0;
    if (k > j) {
      const g = gap(src, tokens, k);
      if (!SPACE_GAP.test(g) && !DASH_GAP.test(g)) return 0;
    }
    if (t.capital) continue;
    if (t.key === 'tinh') return placeNameEnd(src, tokens, k + 1);
    const level = levelAt(tokens, k);
    if (level > 0) {
      const placeEnd = placeNameEnd(src, tokens, k + level);
      if (placeEnd > k + level) return placeEnd;
      if (t.key === 'thanh') return k + level;
      // Otherwise an ordinary word of the name ("Liên minh Hợp tác xã tỉnh").
    }
    const prev = tokens[k - 1];
    if (k > j && prev?.capital) {
      const afterProperName = k - 2 >= j && tokens[k - 2]?.capital === true;
      if (afterProperName || NAME_STOPS.has(lower(t))) return 0;
    }
    if (EXTENSION_STOPS.has(lower(t))) return 0;
    if (t.key === 'va' && !tokens[k + 1]?.capital) return 0;
  }
  return 0;
}

/** "các thành viên Ban Chỉ đạo …": the members of a body, as one collective. */
function matchMembers(src: string, tokens: readonly Token[], i: number): AgencyRun | null {
  let k = i;
  if (tokens[k]?.key === 'cac') k++;
  if (!(tokens[k]?.key === 'thanh' && tokens[k + 1]?.key === 'vien')) return null;
  const body = matchAgencyAt(src, tokens, k + 2);
  const first = body?.agencies[0];
  if (!body || !first) return null;
  return {
    agencies: [{ name: `các thành viên ${first.name}`, group: true, known: false }],
    endToken: body.endToken,
  };
}

/**
 * "các sở: Tài chính, Kế hoạch và Đầu tư, Xây dựng" (also "các Sở Tài chính, Xây dựng"): one
 * department per short name, each the name after "Sở".
 */
function matchDepartmentList(src: string, tokens: readonly Token[], i: number): AgencyRun | null {
  if (!(tokens[i]?.key === 'cac' && tokens[i + 1]?.key === 'so')) return null;
  let k = i + 2;
  if (!/^\s*:?\s*$/.test(gap(src, tokens, k)) || !tokens[k]?.capital) return null;
  const agencies: AgencyMatch[] = [];
  let end = k;
  for (;;) {
    const nameEnd = capitalisedWordsEnd(src, tokens, k);
    if (nameEnd === k) break;
    const short = src.slice(tokens[k]?.start ?? 0, tokens[nameEnd - 1]?.end ?? 0);
    const full = `Sở ${short}`;
    const known = matchKnown(full, tokenize(full), 0)?.agencies[0];
    agencies.push(known ?? { name: full, group: false, known: false });
    end = nameEnd;
    const sep = gap(src, tokens, nameEnd);
    if (/^\s*,\s*$/.test(sep) && tokens[nameEnd]?.capital) k = nameEnd;
    else if (SPACE_GAP.test(sep) && tokens[nameEnd]?.key === 'va' && tokens[nameEnd + 1]?.capital)
      k = nameEnd + 1;
    else break;
  }
  return agencies.length >= 1 ? { agencies, endToken: end } : null;
}

/**
 * The agency (or agencies) starting at token `i`, if any: local committees by place name first
 * (so "UBND thành phố Đông Hà" is not read as "UBND thành phố"), then the list, then members of
 * a body, then a well-formed unknown name.
 */
export function matchAgencyAt(src: string, tokens: readonly Token[], i: number): AgencyRun | null {
  return (
    matchLocalCommittee(src, tokens, i) ??
    matchDepartmentList(src, tokens, i) ??
    matchKnown(src, tokens, i) ??
    matchMembers(src, tokens, i) ??
    matchUnknown(src, tokens, i)
  );
}

/** An agency of a list, with whether the text limited it to "the related ones". */
export interface ListedAgency extends AgencyMatch {
  /** Written with "liên quan" / "có liên quan": an unspecified subset of the collective. */
  readonly related: boolean;
}

export interface AgencyList {
  readonly agencies: readonly ListedAgency[];
  readonly endToken: number;
}

// Words that narrow an agency without being part of its name ("các sở, ngành cấp tỉnh",
// "các cơ quan báo chí trên địa bàn tỉnh"). Group-only ones apply to collectives.
const QUALIFIERS: readonly {
  readonly words: readonly string[];
  readonly groupOnly: boolean;
  readonly related?: true;
}[] = [
  { words: ['co', 'lien', 'quan'], groupOnly: false, related: true },
  { words: ['lien', 'quan'], groupOnly: false, related: true },
  { words: ['tren', 'dia', 'ban', 'tinh'], groupOnly: false },
  { words: ['tren', 'dia', 'ban', 'thanh', 'pho'], groupOnly: false },
  { words: ['tren', 'dia', 'ban'], groupOnly: false },
  { words: ['thuoc', 'ubnd', 'tinh'], groupOnly: true },
  { words: ['thuoc', 'tinh'], groupOnly: true },
  { words: ['cap', 'tinh'], groupOnly: true },
  { words: ['cua', 'tinh'], groupOnly: true },
  { words: ['tinh'], groupOnly: true },
];

function consumeQualifiers(
  src: string,
  tokens: readonly Token[],
  k: number,
  group: boolean,
): { end: number; related: boolean } {
  let related = false;
  let end = k;
  for (let again = true; again;) {
    again = false;
    for (const q of QUALIFIERS) {
      if (q.groupOnly && !group) continue;
      if (!SPACE_GAP.test(gap(src, tokens, end))) continue;
      if (!q.words.every((w, n) => tokens[end + n]?.key === w && !tokens[end + n]?.capital))
        continue;
      end += q.words.length;
      related ||= q.related === true;
      again = true;
      break;
    }
  }
  // "UBND tỉnh Quảng Bình": the province's own name adds nothing to "UBND tỉnh".
  if (tokens[end - 1]?.key === 'tinh' && SPACE_GAP.test(gap(src, tokens, end))) {
    end = properNameEnd(src, tokens, end);
  }
  return { end, related };
}

// Titles in front of an agency that still mean the agency: "Người đứng đầu các sở, ngành",
// "Giám đốc Sở Y tế", "Chủ tịch UBND các huyện".
const ROLE_PREFIXES: readonly (readonly string[])[] = [
  ['dong', 'chi'],
  ['nguoi', 'dung', 'dau'],
  ['thu', 'truong'],
  ['lanh', 'dao'],
  ['pho'],
  ['giam', 'doc'],
  ['chu', 'tich'],
  ['chanh'],
  ['truong'],
];

/**
 * A list of agencies from token `i`: "Sở A, Sở B và các sở, ngành liên quan". Separators are a
 * comma, "và" or "cùng". With `roles`, a title before an agency ("Giám đốc Sở Y tế") is skipped.
 */
export function matchAgencyListAt(
  src: string,
  tokens: readonly Token[],
  i: number,
  options: { roles?: boolean } = {},
): AgencyList | null {
  const agencies: ListedAgency[] = [];
  let k = i;
  let end = i;
  for (;;) {
    let start = k;
    let run = matchAgencyAt(src, tokens, start);
    if (options.roles) {
      // Titles may stack: "Đồng chí Giám đốc Sở Y tế", "Phó Chủ tịch UBND các huyện".
      for (let n = 0; n < 3; n++) {
        const role = ROLE_PREFIXES.find((r) => r.every((w, m) => tokens[start + m]?.key === w));
        if (!role) break;
        start += role.length;
        const afterRole = matchAgencyAt(src, tokens, start);
        // "Chủ tịch UBND tỉnh" is itself a listed name; prefer the agency behind the title.
        if (afterRole) {
          run = afterRole;
          break;
        }
      }
    }
    if (!run) break;
    const isGroup = run.agencies.some((a) => a.group);
    const q = consumeQualifiers(src, tokens, run.endToken, isGroup);
    for (const a of run.agencies) agencies.push({ ...a, related: q.related && a.group });
    if (q.related) {
      // "sở, ban, ngành, địa phương liên quan": the qualifier covers the collectives before it.
      for (let n = agencies.length - 1; n >= 0; n--) {
        const a = agencies[n];
        if (!a?.group) break;
        agencies[n] = { ...a, related: true };
      }
    }
    end = q.end;
    const sep = gap(src, tokens, end);
    if (/^\s*,\s*$/.test(sep)) k = end;
    else if (
      SPACE_GAP.test(sep) &&
      ['va', 'cung'].includes(tokens[end]?.key ?? '') &&
      !tokens[end]?.capital
    )
      k = end + 1;
    else break;
    if (k >= tokens.length) break;
  }
  return agencies.length > 0 ? { agencies, endToken: end } : null;
}

// Abbreviations that appear inside agency names kept as written.
const IN_NAME_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['CQĐT', 'Chính quyền điện tử'],
  ['CNTT', 'Công nghệ thông tin'],
  ['CĐS', 'Chuyển đổi số'],
  ['BCĐ', 'Ban Chỉ đạo'],
  ['BQLDA', 'Ban Quản lý dự án'],
  ['BQL', 'Ban Quản lý'],
  ['ĐTXD', 'đầu tư xây dựng'],
  ['KT-XH', 'kinh tế - xã hội'],
  ['KH&CN', 'Khoa học và Công nghệ'],
  ['TT&TT', 'Thông tin và Truyền thông'],
  ['PCTT', 'Phòng, chống thiên tai'],
  ['TKCN', 'Tìm kiếm cứu nạn'],
];

// \b is ASCII-only in JavaScript and never fires next to "Đ": delimit words by letters instead.
const IN_NAME_PATTERNS = IN_NAME_ABBREVIATIONS.map(
  ([short, full]) =>
    // The abbreviations hold only letters, '&' and '-', which need no escaping outside a class.
    [new RegExp(`(?<![\\p{L}\\p{N}])${short}(?![\\p{L}\\p{N}])`, 'gu'), full] as const,
);

/** Expands the abbreviations of `IN_NAME_ABBREVIATIONS` in a name kept as written. */
export function expandAbbreviations(name: string): string {
  let out = name;
  for (const [re, full] of IN_NAME_PATTERNS) out = out.replace(re, full);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The full name of an agency as written anywhere: "Sở TT&TT" → "Sở Thông tin và Truyền thông",
 * "các Sở, ban, ngành" → "các sở, ngành"; a name not in the list but well-formed ("Sở X",
 * "UBND huyện Y", "Trung tâm …") is kept as written, with in-name abbreviations expanded.
 */
export function normaliseAgencyName(written: string): string {
  const src = written.normalize('NFC').replace(/\s+/g, ' ').trim();
  const tokens = tokenize(src);
  const known = matchKnown(src, tokens, 0);
  const first = known?.agencies[0];
  if (known && first && known.endToken === tokens.length) return first.name;
  const any = matchAgencyAt(src, tokens, 0);
  const only = any?.agencies.length === 1 ? any.agencies[0] : undefined;
  if (any && only && any.endToken === tokens.length) return only.name;
  return expandAbbreviations(src);
}

/** Whether two spellings name the same known agency (or are the same words, case and diacritics aside). */
export function sameAgency(a: string, b: string): boolean {
  return fold(normaliseAgencyName(a)) === fold(normaliseAgencyName(b));
}

/**
 * The agency that now holds an agency's duties, following successors to the end
 * ("Sở Thông tin và Truyền thông" → "Sở Khoa học và Công nghệ"); the name itself if none.
 */
export function successorOf(name: string): string {
  let current = normaliseAgencyName(name);
  const seen = new Set<string>();
  for (;;) {
    const entry = AGENCIES.find((e) => e.name === current);
    if (!entry?.successor || seen.has(current)) return current;
    seen.add(current);
    current = entry.successor;
  }
}
