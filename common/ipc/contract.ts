/**
 * Every call and event between the renderer and the main-process services. The preload exposes
 * only these channels; main validates each request against the schema here before a handler
 * runs; the browser bridge carries the same messages over a WebSocket.
 */
import { z } from 'zod';
import {
  agendaDocumentSchema,
  documentProgressSchema,
  documentUploadProgressSchema,
  localAgendaSchema,
  sha256HexSchema,
} from '../domain/document';
import { documentSearchQuerySchema, documentSearchResponseSchema } from '../domain/documentSearch';
import { meetingDetailSchema, meetingSummarySchema } from '../domain/meeting';
import { attachmentSchema, isoDateSchema, taskSchema } from '../domain/task';
import { userSchema } from '../domain/user';
import { ANNOTATION_KINDS, annotationSchema } from '../domain/annotation';
import {
  ANNOTATION_ACTIONS,
  annotationMutationSchema,
  annotationRejectionSchema,
} from '../annotations/mutations';
import { rejectionSchema, taskMutationSchema } from '../tasks/mutations';
import { syncStateSchema } from '../tasks/syncState';
import { changePasswordRequestSchema, joinTicketResponseSchema } from '../protocol/api';
import { weekQuerySchema } from '../domain/meetingPlan';
import { screenSharePickSchema } from './screenShare';
import { deepLinkSchema } from './deepLink';
import { serverCallRequestSchema } from './serverCall';
import { importRowSchema } from '../domain/directory';
import { auditFilterSchema } from '../protocol/auditApi';
import { usageQuerySchema } from '../protocol/usageApi';
import type { SerializedError } from '../errors';

import type { IpcChannel, IpcEventName } from './channels';

export { RENDERER_ROUTES, type RendererRoute, type ServerCallRequest } from './serverCall';
export {
  IPC_CHANNEL_PREFIX,
  ipcChannelNames,
  ipcEventNames,
  isIpcChannel,
  isIpcEventName,
} from './channels';
export type { IpcChannel, IpcEventName } from './channels';

export const sessionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_out'), serverUrl: z.string() }),
  z.object({ status: z.literal('signed_in'), serverUrl: z.string(), user: userSchema }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

/**
 * A reminder of the signed-in user's agency's tasks (TaskReminderService). Main words it in
 * Vietnamese for the desktop notification (`title`, `body`); the renderer may word it again from
 * the other fields in the UI's language.
 */
export const reminderNoticeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('due_soon'),
    taskId: z.string(),
    title: z.string(),
    body: z.string(),
    content: z.string(),
    dueDate: isoDateSchema,
    /** 0 on the due date. */
    daysLeft: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('weekly_report'),
    taskId: z.string(),
    title: z.string(),
    body: z.string(),
    content: z.string(),
    daysSinceReport: z.number().int().nonnegative(),
  }),
  /** The reminders beyond the first few, in one notice (no task: it opens the task list). */
  z.object({
    kind: z.literal('more'),
    taskId: z.null(),
    title: z.string(),
    body: z.string(),
    count: z.number().int().positive(),
  }),
]);
export type ReminderNotice = z.infer<typeof reminderNoticeSchema>;

/** Where data came from: the server just now, or the local cache while the server is unreachable. */
export const dataSourceSchema = z.enum(['server', 'cache']);

const serverUrlSchema = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'Server URL must start with http:// or https://');

/**
 * A change to one of the user's annotations that the server refused, as the document reader
 * shows it until the user dismisses it. The renderer words it from `action` and `rejection.code`.
 */
export const annotationRefusalSchema = z.object({
  /** The refused mutation (what `annotations.dismissRejections` names). */
  mutationId: z.number().int(),
  annotationId: z.string(),
  /** What the user tried; null when not known (a refusal kept by an older version). */
  action: z.enum(ANNOTATION_ACTIONS).nullable(),
  rejection: annotationRejectionSchema,
  /** The annotation as the user last saw it; null when not known. */
  annotation: z
    .object({
      kind: z.enum(ANNOTATION_KINDS),
      page: z.number().int().positive(),
      /** The highlight's or note's text, shortened; empty for ink. */
      excerpt: z.string(),
    })
    .nullable(),
  /** When the refusal reached this computer (ISO 8601). */
  at: z.string(),
});
export type AnnotationRefusal = z.infer<typeof annotationRefusalSchema>;

