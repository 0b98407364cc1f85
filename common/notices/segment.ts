/**
 * Splits notice text into blocks: paragraphs and list items, each with the kind of marker it
 * starts with ("1.", "a)", "-", "+", …). Line breaks inside a paragraph are joined, and so is a
 * paragraph that a page break cut in the middle of a sentence ("… các sở,\n\nngành nếu …").
 */

/** The kind of list marker a block starts with; 'none' for a plain paragraph. */
export type MarkerKind =
  'roman' | 'number' | 'subnumber' | 'letter' | 'parenNumber' | 'dash' | 'plus' | 'bullet' | 'none';

export interface Block {
  readonly marker: MarkerKind;
  /** The paragraph without its marker, on one line. */
  readonly text: string;
}

const MARKERS: readonly (readonly [MarkerKind, RegExp])[] = [
  ['subnumber', /^\d{1,2}(?:\.\d{1,2})+\.?\s+/],
  ['number', /^\d{1,2}[.)]\s+/],
  ['roman', /^(?:I{1,3}|IV|V|VI{1,3}|IX|X)[.)]\s+/],
  ['letter', /^[a-zđ][).]\s+/],
  ['parenNumber', /^\(\d{1,2}\)\s+/],
  ['dash', /^[-–—]\s*(?=\S)/],
  ['plus', /^\+\s*(?=\S)/],
  ['bullet', /^[•·▪●◦■]\s*(?=\S)/],
];

function markerOf(line: string): { kind: MarkerKind; length: number } {
  for (const [kind, re] of MARKERS) {
    const m = re.exec(line);
    if (m) return { kind, length: m[0].length };
  }
  return { kind: 'none', length: 0 };
}

// A paragraph that ends like this is complete; one that does not continues after a page break.
const COMPLETE_END = /[.;:!?…”")\]]$|\.\/\.$/;

// A line in capitals is a heading ("I. ĐÁNH GIÁ CHUNG", "THÔNG BÁO"): the next line starts anew.
function isHeading(line: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(line) && line === line.toUpperCase();
}

export function segmentBlocks(text: string): Block[] {
  const blocks: { marker: MarkerKind; text: string }[] = [];
  let blankBefore = true;
  let headingBefore = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      blankBefore = true;
      continue;
    }
    const marker = markerOf(line);
    const body = line.slice(marker.length).trim();
    const last = blocks.at(-1);
    const startsLower = /^\p{Ll}/u.test(line);
    // "… giai đoạn 2020\n- 2025": a dash that wraps into the middle of a sentence is no bullet.
    const wrappedDash =
      (marker.kind === 'dash' || marker.kind === 'plus') &&
      /^[\p{Ll}\d]/u.test(body) &&
      last !== undefined &&
      !COMPLETE_END.test(last.text);
    const continues =
      last !== undefined &&
      (marker.kind === 'none' || wrappedDash) &&
      !last.text.endsWith(':') &&
      !headingBefore &&
      // Within a paragraph any line goes on; after a blank line only an unfinished sentence does.
      (!blankBefore || (startsLower && !COMPLETE_END.test(last.text)));
    if (continues) last.text = `${last.text} ${wrappedDash ? line : body}`;
    else blocks.push({ marker: marker.kind, text: body });
    blankBefore = false;
    headingBefore = isHeading(body);
  }
  return blocks.map((b) => ({ marker: b.marker, text: b.text.replace(/\s+/g, ' ').trim() }));
}
