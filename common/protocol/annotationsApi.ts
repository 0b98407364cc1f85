/**
 * The annotation sync protocol (issue #4): the task sync's model (sync.ts, docs/sync.md) for a
 * second kind of data. A client pushes its outbox of named annotation mutations in order, each
 * with the client's id and a growing mutation id; the server applies each exactly once and stamps
 * the one server clock; pull returns the annotations the user may see that changed since a clock.
 *
 * Who sees what: an annotation's author always; every invited participant of the meeting once it
 * is shared. Pull is paged by clock (`more`), since one annotation may weigh tens of kilobytes.
 */
import { z } from 'zod';
import { annotationSchema } from '../domain/annotation';
import { annotationMutationSchema, annotationRejectionSchema } from '../annotations/mutations';
import { empty, route } from './route';
import {
  pullRequestSchema,
  pushedMutationSchemaOf,
  pushRequestSchemaOf,
  pushResponseSchemaOf,
  mutationResultSchemaOf,
} from './sync';

/**
 * Raised on any change a client and server must agree on; the server refuses versions outside
 * `MIN_…`…`ANNOTATION_SYNC_PROTOCOL_VERSION` with `incompatible`.
 * - 1: ink, highlight and note; share; delete.
 */
export const ANNOTATION_SYNC_PROTOCOL_VERSION = 1;
export const MIN_ANNOTATION_SYNC_PROTOCOL_VERSION = 1;

/** At most this many mutations in one push (and at most `MAX_PUSH_CHARS` of JSON). */
export const MAX_ANNOTATION_PUSH_BATCH = 200;
/** A push's mutations as JSON stay under this, well within the server's 1 MB body limit. */
export const MAX_ANNOTATION_PUSH_CHARS = 700_000;
/** At most this many annotations in one pull answer; `more` asks for the next page. */
export const MAX_ANNOTATION_PULL_PAGE = 500;

export const pushedAnnotationMutationSchema = pushedMutationSchemaOf(annotationMutationSchema);
export type PushedAnnotationMutation = z.infer<typeof pushedAnnotationMutationSchema>;

export const annotationPushRequestSchema = pushRequestSchemaOf(
  annotationMutationSchema,
  MAX_ANNOTATION_PUSH_BATCH,
);
export type AnnotationPushRequest = z.infer<typeof annotationPushRequestSchema>;

export const annotationMutationResultSchema = mutationResultSchemaOf(annotationRejectionSchema);
export type AnnotationMutationResult = z.infer<typeof annotationMutationResultSchema>;

export const annotationPushResponseSchema = pushResponseSchemaOf(annotationRejectionSchema);
export type AnnotationPushResponse = z.infer<typeof annotationPushResponseSchema>;

export const annotationPullRequestSchema = pullRequestSchema;
export type AnnotationPullRequest = z.infer<typeof annotationPullRequestSchema>;

export const annotationPullResponseSchema = z.object({
  /** The clock to ask from next time: the server's clock, or the last one of this page. */
  clock: z.number().int(),
  /** There are more changes after `clock`: pull again from it. */
  more: z.boolean(),
  lastMutationId: z.number().int(),
  /** The server is behind the client's `since` (restored from a backup): replace the replica. */
  reset: z.boolean(),
  /** Annotations the user may see that changed after `since` (deleted ones as tombstones). */
  annotations: z.array(annotationSchema),
  /** Annotations once shared and private again, which the user may no longer see. */
  removedIds: z.array(z.string()),
  /** Refusals of this client's mutations processed after `since`. */
  rejections: z.array(
    z.object({
      mutationId: z.number().int(),
      name: z.string(),
      annotationId: z.string(),
      rejection: annotationRejectionSchema,
    }),
  ),
});
export type AnnotationPullResponse = z.infer<typeof annotationPullResponseSchema>;

export const annotationRoutes = {
  annotationsPush: route({
    method: 'POST',
    path: '/api/annotations/push',
    params: empty,
    body: annotationPushRequestSchema,
    response: annotationPushResponseSchema,
    auth: true,
  }),
  annotationsPull: route({
    method: 'POST',
    path: '/api/annotations/pull',
    params: empty,
    body: annotationPullRequestSchema,
    response: annotationPullResponseSchema,
    auth: true,
  }),
} as const;