export const ipcCalls = {
  'app.info': {
    request: z.strictObject({}),
    response: z.object({
      version: z.string(),
      /** electron: the desktop app; browser: renderer in a browser against services hosted in Node. */
      shell: z.enum(['electron', 'browser']),
    }),
  },
  /**
   * The meeting link the desktop app was opened with (a `phonghop://` link, see deepLink.ts) and
   * nobody has shown yet, once; null when none waits (and always in the browser shell).
   */
  'app.pendingDeepLink': {
    request: z.strictObject({}),
    response: z.object({ link: deepLinkSchema.nullable() }),
  },
  'session.get': { request: z.strictObject({}), response: sessionStateSchema },
  'session.login': {
    request: z.strictObject({
      serverUrl: serverUrlSchema,
      username: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    response: sessionStateSchema,
  },
  'session.logout': { request: z.strictObject({}), response: sessionStateSchema },
  /**
   * Changes the signed-in user's own password (`changePassword`); the stored user is updated, so
   * `mustChangePassword` clears, and `session.changed` follows. Refusals: `invalid` with
   * `details.reason` `wrong_password`, `same_password` or `weak_password` (with `problems`).
   */
  'session.changePassword': {
    request: z.strictObject({
      currentPassword: changePasswordRequestSchema.shape.currentPassword,
      newPassword: changePasswordRequestSchema.shape.newPassword,
    }),
    response: sessionStateSchema,
  },
  'meetings.list': {
    request: z.strictObject({}),
    response: z.object({
      meetings: z.array(meetingSummarySchema),
      source: dataSourceSchema,
      fetchedAt: z.string(),
    }),
  },
  'meetings.get': {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: z.object({
      meeting: meetingDetailSchema,
      source: dataSourceSchema,
      fetchedAt: z.string(),
    }),
  },
  'room.joinTicket': {
    request: z.strictObject({ meetingId: z.string().min(1).max(64) }),
    response: joinTicketResponseSchema,
  },
  /** The agenda with documents and each one's local copy status; from the cache when offline. */
  'documents.agenda': {
    request: z.strictObject({ meetingId: z.string().min(1).max(64) }),
    response: z.object({
      agenda: localAgendaSchema,
      source: dataSourceSchema,
      fetchedAt: z.string(),
    }),
  },
  /**
   * A version's PDF bytes (the current version when `version` is omitted), SHA-256 verified:
   * from the local copy, else downloaded first. Binary: Electron's IPC clones it, and the browser
   * bridge sends it as a binary frame (see bridgeProtocol.ts).
   */
  'documents.read': {
    request: z.strictObject({
      meetingId: z.string().min(1).max(64),
      documentId: z.string().min(1).max(64),
      version: z.number().int().positive().optional(),
    }),
    response: z.object({
      bytes: z.instanceof(Uint8Array),
      meetingId: z.string(),
      documentId: z.string(),
      version: z.number().int().positive(),
      sha256: sha256HexSchema,
      source: dataSourceSchema,
    }),
  },
  /** Starts downloading the meeting's documents for offline use; progress comes as events. */
  'documents.prefetch': {
    request: z.strictObject({ meetingId: z.string().min(1).max(64) }),
    response: z.object({
      /** Current versions of the meeting's documents. */
      total: z.number().int().nonnegative(),
      /** Already on this machine. */
      cached: z.number().int().nonnegative(),
    }),
  },
  /**
   * Searches the text of the meeting's documents on the server, ignoring case and diacritics
   * ("kinh phi" finds "kinh phí"). Online only: `unavailable` when the server cannot be reached
   * (the viewer's own find still works in an open document).
   */
  'documents.search': {
    request: z.strictObject({
      meetingId: z.string().min(1).max(64),
      query: documentSearchQuerySchema.shape.q,
    }),
    response: documentSearchResponseSchema,
  },
  /**
   * Uploads a PDF the user picked (the meeting's chair or secretary, or an admin): a new document
   * on an agenda item, or a new version of a document. Progress comes as `documents.uploadProgress`
   * events under `uploadId`. The server's refusals are AppErrors: `invalid` with
   * `details.reason` (see `uploadRefusalReasonSchema`), `too_large` with `details.maxBytes`,
   * `forbidden`, `not_found`. The uploaded version is kept in the local cache (readable offline).
   * Binary, like `tasks.stageAttachment`.
   */
  'documents.upload': {
    request: z.strictObject({
      uploadId: z.string().min(1).max(64),
      meetingId: z.string().min(1).max(64),
      target: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('document'),
          itemId: z.string().min(1).max(64),
          /** Defaults (on the server) to the file's name without `.pdf`. */
          title: z.string().trim().min(1).max(300).optional(),
          confidential: z.boolean(),
        }),
        z.strictObject({ kind: z.literal('version'), documentId: z.string().min(1).max(64) }),
      ]),
      fileName: z.string().min(1).max(1000),
      bytes: z.instanceof(Uint8Array),
    }),
    response: z.object({ document: agendaDocumentSchema }),
  },
  /** Marks the agenda item under discussion (null: none); chair, secretary or admin. */
  'documents.setCurrentItem': {
    request: z.strictObject({
      meetingId: z.string().min(1).max(64),
      itemId: z.string().min(1).max(64).nullable(),
    }),
    response: z.object({ currentItemId: z.string().nullable() }),
  },
  /** Tasks of the local replica (works offline), which of them wait to be sent, and sync state. */
  'tasks.list': {
    request: z.strictObject({}),
    response: z.object({
      tasks: z.array(taskSchema),
      pendingTaskIds: z.array(z.string()),
      sync: syncStateSchema,
    }),
  },
  /** Records a change locally and durably; it is sent in the background. */
  'tasks.mutate': {
    request: z.strictObject({ mutation: taskMutationSchema }),
    response: z.object({ mutationId: z.number().int(), task: taskSchema.nullable() }),
  },
  'tasks.syncNow': { request: z.strictObject({}), response: syncStateSchema },
  /** Changes the server refused, newest first, with the reason. */
  'tasks.rejections': {
    request: z.strictObject({}),
    response: z.array(
      z.object({
        mutationId: z.number().int(),
        name: z.string(),
        taskId: z.string(),
        rejection: rejectionSchema,
        at: z.string(),
      }),
    ),
  },
  /**
   * The tasks named (in that order) as a spreadsheet or an A4 landscape PDF table, from the local
   * replica (works offline). Binary, like `documents.read`.
   */
  'tasks.export': {
    request: z.strictObject({
      format: z.enum(['xlsx', 'pdf']),
      taskIds: z.array(z.string().min(1).max(64)).max(5000),
      /** The view's title, printed above the table, e.g. "Danh sách nhiệm vụ quá hạn". */
      title: z.string().trim().min(1).max(300),
    }),
    response: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      bytes: z.instanceof(Uint8Array),
    }),
  },
  /**
   * Keeps a file the user picked for a progress report on this computer (offline too) and
   * describes it for the report mutation's `attachments`. Refused with `details.reason` (see
   * `AttachmentProblem`) when its type, size or name is not allowed. Binary, like `documents.read`
   * the other way: the browser bridge sends it as a binary frame.
   */
  'tasks.stageAttachment': {
    request: z.strictObject({
      name: z.string().min(1).max(1000),
      bytes: z.instanceof(Uint8Array),
    }),
    response: attachmentSchema,
  },
  /** A report's file: from this computer when it is here, else downloaded (SHA-256 checked). */
  'tasks.readAttachment': {
    request: z.strictObject({
      taskId: z.string().min(1).max(64),
      reportId: z.string().min(1).max(64),
      attachmentId: z.string().min(1).max(64),
    }),
    response: z.object({
      attachment: attachmentSchema,
      bytes: z.instanceof(Uint8Array),
      source: dataSourceSchema,
    }),
  },
  /**
   * The renderer listens for `tasks.reminder` now: main checks for reminders at once (and shows
   * in-app reminders from then on, where it has no desktop notifications of its own).
   */
  'tasks.checkReminders': {
    request: z.strictObject({}),
    response: z.object({ notified: z.number().int().nonnegative() }),
  },
  /**
   * The annotations of one document the user sees (own ones, and those shared with everyone),
   * from the local replica (works offline); which wait to be sent; whether the user may annotate
   * here (an invited participant) and share (the meeting's secretary or chair); the sync state;
   * the user's changes to this document's annotations the server refused, newest first, that
   * the user has not dismissed.
   */
  'annotations.list': {
    request: z.strictObject({
      meetingId: z.string().min(1).max(64),
      documentId: z.string().min(1).max(64),
    }),
    response: z.object({
      annotations: z.array(annotationSchema),
      pendingIds: z.array(z.string()),
      userId: z.string(),
      canAnnotate: z.boolean(),
      canShare: z.boolean(),
      sync: syncStateSchema,
      rejections: z.array(annotationRefusalSchema),
    }),
  },
  /**
   * The user has read these refusals: they are no longer listed (kept dismissed in the local
   * store, across restarts). Unknown or already dismissed ids are ignored.
   */
  'annotations.dismissRejections': {
    request: z.strictObject({
      mutationIds: z.array(z.number().int().positive()).min(1).max(500),
    }),
    response: z.object({ dismissed: z.number().int().nonnegative() }),
  },
  /** Records an annotation change locally and durably; it is sent in the background. */
  'annotations.mutate': {
    request: z.strictObject({ mutation: annotationMutationSchema }),
    response: z.object({ mutationId: z.number().int(), annotation: annotationSchema }),
  },
  /** Pushes pending annotation changes and pulls others' shared ones now. */
  'annotations.syncNow': { request: z.strictObject({}), response: syncStateSchema },
  /**
   * The version's PDF with the user's annotations drawn in (pdf-lib). Annotations made on another
   * version are drawn where the viewer re-anchored them (`placements`), or left out. Binary.
   */
  'annotations.export': {
    request: z.strictObject({
      meetingId: z.string().min(1).max(64),
      documentId: z.string().min(1).max(64),
      version: z.number().int().positive(),
      /** The document's title, for the file name. */
      title: z.string().trim().min(1).max(300),
      includeShared: z.boolean(),
      placements: z
        .array(
          z.strictObject({
            id: z.string().min(1).max(64),
            page: z.number().int().positive(),
            dx: z.number().finite(),
            dy: z.number().finite(),
            exact: z.boolean(),
          }),
        )
        .max(10_000),
    }),
    response: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      bytes: z.instanceof(Uint8Array),
      /** Annotations drawn. */
      count: z.number().int().nonnegative(),
    }),
  },
  /**
   * The renderer's answer to `screenShare.pick`: the source to share, or null (cancelled).
   * Refused when the request is no longer pending (answered, replaced, timed out) or the source
   * was not offered.
   */
  'screenShare.select': {
    request: z.strictObject({
      requestId: z.string().min(1).max(64),
      sourceId: z.string().min(1).max(200).nullable(),
    }),
    response: z.object({}),
  },
  /**
   * A REST route of `RENDERER_ROUTES` (serverCall.ts), with the session's token. Main validates
   * the request with the route's own schemas before any network call; the answer is the route's
   * response, validated by main and again by the renderer's `callServer`.
   */
  'server.call': { request: serverCallRequestSchema, response: z.unknown() },
  /**
   * The people of an office's spreadsheet (.xlsx, one row a person: họ tên, chức vụ, đơn vị, điểm
   * cầu, tên đăng nhập, email), as rows for `importDirectory`. Refused with `details.reason`:
   * `not_xlsx`, `no_header` (with `details.missing`), `too_many_rows` (with `details.maxRows`).
   * Binary, like `tasks.stageAttachment`.
   */
  'directory.readSpreadsheet': {
    request: z.strictObject({
      fileName: z.string().min(1).max(1000),
      bytes: z
        .instanceof(Uint8Array)
        .refine((b) => b.byteLength <= 10 * 1024 * 1024, 'The file is larger than 10 MB'),
    }),
    response: z.object({
      sheetName: z.string(),
      /** The header row's number in the sheet. */
      headerLine: z.number().int(),
      rows: z.array(importRowSchema),
    }),
  },
  /**
   * A PDF of meeting planning, rendered by the server: the giấy mời of a meeting (its invitees,
   * the Office, its chair and secretary), or a week's calendar (everyone signed in). Binary, like
   * `documents.read`.
   */
  'planning.pdf': {
    request: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('invitation'), meetingId: z.string().min(1).max(64) }),
      z.strictObject({
        kind: z.literal('calendar'),
        week: weekQuerySchema.shape.week,
        unitId: weekQuerySchema.shape.unitId,
      }),
    ]),
    response: z.object({
      fileName: z.string(),
      mimeType: z.literal('application/pdf'),
      bytes: z.instanceof(Uint8Array),
    }),
  },
  /**
   * The audit log (administrators) as a spreadsheet: the rows matching the filters, newest first,
   * at most AUDIT_EXPORT_MAX; the export is recorded on the server (`audit.exported`).
   */
  'audit.export': {
    request: auditFilterSchema,
    response: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      bytes: z.instanceof(Uint8Array),
      rows: z.number().int(),
      /** More rows matched than the export holds. */
      truncated: z.boolean(),
    }),
  },
  /**
   * The usage figures of a period (administrators) as the workbook an operator hands in: per
   * month with totals, and per unit (`getUsage`, read once).
   */
  'usage.export': {
    request: usageQuerySchema,
    response: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      bytes: z.instanceof(Uint8Array),
    }),
  },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export const ipcEvents = {
  'session.changed': sessionStateSchema,
  'documents.progress': documentProgressSchema,
  'documents.uploadProgress': documentUploadProgressSchema,
  'tasks.changed': z.object({ taskIds: z.array(z.string()) }),
  'sync.changed': syncStateSchema,
  /** A reminder for the renderer to show (the browser shell; Electron shows its own notification). */
  'tasks.reminder': reminderNoticeSchema,
  /** The user clicked a desktop notification: show this task (null: the task list). */
  'tasks.open': z.object({ taskId: z.string().nullable() }),
  /**
   * The desktop app was handed a meeting link (a second launch, macOS's open-url): show that
   * meeting, then take it (`app.pendingDeepLink`) so it is not shown again.
   */
  'app.deepLink': deepLinkSchema,
  /** Annotations of these documents changed (a local change, or a pull brought others'). */
  'annotations.changed': z.object({
    documents: z.array(z.object({ meetingId: z.string(), documentId: z.string() })),
  }),
  /** The annotation sync's state. */
  'annotations.sync': syncStateSchema,
  /** getDisplayMedia in Electron: show the in-app picker and answer with `screenShare.select`. */
  'screenShare.pick': screenSharePickSchema,
  /** That request ended (answered, cancelled, replaced or timed out): close its picker. */
  'screenShare.pickEnded': z.object({ requestId: z.string() }),
} as const satisfies Record<IpcEventName, z.ZodType>;

export type IpcCalls = typeof ipcCalls;
export type IpcRequest<C extends IpcChannel> = z.input<IpcCalls[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.infer<IpcCalls[C]['response']>;
export type IpcEventPayload<E extends IpcEventName> = z.infer<(typeof ipcEvents)[E]>;

/** What crosses IPC: Electron keeps only `message` of a thrown Error, so errors travel as values. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** The one API the renderer talks to, whatever shell hosts it. */
export interface PhongHopApi {
  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>>;
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}

/** The raw surface the Electron preload exposes on `window.phonghop` (results as values). */
export interface PreloadBridge {
  invoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
