/**
 * What a report attachment's bytes are, judged by their first bytes, so a renamed program or an
 * archive is refused whatever its name says. Shared by main (when the user picks a file: the
 * refusal comes at once, offline too) and the server (on upload: it trusts no client).
 */
import { ATTACHMENT_TYPES, type AttachmentMime } from '../domain/task';

/** docx and xlsx are both ZIP containers. */
export type AttachmentKind = 'pdf' | 'zip' | 'png' | 'jpeg';

/** How many first bytes `sniffAttachmentKind` looks at. */
export const SNIFF_BYTES = 1024;

export const attachmentKindOfMime: Record<AttachmentMime, AttachmentKind> = {
  [ATTACHMENT_TYPES.pdf.mime]: 'pdf',
  [ATTACHMENT_TYPES.docx.mime]: 'zip',
  [ATTACHMENT_TYPES.xlsx.mime]: 'zip',
  [ATTACHMENT_TYPES.png.mime]: 'png',
  [ATTACHMENT_TYPES.jpg.mime]: 'jpeg',
};

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The kind the first bytes of a file show, or null for anything not allowed. */
export function sniffAttachmentKind(head: Uint8Array): AttachmentKind | null {
  const at = (offset: number, bytes: readonly number[]) =>
    bytes.every((b, i) => head[offset + i] === b);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (at(0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (at(0, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  // PDF readers accept the header anywhere in the first kilobyte (ISO 32000-1, 7.5.2).
  const end = Math.min(head.length, SNIFF_BYTES) - PDF_HEADER.length;
  for (let offset = 0; offset <= end; offset++) if (at(offset, PDF_HEADER)) return 'pdf';
  return null;
}
