/**
 * REST routes of progress-report attachments (issue #6). The bytes travel raw (no JSON, no
 * multipart), so both routes are bound by hand on the server, like document uploads; their paths,
 * parameters and answers are named here so the client and the server share them.
 *
 * - `upload` (PUT, `application/octet-stream`): the file's bytes, addressed by their SHA-256.
 *   Idempotent: sending the same file again answers 200 and changes nothing. The server hashes
 *   what arrives and refuses a body whose SHA-256 is not the one in the path (400,
 *   `details.reason = 'sha256_mismatch'`), a file over `MAX_ATTACHMENT_BYTES` (413), and content
 *   that is not a PDF, Word or Excel file, or a PNG or JPEG image (400, `attachment_type`).
 *   Only those who may report on the task (its lead agency; staff) may upload. Over the task's or
 *   its meeting's quota: 413 (`task_quota`, `meeting_quota`); the server's disk full: 507. With
 *   an `Idempotency-Key` (idempotency.ts) a retry gets the first answer, status included.
 * - `download` (GET): the file of one attachment of one report, with its type, its own
 *   (Vietnamese) name in `Content-Disposition`, and `ETag` = `"<sha256>"`. Whoever may see the
 *   task may download it.
 */
import { z } from 'zod';
import { sha256HexSchema } from '../domain/document';

export const taskAttachmentPaths = {
  upload: '/api/tasks/:taskId/attachments/:sha256',
  download: '/api/tasks/:taskId/reports/:reportId/attachments/:attachmentId',
} as const;

const id = z.string().min(1).max(64);

export const attachmentUploadParamsSchema = z.strictObject({ taskId: id, sha256: sha256HexSchema });
export const attachmentDownloadParamsSchema = z.strictObject({
  taskId: id,
  reportId: id,
  attachmentId: id,
});

/** 201 when the server stored the file now, 200 when it had it already (from any earlier upload). */
export const attachmentUploadResponseSchema = z.object({
  sha256: sha256HexSchema,
  size: z.number().int().positive(),
  created: z.boolean(),
});
export type AttachmentUploadResponse = z.infer<typeof attachmentUploadResponseSchema>;
