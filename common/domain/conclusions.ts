/**
 * Where a meeting's conclusions stand: drafted live, then issued as the conclusion notice
 * (thông báo kết luận), after which they are locked; a later change needs a new version.
 */
import { z } from 'zod';
import { can } from './policy';

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
  return status.state === 'draft' && can(meetingRole, 'conclusions.edit');
}

/**
 * What the Office fills in when it issues the notice (Nghị định 30/2020/NĐ-CP): its number and
 * symbol, who signs and on whose authority, and where it is sent.
 */
export const issueConclusionsInputSchema = z.strictObject({
  /** Số và ký hiệu, e.g. "125/TB-VP". */
  number: z.string().trim().min(1).max(50),
  /** Thẩm quyền ký, e.g. "TL. CHỦ TỊCH"; null when the head of the Office signs in their own name. */
  signerAuthority: z.string().trim().max(100).nullable(),
  /** e.g. "CHÁNH VĂN PHÒNG". */
  signerPosition: z.string().trim().min(1).max(100),
  signerName: z.string().trim().min(1).max(100),
  /** Nơi nhận, one entry a line, as printed ("- Sở Tài chính;"). */
  recipients: z.array(z.string().trim().min(1).max(300)).min(1).max(60),
});
export type IssueConclusionsInput = z.infer<typeof issueConclusionsInputSchema>;
