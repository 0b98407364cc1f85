import type { NewAnnotation } from '../../common/domain/annotation';

/**
 * The `i`th sticky note of the annotation crash test: its id, page, place and text all follow
 * from `i`, so the test knows what the server must hold without asking the killed client.
 */
export function crashNote(
  idPrefix: string,
  i: number,
  on: { meetingId: string; documentId: string; version: number },
): NewAnnotation {
  return {
    id: `${idPrefix}-${String(i).padStart(4, '0')}`,
    ...on,
    page: 1,
    color: '#1d4ed8',
    shared: false,
    anchor: null,
    shape: { kind: 'note', at: [60 + i * 10, 700 - i * 20], text: `Ý kiến số ${i}: cần làm rõ` },
  };
}
