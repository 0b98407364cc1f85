import { describe, expect, it } from 'vitest';
import { watermarkTile } from '../../../../renderer/features/documents/watermark';

function svgOf(url: string): string {
  expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}

describe('watermarkTile', () => {
  it('watermarkTile() draws each line, turned, in a data: SVG', () => {
    const svg = svgOf(watermarkTile(['Nguyễn Minh Hùng', '27/09/2022 14:05']));
    expect(svg).toContain('>Nguyễn Minh Hùng</text>');
    expect(svg).toContain('>27/09/2022 14:05</text>');
    expect(svg).toMatch(/rotate\(-30 /);
    expect(svg.match(/<text /g)).toHaveLength(2);
  });

  it('watermarkTile() escapes markup in a name, so it stays text', () => {
    const svg = svgOf(watermarkTile(['<script>alert(1)</script> & "Lê"']));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Lê&#34;');
  });

  it('watermarkTile() produces a URL with no double quote or whitespace (it goes in url("…"))', () => {
    const url = watermarkTile([`O'Brien "x"`, 'Trần  Văn']);
    expect(url).not.toMatch(/["\s]/);
  });
});
