import { useEffect, useRef } from 'react';

/**
 * Moves keyboard and screen-reader focus to a screen's main heading when the screen appears, as a
 * page load would: without it, focus stays on the button that no longer exists.
 * The heading needs tabIndex={-1} to be focusable without entering the tab order.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return ref;
}
