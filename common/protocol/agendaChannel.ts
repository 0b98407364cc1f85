/**
 * Agenda changes pushed over the signaling socket (issue #4): when the chair or the secretary
 * moves the discussion to another item, or uploads a document or a new version, everyone in the
 * meeting's room hears `agendaChanged` and reloads the agenda (the notification only says that
 * and what changed; the agenda itself still comes through the REST route, with its access rules).
 * Notifications only: joined into `signalingNotifications` in signaling.ts.
 */
import { z } from 'zod';

export const agendaChangedSchema = z.object({
  meetingId: z.string(),
  /** The item under discussion after the change (null: none). */
  currentItemId: z.string().nullable(),
  /** `currentItem`: the item under discussion was set; `document`: a document or version added. */
  cause: z.enum(['currentItem', 'document']),
  /** The document added or given a new version (`document` only). */
  documentId: z.string().optional(),
});
export type AgendaChanged = z.infer<typeof agendaChangedSchema>;

export const agendaChannelNotifications = {
  agendaChanged: agendaChangedSchema,
} as const;
