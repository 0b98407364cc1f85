import { describe, expect, it } from 'vitest';
import {
  foldSearchable,
  likeContaining,
  occurrences,
  pageSnippets,
  searchablePageText,
  searchNeedle,
} from '../../../../common/documents/searchText';

describe('searchNeedle() and foldSearchable()', () => {
  it('folds case and Vietnamese diacritics, đ to d, and NFD input like NFC', () => {
    expect(searchNeedle('KINH PHÍ')).toBe('kinh phi');
    expect(searchNeedle('Kinh phí'.normalize('NFD'))).toBe('kinh phi');
    expect(searchNeedle('Sở Kế hoạch và Đầu tư')).toBe('so ke hoach va dau tu');
    expect(searchNeedle('  đường   ĐI\n')).toBe('duong di');
  });

  it('keeps the length of a searchable text, so offsets carry over', () => {
    const text = searchablePageText('Tổng\u00adkinh\n\n phí   tổ chức');
    expect(text).toBe('Tổngkinh phí tổ chức');
    const folded = foldSearchable(text);
    expect(folded).toHaveLength(text.length);
    const at = folded.indexOf('kinh phi');
    expect(text.slice(at, at + 8)).toBe('kinh phí');
  });
});

describe('likeContaining()', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(likeContaining('kinh phi')).toBe('%kinh phi%');
    expect(likeContaining('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('occurrences()', () => {
  it('returns every non-overlapping start, none for an empty needle', () => {
    expect(occurrences('aaaa', 'aa')).toEqual([0, 2]);
    expect(occurrences('kinh phi, kinh phi', 'kinh phi')).toEqual([0, 10]);
    expect(occurrences('abc', '')).toEqual([]);
  });
});

describe('pageSnippets()', () => {
  const words = Array.from({ length: 60 }, (_, i) => `từ${i}`);

  it('cuts whole words around a hit with ellipses and marks the hit', () => {
    const text = [...words.slice(0, 30), 'kinh phí', ...words.slice(30)].join(' ');
    const starts = occurrences(foldSearchable(text), 'kinh phi');
    const [snippet] = pageSnippets(text, starts, 8, 4, 5, 20);
    expect(snippet!.page).toBe(4);
    expect(snippet!.text.startsWith('…')).toBe(true);
    expect(snippet!.text.endsWith('…')).toBe(true);
    const [[a, b]] = snippet!.marks as [[number, number]];
    expect(snippet!.text.slice(a, b)).toBe('kinh phí');
    // Whole words only: no word is cut at either end.
    for (const word of snippet!.text.replace(/…/g, '').split(' '))
      expect(text.split(' ')).toContain(word);
  });

  it('marks a nearby second hit in the same snippet and stops at the limit', () => {
    const text = `Kinh phí và kinh phí. ${words.join(' ')} kinh phí ${words.join(' ')} kinh phí`;
    const starts = occurrences(foldSearchable(text), 'kinh phi');
    expect(starts).toHaveLength(4);
    const snippets = pageSnippets(text, starts, 8, 1, 2, 30);
    expect(snippets).toHaveLength(2);
    expect(snippets[0]!.text.startsWith('Kinh phí')).toBe(true);
    expect(snippets[0]!.marks.map(([a, b]) => snippets[0]!.text.slice(a, b))).toEqual([
      'Kinh phí',
      'kinh phí',
    ]);
    expect(snippets[1]!.marks.map(([a, b]) => snippets[1]!.text.slice(a, b))).toEqual(['kinh phí']);
  });
});
