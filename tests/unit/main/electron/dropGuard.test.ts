import { describe, expect, it } from 'vitest';
import { DROP_ZONE_ATTRIBUTE, installDropGuard } from '../../../../main/preload/dropGuard';

/** An element inside (or outside) an upload dialog's drop zone, as `closest` sees it. */
const element = (inZone: boolean) => ({
  closest: (selector: string) => (inZone && selector === `[${DROP_ZONE_ATTRIBUTE}]` ? {} : null),
});

function guardedWindow() {
  const listeners = new Map<string, (event: never) => void>();
  installDropGuard({ addEventListener: (type, listener) => listeners.set(type, listener) });
  const fire = (type: 'dragover' | 'drop', target: unknown) => {
    const event = {
      target,
      dataTransfer: { dropEffect: 'copy' },
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    listeners.get(type)!(event as never);
    return event;
  };
  return { listeners, fire };
}

describe('installDropGuard()', () => {
  it('outside a drop zone a dragged file is shown as not allowed and a drop does nothing', () => {
    const { fire } = guardedWindow();
    for (const target of [element(false), { nodeName: '#document' }, null]) {
      const over = fire('dragover', target);
      expect(over.defaultPrevented).toBe(true);
      expect(over.dataTransfer.dropEffect).toBe('none');
      expect(fire('drop', target).defaultPrevented).toBe(true);
    }
  });

  it('inside a drop zone the zone decides the drag; an unhandled drop still does nothing', () => {
    const { fire } = guardedWindow();
    const over = fire('dragover', element(true));
    expect(over.defaultPrevented).toBe(false);
    expect(over.dataTransfer.dropEffect).toBe('copy');
    expect(fire('drop', element(true)).defaultPrevented).toBe(true);
  });
});
