/**
 * Cuts a search snippet into plain and marked pieces, for <mark> elements: the server sends the
 * text and the hits as offsets, never markup, so nothing in a document can reach the page as HTML.
 */
export interface SnippetPiece {
  text: string;
  marked: boolean;
}

/** Marks out of range or overlapping an earlier one are ignored rather than trusted. */
export function snippetPieces(
  text: string,
  marks: readonly (readonly [number, number])[],
): SnippetPiece[] {
  const pieces: SnippetPiece[] = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    pieces.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
