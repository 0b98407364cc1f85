import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { conclusionsText } from '../../../common/conclusions/conclusionsDoc';

/**
 * The conclusions' plain text, re-read a moment after the last change (typing sends one update
 * per key; the parser need not run on each). `doc` is the channel's, fixed for the panel's life.
 */
export function useDocText(doc: Y.Doc, delayMs = 300): string {
  const [text, setText] = useState(() => conclusionsText(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setText(conclusionsText(doc)), delayMs);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc, delayMs]);
  return text;
}
