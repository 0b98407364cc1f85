/**
 * Presenter sync over the signaling socket (issue #4). The presenter's page turns are one small
 * request each; the server relays the new state to the room as `presentationChanged`. Joined
 * into `signalingRequests` in signaling.ts.
 */
import { z } from 'zod';
import { presentationScaleSchema, presentationStateSchema } from '../domain/presentation';

const id = z.string().min(1).max(128);

export const presentationChannelRequests = {
  getPresentation: { data: z.strictObject({}), response: presentationStateSchema },
  /** The chair, the secretary or the named presenter starts presenting a document of the meeting. */
  presentDocument: {
    data: z.strictObject({
      documentId: id,
      /** Defaults to the document's current version. */
      version: z.number().int().positive().optional(),
      page: z.number().int().positive().max(100_000),
      scale: presentationScaleSchema,
    }),
    response: presentationStateSchema,
  },
  /** The current presenter only. */
  turnPage: {
    data: z.strictObject({
      page: z.number().int().positive().max(100_000),
      scale: presentationScaleSchema.optional(),
    }),
    response: z.object({ seq: z.number().int() }),
  },
  /** The presenter, the chair or the secretary. */
  stopPresenting: { data: z.strictObject({}), response: presentationStateSchema },
  /** Chair/secretary: names who may present (null: back to the chair and the secretary). */
  appointPresenter: {
    data: z.strictObject({ userId: id.nullable() }),
    response: presentationStateSchema,
  },
} as const;

export const presentationChannelNotifications = {
  presentationChanged: presentationStateSchema,
} as const;
