/**
 * The streamed routes (multipart or raw bytes in, files out) that the server binds by hand
 * instead of through `registerRoute`, described as data: their paths come from each area's
 * `…Paths` table, their parameters and JSON answers from the same schemas the server checks.
 * The OpenAPI document (openapi.ts) reads this table beside `apiRoutes`; a path added to one of
 * the `…Paths` tables without an entry here fails the typecheck (`satisfies` below).
 */
import { z } from 'zod';
import { weekQuerySchema } from '../domain/meetingPlan';
import { attachmentMimeSchema, MAX_ATTACHMENT_BYTES } from '../domain/task';
import type { roleSchema } from '../domain/user';
import {
  documentPaths,
  uploadDocumentParamsSchema,
  uploadFieldsSchema,
  uploadResponseSchema,
  uploadVersionParamsSchema,
  versionContentParamsSchema,
} from './documentsApi';
import { meetingPlanPaths } from './meetingsApi';
import { idParams } from './route';
import {
  attachmentDownloadParamsSchema,
  attachmentUploadParamsSchema,
  attachmentUploadResponseSchema,
  taskAttachmentPaths,
} from './tasksApi';

/** What a streamed route reads as its body. */
export type StreamedRequest =
  /** multipart/form-data: one file part and optional text fields. */
  | {
      kind: 'multipart';
      /** The file part's name and the only type accepted in it. */
      file: { field: string; mediaType: string };
      /** The text parts, as the server checks them. */
      fields: z.ZodType;
    }
  /** The file itself as the body (`application/octet-stream`), at most `maxBytes`. */
  | { kind: 'bytes'; maxBytes: number };

/** What a streamed route answers on success. */
export type StreamedResponse =
  | { kind: 'json'; status: 200 | 201; schema: z.ZodType; alsoStatus?: 200 | 201 }
  | {
      kind: 'file';
      /** The types the file may have (`Content-Type` says which). */
      mediaTypes: readonly string[];
      /** Sends `ETag` and answers `If-None-Match` with 304. */
      etag: boolean;
      /** Honours `Range` (206, 416) and `If-Range`. */
      ranges: boolean;
    };

export interface StreamedRouteDef {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  params: z.ZodType;
  query?: z.ZodType;
  request?: StreamedRequest;
  response: StreamedResponse;
  /** Every streamed route needs a bearer token. */
  auth: true;
  /** Roles allowed; absent = any signed-in user, with per-object checks in the handler. */
  roles?: readonly z.infer<typeof roleSchema>[];
}

type PathName =
  | keyof typeof documentPaths
  | keyof typeof meetingPlanPaths
  | `attachment${Capitalize<keyof typeof taskAttachmentPaths>}`;

export const streamedRoutes = {
  uploadDocument: {
    method: 'POST',
    path: documentPaths.uploadDocument,
    params: uploadDocumentParamsSchema,
    request: {
      kind: 'multipart',
      file: { field: 'file', mediaType: 'application/pdf' },
      fields: uploadFieldsSchema,
    },
    response: { kind: 'json', status: 201, schema: uploadResponseSchema },
    auth: true,
  },
  uploadVersion: {
    method: 'POST',
    path: documentPaths.uploadVersion,
    params: uploadVersionParamsSchema,
    request: {
      kind: 'multipart',
      file: { field: 'file', mediaType: 'application/pdf' },
      fields: z.strictObject({}),
    },
    response: { kind: 'json', status: 201, schema: uploadResponseSchema },
    auth: true,
  },
  versionContent: {
    method: 'GET',
    path: documentPaths.versionContent,
    params: versionContentParamsSchema,
    response: { kind: 'file', mediaTypes: ['application/pdf'], etag: true, ranges: true },
    auth: true,
  },
  invitationPdf: {
    method: 'GET',
    path: meetingPlanPaths.invitationPdf,
    params: idParams,
    response: { kind: 'file', mediaTypes: ['application/pdf'], etag: false, ranges: false },
    auth: true,
  },
  calendarPdf: {
    method: 'GET',
    path: meetingPlanPaths.calendarPdf,
    params: z.strictObject({}),
    query: weekQuerySchema,
    response: { kind: 'file', mediaTypes: ['application/pdf'], etag: false, ranges: false },
    auth: true,
  },
  attachmentUpload: {
    method: 'PUT',
    path: taskAttachmentPaths.upload,
    params: attachmentUploadParamsSchema,
    request: { kind: 'bytes', maxBytes: MAX_ATTACHMENT_BYTES },
    response: {
      kind: 'json',
      status: 201,
      alsoStatus: 200,
      schema: attachmentUploadResponseSchema,
    },
    auth: true,
  },
  attachmentDownload: {
    method: 'GET',
    path: taskAttachmentPaths.download,
    params: attachmentDownloadParamsSchema,
    response: { kind: 'file', mediaTypes: attachmentMimeSchema.options, etag: true, ranges: false },
    auth: true,
  },
} as const satisfies Record<PathName, StreamedRouteDef>;

export type StreamedRouteName = keyof typeof streamedRoutes;

/** Every path of the `…Paths` tables, to check that none is left out of `streamedRoutes`. */
export const streamedPaths: readonly string[] = [
  ...Object.values(documentPaths),
  ...Object.values(meetingPlanPaths),
  ...Object.values(taskAttachmentPaths),
];
