/**
 * Where a meeting's conclusions stand: drafted live, then issued as the conclusion notice
 * (thông báo kết luận), after which they are locked; a later change needs a new version.
 */
import { z } from 'zod';

/** Who may type the conclusions: the chair dictates, the secretary types. */
export const CONCLUSIONS_EDITOR_ROLES: readonly string[] = ['chair', 'secretary'];

export const conclusionsStatusSchema = z.object({
  version: z.number().int().min(1),
  state: z.enum(['draft', 'issued']),
  issuedAt: z.string().nullable(),
  /** Full name of who issued the notice. */
  issuedBy: z.string().nullable(),
  /** The issued notice as a document of the meeting (opens in the app's viewer). */
  noticeDocumentId: z.string().nullable(),
});
export type ConclusionsStatus = z.infer<typeof conclusionsStatusSchema>;

export function canEditConclusions(meetingRole: string, status: ConclusionsStatus): boolean {
  return status.state === 'draft' && CONCLUSIONS_EDITOR_ROLES.includes(meetingRole);
}
