/**
 * Text primitives for the conclusion-notice parser: clean-up, diacritic folding, word tokens,
 * masking of quoted and bracketed text, sentence and clause boundaries.
 *
 * Everything works on one normalised string and reports character offsets into it, so the
 * parser can match on a folded or masked copy and still cut the original wording out.
 */

/**
 * Puts notice text into the one form the parser reads: NFC (PDF text is often decomposed),
 * `\n` line ends, plain spaces, no Markdown emphasis. Bold and italic markers are dropped
 * because the live editor and copied notices put them around deadlines ("**ngày 05/10/2022**")
 * and remarks, where they carry no meaning for the task.
 */
export function normaliseNoticeText(raw: string): string {
  return (
    raw
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\u200b|\u200c|\u200d|\ufeff|\u00ad/g, '')
      .replace(/[\u00a0\u2007\u202f\t\f\v]/g, ' ')
      .replace(/\*\*|__/g, '')
      // A leading "* " is a list bullet, not emphasis: keep it as a bullet before dropping "*".
      .replace(/^([ ]*)\*(?=[ ])/gm, '$1•')
      .replace(/\*/g, '')
      .replace(/[ ]{2,}/g, ' ')
  );
}

/**
 * Lower-cases and strips Vietnamese diacritics one UTF-16 unit at a time, so the result has
 * exactly the length of the input and offsets found in it are offsets in the input.
 */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldUnit(s.charAt(i));
  return out;
}

const foldCache = new Map<string, string>();

function foldUnit(c: string): string {
  const cached = foldCache.get(c);
  if (cached !== undefined) return cached;
  const lower = c.toLowerCase();
  const folded = lower === 'đ' ? 'd' : (lower.normalize('NFD').charAt(0) ?? c);
  const one = folded.length === 1 ? folded : c;
  foldCache.set(c, one);
  return one;
}

/** One word of the text: a run of letters/digits, or '&' (read as 'và'). */
export interface Token {
  /** The word as written. */
  readonly text: string;
  /** Folded form used for matching; '&' becomes 'va'. */
  readonly key: string;
  /** Offset of the first character in the source string. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** Whether the first letter is a capital (proper names and agency names start so). */
  readonly capital: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+|&/gu;

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (const m of s.matchAll(TOKEN_RE)) {
    const text = m[0];
    const first = text.charAt(0);
    tokens.push({
      text,
      key: text === '&' ? 'va' : fold(text),
      start: m.index,
      end: m.index + text.length,
      capital: first !== first.toLowerCase(),
    });
  }
  return tokens;
}

/** Whether a token is an all-capital abbreviation such as "UBND", "CNTT", "TT". */
export function isAcronym(t: Token): boolean {
  return t.text.length >= 2 && t.text === t.text.toUpperCase() && /\p{L}/u.test(t.text);
}

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '“': '”', '[': ']' };

/**
 * Blanks out text in brackets and quotation marks (same length, spaces), so that project names
 * ("Xây dựng Trung tâm giám sát …") and remarks ("(qua Sở Tài chính)") cannot be read as
 * assignments, recipients or subjects. Unbalanced marks are left alone.
 */
export function maskQuotedAndBracketed(s: string): string {
  const chars = s.split('');
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    const close = OPENERS[c] ?? (c === '"' ? '"' : undefined);
    if (close !== undefined) {
      const j = findClose(s, i, c, close);
      if (j > i) {
        for (let k = i; k <= j; k++) chars[k] = ' ';
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return chars.join('');
}

function findClose(s: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === close && (depth === 1 || open === close) && i !== from) return i;
    if (c === open && open !== close) depth++;
    else if (c === close) depth--;
  }
  return -1;
}

/** A half-open range of character offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

// Words after which a full stop is an abbreviation point, not the end of a sentence.
const ABBREVIATION_POINTS = new Set(['tp', 'tx', 'q', 'p', 'ths', 'ts', 'pgs', 'gs', 'bs', 'ks']);

/**
 * Sentence spans of a paragraph: a full stop, '!' or '?' ends a sentence when it is outside
 * brackets and quotes and the next word starts with a capital, a bracket or a quote. Line
 * breaks inside a sentence have already been joined by the segmenter.
 */
export function splitSentences(s: string): Span[] {
  const spans: Span[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '“') inQuote = true;
    else if (c === '”') inQuote = false;
    else if (c === '"') inQuote = !inQuote;
    if (depth > 0 || inQuote || !(c === '.' || c === '!' || c === '?')) continue;
    let j = i + 1;
    while (j < s.length && /[.)”"/]/.test(s.charAt(j))) j++;
    if (j >= s.length || !/\s/.test(s.charAt(j))) continue;
    const next = s.slice(j).trimStart().charAt(0);
    if (!(next !== next.toLowerCase() || /[(“"[]/.test(next))) continue;
    const word = /([\p{L}]+)$/u.exec(s.slice(Math.max(0, i - 6), i))?.[1];
    if (c === '.' && word !== undefined && ABBREVIATION_POINTS.has(fold(word))) continue;
    spans.push({ start, end: j });
    start = j;
    while (start < s.length && /\s/.test(s.charAt(start))) start++;
    i = start - 1;
  }
  if (start < s.length && s.slice(start).trim() !== '') spans.push({ start, end: s.length });
  return spans;
}

/** Clause spans of a sentence: split at ';' outside brackets and quotes. */
export function splitClauses(s: string, span: Span): Span[] {
  const masked = maskQuotedAndBracketed(s.slice(span.start, span.end));
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < masked.length; i++) {
    if (masked.charAt(i) !== ';') continue;
    spans.push({ start: span.start + start, end: span.start + i + 1 });
    start = i + 1;
  }
  spans.push({ start: span.start + start, end: span.end });
  return spans.filter((c) => s.slice(c.start, c.end).trim() !== '');
}

/** Upper-cases the first letter (task content starts a sentence of its own). */
export function capitaliseFirst(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}
