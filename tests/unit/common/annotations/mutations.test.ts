import { describe, expect, it } from 'vitest';
import {
  applyAnnotationMutation,
  checkAnnotationMutation,
  type AnnotationActor,
  type AnnotationMutation,
} from '../../../../common/annotations/mutations';
import {
  annotationBounds,
  newAnnotationSchema,
  translateShape,
  type NewAnnotation,
} from '../../../../common/domain/annotation';

const secretary: AnnotationActor = {
  id: 'thuky',
  name: 'Vũ Thị Thu Hằng',
  meetingRole: 'secretary',
};
const delegate: AnnotationActor = {
  id: 'gialoc',
  name: 'Lương Thị Huyền',
  meetingRole: 'delegate',
};
const outsider: AnnotationActor = { id: 'camgiang', name: 'Nguyễn Văn Thịnh', meetingRole: null };

const note: NewAnnotation = {
  id: 'annotation-0001',
  meetingId: 'hd-bcd-cds-2022-09-27',
  documentId: 'doc-1',
  version: 1,
  page: 2,
  color: '#f5c400',
  shared: false,
  anchor: null,
  shape: { kind: 'note', at: [100, 700], text: 'Đề nghị bổ sung số liệu giải ngân' },
};
const create = (annotation: NewAnnotation): AnnotationMutation => ({
  name: 'annotation.create',
  args: { annotation },
});
const now = '2022-09-27T02:00:00.000Z';

describe('checkAnnotationMutation() and applyAnnotationMutation()', () => {
  it('any invited participant annotates privately; only the secretary or the chair shares', () => {
    expect(checkAnnotationMutation(delegate, undefined, create(note))).toBeNull();
    expect(
      checkAnnotationMutation(delegate, undefined, create({ ...note, shared: true })),
    ).toMatchObject({
      code: 'share_not_allowed',
    });
    expect(
      checkAnnotationMutation(secretary, undefined, create({ ...note, shared: true })),
    ).toBeNull();
    expect(
      checkAnnotationMutation(
        { ...delegate, meetingRole: 'chair' },
        undefined,
        create({ ...note, shared: true }),
      ),
    ).toBeNull();
    expect(checkAnnotationMutation(outsider, undefined, create(note))).toMatchObject({
      code: 'not_participant',
    });
  });

  it('only the author changes, shares or deletes an annotation; a deleted one is gone', () => {
    const made = applyAnnotationMutation(undefined, create(note), {
      actor: secretary,
      now,
      clock: 5,
    });
    expect(made).toMatchObject({
      author: { id: 'thuky' },
      createdAt: now,
      deleted: false,
      clock: 5,
    });
    const share: AnnotationMutation = {
      name: 'annotation.setShared',
      args: { id: note.id, shared: true },
    };
    expect(checkAnnotationMutation(delegate, made, share)).toMatchObject({ code: 'not_author' });
    expect(checkAnnotationMutation(secretary, made, share)).toBeNull();
    const shared = applyAnnotationMutation(made, share, { actor: secretary, now, clock: 6 });
    expect(shared).toMatchObject({ shared: true, clock: 6 });

    const deleted = applyAnnotationMutation(
      shared,
      { name: 'annotation.delete', args: { id: note.id } },
      { actor: secretary, now },
    );
    expect(deleted).toMatchObject({ deleted: true, clock: 6 });
    expect(
      checkAnnotationMutation(secretary, deleted, {
        name: 'annotation.delete',
        args: { id: note.id },
      }),
    ).toMatchObject({ code: 'annotation_not_found' });
    expect(checkAnnotationMutation(secretary, made, create(note))).toMatchObject({
      code: 'annotation_exists',
    });
  });

  it('annotation.update edits a note’s text and any colour; text on ink is refused', () => {
    const made = applyAnnotationMutation(undefined, create(note), { actor: delegate, now });
    const edited = applyAnnotationMutation(
      made,
      { name: 'annotation.update', args: { id: note.id, text: 'Đã có số liệu', color: '#1d4ed8' } },
      { actor: delegate, now },
    );
    expect(edited).toMatchObject({
      color: '#1d4ed8',
      shape: { kind: 'note', text: 'Đã có số liệu' },
    });
    const ink = applyAnnotationMutation(
      undefined,
      create({
        ...note,
        id: 'annotation-0002',
        shape: { kind: 'ink', strokes: [[[1, 2]]], width: 2 },
      }),
      { actor: delegate, now },
    );
    expect(
      checkAnnotationMutation(delegate, ink, {
        name: 'annotation.update',
        args: { id: ink.id, text: 'x' },
      }),
    ).toMatchObject({ code: 'invalid' });
  });
});

describe('annotation geometry', () => {
  it('bounds and translation are in PDF user space', () => {
    const ink = {
      kind: 'ink' as const,
      strokes: [
        [
          [10, 20],
          [30, 5],
        ] as [number, number][],
      ],
      width: 2,
    };
    expect(annotationBounds(ink)).toEqual({ x: 9, y: 4, width: 22, height: 17 });
    expect(translateShape(ink, 5, -5)).toMatchObject({
      strokes: [
        [
          [15, 15],
          [35, 0],
        ],
      ],
    });
    expect(annotationBounds(note.shape)).toEqual({ x: 100, y: 680, width: 20, height: 20 });
  });

  it('the schema bounds sizes: points, colours, coordinates', () => {
    const points = Array.from({ length: 4001 }, () => [1, 1] as [number, number]);
    expect(
      newAnnotationSchema.safeParse({
        ...note,
        shape: { kind: 'ink', strokes: [points], width: 2 },
      }).success,
    ).toBe(false);
    expect(newAnnotationSchema.safeParse({ ...note, color: 'yellow' }).success).toBe(false);
    expect(
      newAnnotationSchema.safeParse({ ...note, shape: { ...note.shape, at: [1e9, 0] } }).success,
    ).toBe(false);
    expect(newAnnotationSchema.safeParse(note).success).toBe(true);
  });
});
