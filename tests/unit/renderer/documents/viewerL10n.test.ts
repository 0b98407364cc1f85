import { describe, expect, it } from 'vitest';
import { pageLabeller } from '../../../../renderer/features/documents/viewerL10n';

describe('pageLabeller()', () => {
  it('translates once and puts each page number into the text', () => {
    const asked: string[] = [];
    const label = pageLabeller((page) => {
      asked.push(page);
      return `Trang ${page}`;
    });
    expect([1, 12, 500].map(label)).toEqual(['Trang 1', 'Trang 12', 'Trang 500']);
    expect(asked).toHaveLength(1);
  });

  it('translates each page when the translation does not keep the number as given', () => {
    const words = ['không', 'một', 'hai'];
    const label = pageLabeller((page) => `Trang ${words[Number(page)] ?? '?'}`);
    expect([1, 2].map(label)).toEqual(['Trang một', 'Trang hai']);
  });
});
