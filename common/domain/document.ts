/**
 * Agenda documents (issue #4): a document belongs to one agenda item and has numbered,
 * immutable versions; the current version is what the agenda shows and delegates read.
 */
import { z } from 'zod';

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const documentVersionSchema = z.object({
  /** 1, 2, …: each upload of a new file for the same document adds one. */
  version: z.number().int().positive(),
  /** Hex SHA-256 of the file: its identity, the download's ETag, and what a cache verifies. */
  sha256: sha256HexSchema,
  sizeBytes: z.number().int().nonnegative(),
  pageCount: z.number().int().nonnegative(),
  /** Who uploaded it; null for the seeded demo documents and migrated rows. */
  uploadedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  /** ISO 8601. */
  createdAt: z.string(),
});
export type DocumentVersion = z.infer<typeof documentVersionSchema>;

export const agendaDocumentSchema = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  title: z.string(),
  /** Only the meeting's invited participants may read the content (not even an admin). */
  confidential: z.boolean(),
  currentVersion: z.number().int().positive(),
  /** Newest first; the first one is `currentVersion`. */
  versions: z.array(documentVersionSchema).min(1),
});
export type AgendaDocument = z.infer<typeof agendaDocumentSchema>;

export const agendaEntrySchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  /** Agency presenting the item. */
  presenter: z.string().nullable(),
  /** The item being discussed now, as set by the chair or the secretary. */
  current: z.boolean(),
  documents: z.array(agendaDocumentSchema),
});
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

export const meetingAgendaSchema = z.object({
  meetingId: z.string(),
  /** In `position` order. */
  items: z.array(agendaEntrySchema),
  currentItemId: z.string().nullable(),
  /** Whether the asking user may upload documents and set the current item (chair, secretary, admin). */
  canManage: z.boolean(),
});
export type MeetingAgenda = z.infer<typeof meetingAgendaSchema>;

/** The version a reader opens by default. */
export function currentVersionOf(document: AgendaDocument): DocumentVersion {
  return (
    document.versions.find((v) => v.version === document.currentVersion) ?? document.versions[0]!
  );
}

/**
 * Where the reader's copy of a document version is (client side): `missing` not on this
 * machine; `queued` waiting for an earlier download; `downloading`; `cached` on disk with its
 * SHA-256 verified, readable offline; `failed` the last download failed (see `error`).
 */
export const documentCacheStateSchema = z.enum([
  'missing',
  'queued',
  'downloading',
  'cached',
  'failed',
]);
export type DocumentCacheState = z.infer<typeof documentCacheStateSchema>;

export const documentCacheStatusSchema = z.object({
  state: documentCacheStateSchema,
  receivedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  /** Why the last download failed (`failed` only): an AppError code and its message. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type DocumentCacheStatus = z.infer<typeof documentCacheStatusSchema>;

/** An agenda as the client shows it: each document with the cache status of its current version. */
export const localAgendaSchema = meetingAgendaSchema.extend({
  items: z.array(
    agendaEntrySchema.extend({
      documents: z.array(agendaDocumentSchema.extend({ cache: documentCacheStatusSchema })),
    }),
  ),
});
export type LocalAgenda = z.infer<typeof localAgendaSchema>;
export type LocalAgendaDocument = LocalAgenda['items'][number]['documents'][number];

/** A download's progress, as the `documents.progress` event carries it. */
export const documentProgressSchema = documentCacheStatusSchema.extend({
  meetingId: z.string(),
  documentId: z.string(),
  version: z.number().int().positive(),
});
export type DocumentProgress = z.infer<typeof documentProgressSchema>;

/**
 * An upload's progress, as the `documents.uploadProgress` event carries it: `sending` while the
 * bytes go out (`sentBytes` of `totalBytes`), `checking` once all are sent and the server checks
 * the PDF, then `done` (the document is listed) or `failed` (the call's error says why).
 */
export const documentUploadProgressSchema = z.object({
  /** Chosen by the caller of `documents.upload`, so a screen follows only its own upload. */
  uploadId: z.string(),
  meetingId: z.string(),
  phase: z.enum(['sending', 'checking', 'done', 'failed']),
  sentBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});
export type DocumentUploadProgress = z.infer<typeof documentUploadProgressSchema>;
