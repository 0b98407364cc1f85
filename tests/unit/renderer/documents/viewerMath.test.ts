import { describe, expect, it } from 'vitest';
import {
  clampPage,
  clampScale,
  formatScale,
  MAX_SCALE,
  MIN_SCALE,
  parsePageInput,
  searchMatchesDiacritics,
  thumbnailRenderOrder,
  thumbnailSize,
  thumbnailsToEvict,
  zoomStep,
  ZOOM_STEPS,
} from '../../../../renderer/features/documents/viewerMath';

describe('clampPage', () => {
  it('clampPage() inside the document returns the page, rounded', () => {
    expect(clampPage(7, 500)).toBe(7);
    expect(clampPage(7.4, 500)).toBe(7);
  });

  it('clampPage() outside the document returns the first or the last page', () => {
    expect(clampPage(0, 500)).toBe(1);
    expect(clampPage(-3, 500)).toBe(1);
    expect(clampPage(501, 500)).toBe(500);
  });

  it('clampPage() with NaN, infinity or an empty document returns 1', () => {
    expect(clampPage(Number.NaN, 500)).toBe(1);
    expect(clampPage(Number.POSITIVE_INFINITY, 500)).toBe(1);
    expect(clampPage(3, 0)).toBe(1);
  });
});

describe('clampScale and zoomStep', () => {
  it('clampScale() keeps the zoom between the limits and maps NaN to 100 %', () => {
    expect(clampScale(0.01)).toBe(MIN_SCALE);
    expect(clampScale(40)).toBe(MAX_SCALE);
    expect(clampScale(1.3)).toBe(1.3);
    expect(clampScale(Number.NaN)).toBe(1);
  });

  it('zoomStep() from a step goes to the neighbouring step', () => {
    expect(zoomStep(1, 'in')).toBe(1.1);
    expect(zoomStep(1, 'out')).toBe(0.9);
  });

  it('zoomStep() from between two steps (after fit width) goes to the nearer one in that direction', () => {
    expect(zoomStep(1.37, 'in')).toBe(1.5);
    expect(zoomStep(1.37, 'out')).toBe(1.25);
  });

  it('zoomStep() treats floating point noise as the step itself', () => {
    expect(zoomStep(1.0999999, 'in')).toBe(1.25);
    expect(zoomStep(1.1000001, 'out')).toBe(1);
  });

  it('zoomStep() at the limits stays at the limit', () => {
    expect(zoomStep(MAX_SCALE, 'in')).toBe(MAX_SCALE);
    expect(zoomStep(MIN_SCALE, 'out')).toBe(MIN_SCALE);
    expect(ZOOM_STEPS[0]).toBe(MIN_SCALE);
    expect(ZOOM_STEPS.at(-1)).toBe(MAX_SCALE);
  });
});

describe('parsePageInput', () => {
  it('parsePageInput() with a number returns it clamped into the document', () => {
    expect(parsePageInput('25', 40)).toBe(25);
    expect(parsePageInput(' 3 ', 40)).toBe(3);
    expect(parsePageInput('999', 40)).toBe(40);
    expect(parsePageInput('0', 40)).toBe(1);
  });

  it('parsePageInput() with anything but digits returns null', () => {
    for (const text of ['', ' ', 'abc', '2.5', '-1', '1e3', '12a', '１２']) {
      expect(parsePageInput(text, 40)).toBeNull();
    }
  });
});

describe('formatScale', () => {
  it('formatScale() shows a rounded percentage', () => {
    expect(formatScale(1)).toBe('100 %');
    expect(formatScale(1.4567)).toBe('146 %');
  });
});

describe('thumbnail scheduling', () => {
  it('thumbnailRenderOrder() lists visible, not yet drawn pages nearest to the current page first', () => {
    expect(thumbnailRenderOrder([8, 9, 10, 11, 12], new Set([10]), 10)).toEqual([9, 11, 8, 12]);
  });

  it('thumbnailRenderOrder() with nothing left to draw returns an empty list', () => {
    expect(thumbnailRenderOrder([1, 2], new Set([1, 2]), 1)).toEqual([]);
    expect(thumbnailRenderOrder([], new Set(), 1)).toEqual([]);
  });

  it('thumbnailRenderOrder() ignores duplicates', () => {
    expect(thumbnailRenderOrder([3, 3, 4], new Set(), 4)).toEqual([4, 3]);
  });

  it('thumbnailsToEvict() under the limit evicts nothing', () => {
    expect(thumbnailsToEvict([1, 2, 3], new Set([2]), 2, 10)).toEqual([]);
  });

  it('thumbnailsToEvict() over the limit evicts the farthest from the current page, never a visible one', () => {
    const rendered = [1, 2, 3, 48, 49, 50, 51, 52, 100];
    const visible = new Set([49, 50, 51]);
    expect(thumbnailsToEvict(rendered, visible, 50, 6)).toEqual([100, 1, 2]);
    expect(thumbnailsToEvict(rendered, visible, 50, 2)).not.toContain(50);
  });

  it('thumbnailSize() keeps the page proportions and falls back to A4', () => {
    expect(thumbnailSize(595.28, 841.89, 120)).toEqual({ width: 120, height: 170 });
    expect(thumbnailSize(842, 595, 120)).toEqual({ width: 120, height: 85 });
    expect(thumbnailSize(0, 0, 100)).toEqual({ width: 100, height: 141 });
  });
});

describe('searchMatchesDiacritics', () => {
  it('a query typed with Vietnamese marks matches them exactly', () => {
    expect(searchMatchesDiacritics('khoảng cách số')).toBe(true);
    expect(searchMatchesDiacritics('mà')).toBe(true);
    // Decomposed input (some keyboards) counts too.
    expect(searchMatchesDiacritics('ma\u0300')).toBe(true);
  });

  it('a query with đ counts as typed with marks', () => {
    expect(searchMatchesDiacritics('đo')).toBe(true);
    expect(searchMatchesDiacritics('ĐỒNG')).toBe(true);
  });

  it('a query typed without any mark matches every accented form', () => {
    expect(searchMatchesDiacritics('khoang cach so')).toBe(false);
    expect(searchMatchesDiacritics('UBND 2022')).toBe(false);
  });
});
