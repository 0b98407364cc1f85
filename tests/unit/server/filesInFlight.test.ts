import { describe, expect, it } from 'vitest';
import { FilesInFlight } from '../../../sfu-server/src/storage/FilesInFlight';

describe('FilesInFlight', () => {
  it('removeUnlessHeld() skips a held file and removes it once every hold is released', async () => {
    const inFlight = new FilesInFlight();
    const first = await inFlight.hold('/data/documents/a.pdf');
    const second = await inFlight.hold('/data/documents/a.pdf');
    const removed: string[] = [];
    const remove = async () => {
      removed.push('a');
      return true;
    };
    expect(await inFlight.removeUnlessHeld('/data/documents/a.pdf', remove)).toBe(false);
    first();
    first(); // idempotent: does not release the second hold
    expect(await inFlight.removeUnlessHeld('/data/documents/a.pdf', remove)).toBe(false);
    second();
    expect(await inFlight.removeUnlessHeld('/data/documents/a.pdf', remove)).toBe(true);
    expect(removed).toEqual(['a']);
  });

  it('hold() of a file being removed waits until the removal has finished', async () => {
    const inFlight = new FilesInFlight();
    const order: string[] = [];
    let finish!: () => void;
    const removal = inFlight.removeUnlessHeld('/data/task-attachments/x', async () => {
      order.push('removing');
      await new Promise<void>((resolve) => (finish = resolve));
      order.push('removed');
      return true;
    });
    const held = inFlight.hold('/data/task-attachments/x').then((release) => {
      order.push('held');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['removing']);
    // A second sweep of the same file meanwhile does nothing.
    expect(await inFlight.removeUnlessHeld('/data/task-attachments/x', async () => true)).toBe(
      false,
    );
    finish();
    await removal;
    (await held)();
    expect(order).toEqual(['removing', 'removed', 'held']);
  });
});
