/**
 * The task sync protocol (issue #6), after Replicache: a client pushes its outbox of named
 * mutations in order, each with the client's id and a mutation id that grows by one; the server
 * applies each exactly once (it remembers the last mutation id per client) and answers with its
 * clock; pull returns every task changed since a clock the client names, with the last mutation
 * id the server has applied for that client, so the client drops what is acknowledged and
 * re-applies what is still pending on top.
 */
import { z } from 'zod';
import { taskSchema } from '../domain/task';
import { rejectionSchema, taskMutationSchema } from '../tasks/mutations';
import { empty, route } from './route';

/**
 * Raised on any change a client and server must agree on; the server refuses versions outside
 * `MIN_SYNC_PROTOCOL_VERSION`…`SYNC_PROTOCOL_VERSION` with `incompatible`.
 * - 1: tasks, reports, extensions.
 * - 2: reports carry attachments, uploaded before the push (docs/sync.md, "Attachments"). A
 *   version-1 client sends none and reads reports without them, so the server still serves it;
 *   a version-2 client meeting a version-1 server is told to wait for the server's update.
 */
export const SYNC_PROTOCOL_VERSION = 2;
/** The oldest client version a server still accepts. */
export const MIN_SYNC_PROTOCOL_VERSION = 1;

/** At most this many mutations in one push; a longer outbox goes in several. */
export const MAX_PUSH_BATCH = 500;

/** A replica's id: random, one per user, server and kind of data (tasks, annotations). */
const clientId = z.string().uuid();

/**
 * The shapes every push/pull protocol shares (tasks here, annotations in annotationsApi.ts): a
 * mutation with its per-client id, a push of them in order, and the per-mutation answer.
 */
export function pushedMutationSchemaOf<M extends z.ZodType>(mutation: M) {
  return z.strictObject({
    /** 1, 2, 3 … per client, in the order they were made. */
    id: z.number().int().positive(),
    /** When the user made the change (client clock, for display only; order is by id). */
    createdAt: z.string().max(40),
    mutation,
  });
}

export function pushRequestSchemaOf<M extends z.ZodType>(mutation: M, maxBatch: number) {
  return z.strictObject({
    protocolVersion: z.number().int(),
    clientId,
    mutations: z.array(pushedMutationSchemaOf(mutation)).min(1).max(maxBatch),
  });
}

export function mutationResultSchemaOf<R extends z.ZodType>(rejection: R) {
  return z.discriminatedUnion('status', [
    z.object({ id: z.number().int(), status: z.literal('applied') }),
    /** Already applied by an earlier push whose answer was lost. */
    z.object({ id: z.number().int(), status: z.literal('duplicate') }),
    z.object({ id: z.number().int(), status: z.literal('rejected'), rejection }),
  ]);
}

export function pushResponseSchemaOf<R extends z.ZodType>(rejection: R) {
  return z.object({
    /** The last mutation id of this client the server has processed (applied or rejected). */
    lastMutationId: z.number().int(),
    results: z.array(mutationResultSchemaOf(rejection)),
    clock: z.number().int(),
  });
}

export const pullRequestSchema = z.strictObject({
  protocolVersion: z.number().int(),
  clientId,
  /** The server clock of the client's last pull; 0 for everything. */
  since: z.number().int().min(0),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pushedMutationSchema = pushedMutationSchemaOf(taskMutationSchema);
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

export const pushRequestSchema = pushRequestSchemaOf(taskMutationSchema, MAX_PUSH_BATCH);
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = mutationResultSchemaOf(rejectionSchema);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = pushResponseSchemaOf(rejectionSchema);
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullResponseSchema = z.object({
  clock: z.number().int(),
  lastMutationId: z.number().int(),
  /**
   * The server's clock is behind the client's `since` (its database was restored from a backup):
   * the client replaces its replica with `tasks`.
   */
  reset: z.boolean(),
  /** Every task the user may see that changed after `since`, whole. */
  tasks: z.array(taskSchema),
  /** Tasks the user may no longer see (e.g. moved to another agency), to drop locally. */
  removedTaskIds: z.array(z.string()),
  /** Rejections of this client's mutations processed after `since`, for the user to read. */
  rejections: z.array(
    z.object({
      mutationId: z.number().int(),
      name: z.string(),
      taskId: z.string(),
      rejection: rejectionSchema,
    }),
  ),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const syncRoutes = {
  syncPush: route({
    method: 'POST',
    path: '/api/sync/push',
    params: empty,
    body: pushRequestSchema,
    response: pushResponseSchema,
    auth: true,
  }),
  syncPull: route({
    method: 'POST',
    path: '/api/sync/pull',
    params: empty,
    body: pullRequestSchema,
    response: pullResponseSchema,
    auth: true,
  }),
} as const;
