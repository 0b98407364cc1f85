/**
 * The live conclusions over the signaling socket (issue #5): Yjs updates, base64 in JSON.
 * Joining or rejoining runs one sync round: the client sends its state vector and gets what it
 * lacks plus the server's state vector, then sends what the server lacks (edits made while the
 * link was down merge there). Every later local edit is one `editConclusions`; the server
 * relays it to the room as `conclusionsUpdated`. Joined into `signalingRequests` in signaling.ts.
 */
import { z } from 'zod';
import { conclusionsStatusSchema, issueConclusionsInputSchema } from '../domain/conclusions';

/**
 * A Yjs update or state vector in base64. The bound keeps one message under the socket's
 * payload limit (Server.ts); a whole conclusions text is a few tens of kilobytes.
 */
export const MAX_CONCLUSIONS_UPDATE_CHARS = 400_000;
const yjsPayload = z
  .string()
  .max(MAX_CONCLUSIONS_UPDATE_CHARS, 'Update too large')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Expected base64');

export const conclusionsChannelRequests = {
  syncConclusions: {
    data: z.strictObject({ stateVector: yjsPayload }),
    response: z.object({
      /** What the client lacks. */
      update: z.string(),
      /** The server's state vector, for the client to send what the server lacks. */
      stateVector: z.string(),
      status: conclusionsStatusSchema,
    }),
  },
  /** Chair/secretary while the conclusions are a draft; others get `forbidden`. */
  editConclusions: {
    data: z.strictObject({ update: yjsPayload.min(1) }),
    response: z.object({}),
  },
  /**
   * Chair/secretary: renders the conclusion notice as PDF, adds it to the meeting's documents and
   * locks the conclusions (`conclusionsStatusChanged` goes to the room).
   */
  issueConclusions: {
    data: issueConclusionsInputSchema,
    response: z.object({ status: conclusionsStatusSchema }),
  },
  /** Chair/secretary: opens a new draft version of issued conclusions, starting from their text. */
  reviseConclusions: {
    data: z.strictObject({}),
    response: z.object({ status: conclusionsStatusSchema }),
  },
} as const;

export const conclusionsChannelNotifications = {
  /** Someone else's edit, to apply as is (Yjs updates commute and apply idempotently). */
  conclusionsUpdated: z.object({ update: z.string() }),
  conclusionsStatusChanged: z.object({ status: conclusionsStatusSchema }),
} as const;
