/**
 * A file dropped on the window must never navigate it (the dropped page would get the bridge):
 * outside an element marked `data-drop-zone` (the upload dialogs' drop areas) a drag shows "not
 * allowed" and a drop does nothing. Inside one, the zone's own handlers decide; a drop they leave
 * unhandled still does nothing. Installed by the preload on the page's window, so it holds before
 * the renderer's first line runs. Main refuses a `file://` navigation as well (navigationPolicy.ts).
 */
export const DROP_ZONE_ATTRIBUTE = 'data-drop-zone';

interface DragLikeEvent {
  target: unknown;
  dataTransfer?: { dropEffect: string } | null;
  preventDefault(): void;
}

interface ListenerTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragLikeEvent) => void): void;
}

/** Whether the drag is over an element inside a drop zone (DOM nodes have `closest`). */
export function isInsideDropZone(target: unknown): boolean {
  const element = target as { closest?: (selector: string) => unknown } | null;
  return typeof element?.closest === 'function' && !!element.closest(`[${DROP_ZONE_ATTRIBUTE}]`);
}

export function installDropGuard(window: ListenerTarget): void {
  window.addEventListener('dragover', (event) => {
    if (isInsideDropZone(event.target)) return;
    // Taking over the default (which would accept the file) and answering "none".
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  });
  // NOTE: listened on the window, so a zone's handler (on the element, or React's on the root)
  // runs first; the default (opening the file) is refused for every drop.
  window.addEventListener('drop', (event) => event.preventDefault());
}
