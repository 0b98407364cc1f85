/**
 * Text search in agenda documents, Vietnamese-aware: matching ignores case and diacritics
 * ("KINH PHÍ", "kinh phi" and "Kinh Phí" are one needle; "đ" matches "d") through the one
 * folding the conclusion parser already uses (`fold`, common/notices/text.ts). `fold` keeps the
 * length of its input, so an offset found in the folded copy of a page is the same offset in the
 * page text, and snippets are cut from the text as written.
 *
 * Pages are kept in their searchable form (`searchablePageText`): NFC, with whitespace runs as one
 * space, so a phrase broken across lines in the PDF ("kinh\nphí") is still found. Matching is
 * by substring, like the PDF viewer's own find, and a query with several words is one phrase.
 */
import type { SearchSnippet } from '../domain/documentSearch';
import { fold } from '../notices/text';

/** Characters PDF text carries that a reader never sees (soft hyphen, zero-width ones, BOM). */
const INVISIBLE = /\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g;

/** A page's text as kept for search: NFC, invisible characters dropped, whitespace as single spaces. */
export function searchablePageText(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** The folded copy of a searchable page text: lower case, no diacritics, same length. */
export function foldSearchable(searchable: string): string {
  return fold(searchable);
}

/** What a typed query is matched as: folded, its whitespace collapsed. */
export function searchNeedle(query: string): string {
  return foldSearchable(searchablePageText(query));
}

/** A LIKE pattern containing `needle` anywhere; the escape character is `\`. */
export function likeContaining(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Start offsets of every non-overlapping occurrence of `needle` in `folded`. */
export function occurrences(folded: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length))
    found.push(at);
  return found;
}

const ELLIPSIS = '…';

/**
 * Snippets of one page: `radius` characters either side of each hit, widened or narrowed to
 * whole words, "…" where the page goes on. A hit inside the previous snippet is marked there
 * instead of getting its own. At most `limit` snippets.
 */
export function pageSnippets(
  text: string,
  starts: readonly number[],
  needleLength: number,
  page: number,
  limit: number,
  radius = 60,
): SearchSnippet[] {
  const snippets: SearchSnippet[] = [];
  let last: { snippet: SearchSnippet; from: number; to: number; offset: number } | undefined;
  for (const start of starts) {
    const end = start + needleLength;
    if (last && start >= last.from && end <= last.to) {
      last.snippet.marks.push([start - last.from + last.offset, end - last.from + last.offset]);
      continue;
    }
    if (snippets.length >= limit) break;
    let from = Math.max(0, start - radius);
    let to = Math.min(text.length, end + radius);
    if (from > 0) {
      const space = text.indexOf(' ', from);
      if (space >= 0 && space < start) from = space + 1;
    }
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space >= end) to = space;
    }
    const offset = from > 0 ? ELLIPSIS.length : 0;
    const snippet: SearchSnippet = {
      page,
      text: `${from > 0 ? ELLIPSIS : ''}${text.slice(from, to)}${to < text.length ? ELLIPSIS : ''}`,
      marks: [[start - from + offset, end - from + offset]],
    };
    snippets.push(snippet);
    last = { snippet, from, to, offset };
  }
  return snippets;
}
