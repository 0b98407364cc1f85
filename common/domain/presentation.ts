/**
 * Presenter sync (issue #4): the presenter leads everyone through a document. The state is tiny
 * on purpose, a document version, a page and a zoom, so it travels as small messages over the
 * meeting channel and every site renders the page from its own local copy, also on audio-only.
 */
import { z } from 'zod';
import { can } from './policy';

/** A zoom as the viewer knows it: a factor (1 = 100 %) or a preset recomputed per screen. */
export const presentationScaleSchema = z.union([
  z.number().min(0.25).max(5),
  z.enum(['page-width', 'page-fit', 'auto']),
]);
export type PresentationScale = z.infer<typeof presentationScaleSchema>;

export const presentationSchema = z.object({
  documentId: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  page: z.number().int().positive(),
  scale: presentationScaleSchema,
  presenter: z.object({ userId: z.string(), fullName: z.string(), siteName: z.string() }),
  /** Grows with every change: a client drops a message older than what it shows. */
  seq: z.number().int().nonnegative(),
});
export type Presentation = z.infer<typeof presentationSchema>;

export const presentationStateSchema = z.object({
  presentation: presentationSchema.nullable(),
  /** Whom the chair named to present (null: the chair and the secretary present themselves). */
  appointedUserId: z.string().nullable(),
  /** Increases with every change of either field, including appointments. */
  seq: z.number().int().nonnegative(),
});
export type PresentationState = z.infer<typeof presentationStateSchema>;

export function mayPresent(
  meetingRole: string,
  userId: string,
  state: Pick<PresentationState, 'appointedUserId'>,
): boolean {
  return can(meetingRole, 'presentation.present') || state.appointedUserId === userId;
}
