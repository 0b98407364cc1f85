/**
 * The live conclusions of a meeting (kết luận) as a Yjs document: one XmlFragment that the
 * editor (TipTap/ProseMirror through y-prosemirror) edits, and that the server keeps as the
 * authority. Both sides read its plain text the same way, for the task parser and the notice.
 */
import * as Y from 'yjs';

/** The fragment's name inside the Y.Doc; the editor's Collaboration extension uses the same. */
export const CONCLUSIONS_FIELD = 'conclusions';

export function conclusionsFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CONCLUSIONS_FIELD);
}

/**
 * The text as a notice would print it: a line per paragraph or heading, list items marked "-"
 * (bullets) or "1." (ordered), so `parseConclusion` sees the same structure the secretary typed.
 */
export function conclusionsText(doc: Y.Doc): string {
  const lines: string[] = [];
  for (const node of conclusionsFragment(doc).toArray()) collectLines(node, '', lines);
  return lines.join('\n');
}

function collectLines(node: Y.XmlElement | Y.XmlText | Y.XmlHook, marker: string, out: string[]) {
  if (node instanceof Y.XmlText) {
    out.push(marker + inlineText(node));
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  switch (node.nodeName) {
    case 'bulletList':
    case 'orderedList': {
      let n = Number(node.getAttribute('start') ?? 1);
      for (const item of node.toArray()) {
        const itemMarker = node.nodeName === 'bulletList' ? '- ' : `${n++}. `;
        collectLines(item, itemMarker, out);
      }
      return;
    }
    case 'listItem': {
      // The item's first paragraph carries the marker; nested blocks follow as their own lines.
      node.toArray().forEach((child, i) => collectLines(child, i === 0 ? marker : '', out));
      return;
    }
    case 'hardBreak':
      return;
    default: {
      const children = node.toArray();
      if (children.some((c) => c instanceof Y.XmlElement && isBlock(c.nodeName))) {
        children.forEach((child, i) => collectLines(child, i === 0 ? marker : '', out));
        return;
      }
      out.push(marker + children.map(inlineOf).join(''));
    }
  }
}

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
]);
const isBlock = (name: string) => BLOCKS.has(name);

function inlineOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return inlineText(node);
  if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') return ' ';
  return node instanceof Y.XmlElement ? node.toArray().map(inlineOf).join('') : '';
}

/** The characters of an XmlText without its formatting marks (bold and the like). */
function inlineText(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}
