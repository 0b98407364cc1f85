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

export interface ConclusionsTextOptions {
  /** Bold and italic runs as `**…**` and `*…*` (what the notice renderer draws as such). */
  emphasis?: boolean;
}

/**
 * The text as a notice would print it: a line per paragraph or heading, list items marked "-"
 * (bullets) or "1." (ordered), so `parseConclusion` sees the same structure the secretary typed.
 */
export function conclusionsText(doc: Y.Doc, options: ConclusionsTextOptions = {}): string {
  const lines: string[] = [];
  const inline = (text: Y.XmlText) => inlineText(text, options.emphasis ?? false);
  for (const node of conclusionsFragment(doc).toArray()) collectLines(node, '', lines, inline);
  return lines.join('\n');
}

type InlineText = (text: Y.XmlText) => string;

function collectLines(
  node: Y.XmlElement | Y.XmlText | Y.XmlHook,
  marker: string,
  out: string[],
  inline: InlineText,
) {
  if (node instanceof Y.XmlText) {
    out.push(marker + inline(node));
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  switch (node.nodeName) {
    case 'bulletList':
    case 'orderedList': {
      let n = Number(node.getAttribute('start') ?? 1);
      for (const item of node.toArray()) {
        const itemMarker = node.nodeName === 'bulletList' ? '- ' : `${n++}. `;
        collectLines(item, itemMarker, out, inline);
      }
      return;
    }
    case 'listItem': {
      // The item's first paragraph carries the marker; nested blocks follow as their own lines.
      node.toArray().forEach((child, i) => collectLines(child, i === 0 ? marker : '', out, inline));
      return;
    }
    case 'hardBreak':
      return;
    default: {
      const children = node.toArray();
      if (children.some((c) => c instanceof Y.XmlElement && isBlock(c.nodeName))) {
        children.forEach((child, i) => collectLines(child, i === 0 ? marker : '', out, inline));
        return;
      }
      out.push(marker + children.map((c) => inlineOf(c, inline)).join(''));
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

function inlineOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook, inline: InlineText): string {
  if (node instanceof Y.XmlText) return inline(node);
  if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') return ' ';
  return node instanceof Y.XmlElement
    ? node
        .toArray()
        .map((c) => inlineOf(c, inline))
        .join('')
    : '';
}

/** The characters of an XmlText, its marks dropped or (emphasis) written as `**`/`*`. */
function inlineText(text: Y.XmlText, emphasis: boolean): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown; attributes?: Record<string, unknown> }) => {
      if (typeof op.insert !== 'string') return '';
      if (!emphasis || !op.insert.trim()) return op.insert;
      // Marks hug the words: "**Sở Tài chính** " rather than "**Sở Tài chính **".
      const [, lead = '', core = '', trail = ''] = /^(\s*)(.*?)(\s*)$/su.exec(op.insert) ?? [];
      let marked = core;
      if (op.attributes?.italic) marked = `*${marked}*`;
      if (op.attributes?.bold) marked = `**${marked}**`;
      return lead + marked + trail;
    })
    .join('');
}
