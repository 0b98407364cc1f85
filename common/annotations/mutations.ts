/**
 * The named mutations of annotations and their rules, shared by the client (optimistic apply on
 * the local replica) and the server (authoritative apply), as for tasks (common/tasks/mutations.ts).
 *
 * Rules:
 * - Only the meeting's invited participants annotate its documents.
 * - An annotation is its author's: only the author changes, shares or deletes it.
 * - Only the meeting's secretary or chair shares (`shared: true`); anyone may make their own
 *   annotation private again.
 * - Field level, last writer wins in server order; a deleted annotation stays deleted.
 * - Applying a mutation twice gives the same annotation as applying it once.
 */
import { z } from 'zod';
import {
  annotationColorSchema,
  MAX_NOTE_TEXT,
  mayShareAnnotations,
  newAnnotationSchema,
  type Annotation,
} from '../domain/annotation';
import type { MeetingDetail } from '../domain/meeting';
import { assertUnreachable } from '../errors';

const annotationId = z.string().min(1).max(64);

export const annotationMutationSchema = z.discriminatedUnion('name', [
  z.strictObject({
    name: z.literal('annotation.create'),
    args: z.strictObject({ annotation: newAnnotationSchema }),
  }),
  z.strictObject({
    name: z.literal('annotation.update'),
    args: z
      .strictObject({
        id: annotationId,
        color: annotationColorSchema.optional(),
        /** A note's text (notes only). */
        text: z.string().trim().min(1).max(MAX_NOTE_TEXT).optional(),
      })
      .refine((a) => a.color !== undefined || a.text !== undefined, 'Name at least one field'),
  }),
  z.strictObject({
    name: z.literal('annotation.setShared'),
    args: z.strictObject({ id: annotationId, shared: z.boolean() }),
  }),
  z.strictObject({
    name: z.literal('annotation.delete'),
    args: z.strictObject({ id: annotationId }),
  }),
]);
export type AnnotationMutation = z.infer<typeof annotationMutationSchema>;
export type AnnotationMutationName = AnnotationMutation['name'];

export type MeetingRole = MeetingDetail['participants'][number]['meetingRole'];

/** Who performs a mutation, and their role in the annotation's meeting. */
export interface AnnotationActor {
  id: string;
  name: string;
  /** null: not invited to the meeting. */
  meetingRole: MeetingRole | null;
}

export const annotationRejectionCodeSchema = z.enum([
  'not_participant',
  'document_not_found',
  'annotation_exists',
  'annotation_not_found',
  'not_author',
  'share_not_allowed',
  'invalid',
]);
export type AnnotationRejectionCode = z.infer<typeof annotationRejectionCodeSchema>;

export const annotationRejectionSchema = z.object({
  code: annotationRejectionCodeSchema,
  /** English, for logs; the UI words it from `code`. */
  message: z.string(),
});
export type AnnotationRejection = z.infer<typeof annotationRejectionSchema>;

/**
 * A mutation as the user names the change: sharing and unsharing are one mutation but two
 * different things to refuse. Kept with a refusal, whose mutation leaves the outbox.
 */
export const ANNOTATION_ACTIONS = ['create', 'update', 'share', 'unshare', 'delete'] as const;
export type AnnotationAction = (typeof ANNOTATION_ACTIONS)[number];

export function annotationActionOf(mutation: AnnotationMutation): AnnotationAction {
  switch (mutation.name) {
    case 'annotation.create':
      return 'create';
    case 'annotation.update':
      return 'update';
    case 'annotation.setShared':
      return mutation.args.shared ? 'share' : 'unshare';
    case 'annotation.delete':
      return 'delete';
    default:
      return assertUnreachable(mutation);
  }
}

export function annotationMutationId(mutation: AnnotationMutation): string {
  return mutation.name === 'annotation.create' ? mutation.args.annotation.id : mutation.args.id;
}

/**
 * Why `actor` may not apply `mutation` to `annotation` (undefined when absent), or null when
 * allowed. The server also checks that the document and version exist in the meeting.
 */
export function checkAnnotationMutation(
  actor: AnnotationActor,
  annotation: Annotation | undefined,
  mutation: AnnotationMutation,
): AnnotationRejection | null {
  if (mutation.name === 'annotation.create') {
    if (actor.meetingRole === null)
      return { code: 'not_participant', message: 'You are not invited to this meeting' };
    if (annotation)
      return { code: 'annotation_exists', message: 'An annotation with this id exists' };
    if (mutation.args.annotation.shared && !mayShareAnnotations(actor.meetingRole))
      return {
        code: 'share_not_allowed',
        message: 'Only the secretary or the chair of the meeting shares annotations',
      };
    return null;
  }
  if (!annotation || annotation.deleted)
    return { code: 'annotation_not_found', message: 'No such annotation' };
  if (actor.meetingRole === null)
    return { code: 'not_participant', message: 'You are not invited to this meeting' };
  if (annotation.author.id !== actor.id)
    return { code: 'not_author', message: 'Only the author changes an annotation' };
  switch (mutation.name) {
    case 'annotation.update':
      if (mutation.args.text !== undefined && annotation.shape.kind !== 'note')
        return { code: 'invalid', message: 'Only a note has text to edit' };
      return null;
    case 'annotation.setShared':
      if (mutation.args.shared && !mayShareAnnotations(actor.meetingRole))
        return {
          code: 'share_not_allowed',
          message: 'Only the secretary or the chair of the meeting shares annotations',
        };
      return null;
    case 'annotation.delete':
      return null;
    default:
      return assertUnreachable(mutation);
  }
}

export interface AnnotationApplyContext {
  actor: AnnotationActor;
  /** ISO timestamp of the change. */
  now: string;
  /** Server clock stamped on the annotation; a client applying optimistically keeps its own. */
  clock?: number;
}

/** Applies an allowed mutation and returns the new annotation; the input is not modified. */
export function applyAnnotationMutation(
  annotation: Annotation | undefined,
  mutation: AnnotationMutation,
  ctx: AnnotationApplyContext,
): Annotation {
  if (mutation.name === 'annotation.create') {
    return {
      ...mutation.args.annotation,
      author: { id: ctx.actor.id, name: ctx.actor.name },
      createdAt: ctx.now,
      updatedAt: ctx.now,
      deleted: false,
      clock: ctx.clock ?? 0,
    };
  }
  if (!annotation) throw new Error(`applyAnnotationMutation: no annotation ${mutation.args.id}`);
  const clock = ctx.clock ?? annotation.clock;
  const touched = { updatedAt: ctx.now, clock };
  switch (mutation.name) {
    case 'annotation.update': {
      const { color, text } = mutation.args;
      const shape =
        text !== undefined && annotation.shape.kind === 'note'
          ? { ...annotation.shape, text }
          : annotation.shape;
      return { ...annotation, ...(color !== undefined ? { color } : {}), shape, ...touched };
    }
    case 'annotation.setShared':
      return { ...annotation, shared: mutation.args.shared, ...touched };
    case 'annotation.delete':
      return { ...annotation, deleted: true, ...touched };
    default:
      return assertUnreachable(mutation);
  }
}
