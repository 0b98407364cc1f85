import { describe, expect, it } from 'vitest';
import { snippetPieces } from '../../../../renderer/features/documents/searchMarks';

describe('snippetPieces()', () => {
  it('splits a snippet into plain and marked pieces in order', () => {
    expect(
      snippetPieces('…Tổng kinh phí tổ chức, kinh phí…', [
        [24, 32],
        [6, 14],
      ]),
    ).toEqual([
      { text: '…Tổng ', marked: false },
      { text: 'kinh phí', marked: true },
      { text: ' tổ chức, ', marked: false },
      { text: 'kinh phí', marked: true },
      { text: '…', marked: false },
    ]);
  });

  it('ignores marks out of range, empty or overlapping an earlier one', () => {
    expect(
      snippetPieces('kinh phí', [
        [0, 4],
        [2, 6],
        [5, 5],
        [5, 99],
      ]),
    ).toEqual([
      { text: 'kinh', marked: true },
      { text: ' phí', marked: false },
    ]);
  });
});
