/**
 * The watermark over a confidential document: the reader's name and the time, repeated
 * diagonally, so that a photo or a screenshot of the screen says who leaked it and when. It is a
 * deterrent drawn over the viewer (pointer-events: none), not a protection of the bytes.
 */

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface WatermarkTileOptions {
  /** Tile size in CSS pixels; the text is centred and turned −30°. */
  width?: number;
  height?: number;
  /** CSS colour of the text (light: it must not hide the document). */
  color?: string;
  fontSize?: number;
}

/**
 * One tile of the watermark as an SVG `data:` URL (a CSS background repeats it), `lines` stacked
 * in the middle. The CSP allows data: images; the text is escaped, a name is user data.
 */
export function watermarkTile(lines: string[], options: WatermarkTileOptions = {}): string {
  const { width = 360, height = 220, color = 'rgba(160, 20, 20, 0.13)', fontSize = 18 } = options;
  const lineHeight = fontSize * 1.35;
  const top = height / 2 - ((lines.length - 1) * lineHeight) / 2;
  const texts = lines
    .map(
      (line, i) =>
        `<text x="${width / 2}" y="${top + i * lineHeight}" text-anchor="middle" dominant-baseline="middle">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<g transform="rotate(-30 ${width / 2} ${height / 2})" fill="${escapeXml(color)}" ` +
    `font-family="Noto Sans, Segoe UI, Arial, sans-serif" font-size="${fontSize}" font-weight="600">` +
    texts +
    `</g></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
