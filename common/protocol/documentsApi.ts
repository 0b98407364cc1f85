/**
 * REST routes of agenda items and documents (issue #4). Uploads and downloads are streamed and
 * registered by hand on the server; their paths are named here so both sides share them.
 */
import { z } from 'zod';
import { agendaDocumentSchema, meetingAgendaSchema } from '../domain/document';
import { documentSearchQuerySchema, documentSearchResponseSchema } from '../domain/documentSearch';
import { idParams, route } from './route';

export const documentRoutes = {
  /** The agenda with every item's documents and their versions; invited participants and admins. */
  meetingAgenda: route({
    method: 'GET',
    path: '/api/meetings/:id/agenda',
    params: idParams,
    body: z.strictObject({}),
    response: meetingAgendaSchema,
    auth: true,
  }),
  /** Marks the item being discussed now (null: none); the meeting's chair or secretary, or an admin. */
  setCurrentAgendaItem: route({
    method: 'PUT',
    path: '/api/meetings/:id/agenda/current',
    params: idParams,
    body: z.strictObject({ itemId: z.string().min(1).max(64).nullable() }),
    response: z.object({ currentItemId: z.string().nullable() }),
    auth: true,
  }),
  /**
   * Searches the text of the current version of every document of the meeting, ignoring case and
   * diacritics; invited participants and admins (confidential documents: invited participants
   * only). `?q=` of 2–100 characters.
   */
  searchMeetingDocuments: route({
    method: 'GET',
    path: '/api/meetings/:id/search',
    params: idParams,
    body: z.strictObject({}),
    query: documentSearchQuerySchema,
    response: documentSearchResponseSchema,
    auth: true,
  }),
} as const;

/**
 * Streamed routes, bound by hand on the server (multipart in, bytes out). All need a bearer token.
 * - `uploadDocument` (POST, multipart/form-data): a new document on an agenda item, version 1.
 * - `uploadVersion` (POST, multipart/form-data): a new version of a document.
 * Both uploads: over the meeting's quota 413 (`details.reason = 'meeting_quota'`), the server's
 * disk full 507 (nothing kept); with an `Idempotency-Key` (idempotency.ts) a retry gets the first
 * answer and stores nothing twice.
 * - `versionContent` (GET): the PDF bytes, with `Range` (206), `ETag` = `"<sha256>"` and
 *   `If-None-Match` / `If-Range` support.
 */
export const documentPaths = {
  uploadDocument: '/api/meetings/:id/agenda/:itemId/documents',
  uploadVersion: '/api/meetings/:id/documents/:documentId/versions',
  versionContent: '/api/meetings/:id/documents/:documentId/versions/:version/content',
} as const;

const documentRouteId = z.string().min(1).max(64);
/** Path parameters of the streamed routes above, checked by the server as they are here. */
export const uploadDocumentParamsSchema = z.strictObject({
  id: documentRouteId,
  itemId: documentRouteId,
});
export const uploadVersionParamsSchema = z.strictObject({
  id: documentRouteId,
  documentId: documentRouteId,
});
export const versionContentParamsSchema = z.strictObject({
  id: documentRouteId,
  documentId: documentRouteId,
  version: z.string().regex(/^[1-9]\d{0,8}$/, 'a version number'),
});

/**
 * Parts of an upload. `file` is required and must be a PDF; `title` defaults to the file's name
 * without `.pdf` (new documents only); `confidential` is "true" or "false" (new documents only).
 * A file name carrying a path (`/`, `\`, `..`) is refused rather than cleaned up.
 */
export const uploadFieldNames = {
  file: 'file',
  title: 'title',
  confidential: 'confidential',
} as const;

export const uploadFieldsSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  confidential: z.enum(['true', 'false']).optional(),
});

/** 201 to an upload: the document with all its versions, the new one first. */
export const uploadResponseSchema = z.object({ document: agendaDocumentSchema });
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/**
 * Why an upload was refused as `invalid`, in the error's `details.reason`, so a client can word
 * it in the user's language: `not_pdf` (the file does not start with `%PDF-`; `details.kind`
 * may name what it is instead), `pdf_empty`, `pdf_incomplete` (no end-of-file marker: cut off
 * while copying), `pdf_damaged`, `pdf_encrypted` (password-protected), `path_in_name` (a crafted
 * file name), `no_title`. A file over the cap is `too_large` with `details.maxBytes`. Over the
 * server's limits on reading a PDF: `pdf_too_many_pages` (`details.pageCount`, `details.maxPages`),
 * `pdf_timeout` (`details.timeoutS`), `pdf_too_complex` (too much memory, or nested too deeply).
 */
export const uploadRefusalReasonSchema = z.enum([
  'not_pdf',
  'pdf_empty',
  'pdf_incomplete',
  'pdf_damaged',
  'pdf_encrypted',
  'pdf_too_many_pages',
  'pdf_timeout',
  'pdf_too_complex',
  'path_in_name',
  'no_title',
]);
export type UploadRefusalReason = z.infer<typeof uploadRefusalReasonSchema>;
