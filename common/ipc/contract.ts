/**
 * Every call and event between the renderer and the main-process services. The preload exposes
 * only these channels; main validates each request against the schema here before a handler
 * runs; the browser bridge carries the same messages over a WebSocket.
 */
import { z } from 'zod';
import { meetingDetailSchema, meetingSummarySchema } from '../domain/meeting';
import { userSchema } from '../domain/user';
import { joinTicketResponseSchema } from '../protocol/api';
import type { SerializedError } from '../errors';

import type { IpcChannel, IpcEventName } from './channels';

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

/** Where data came from: the server just now, or the local cache while the server is unreachable. */
export const dataSourceSchema = z.enum(['server', 'cache']);

const serverUrlSchema = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'Server URL must start with http:// or https://');

export const ipcCalls = {
  'app.info': {
    request: z.strictObject({}),
    response: z.object({
      version: z.string(),
      /** electron: the desktop app; browser: renderer in a browser against services hosted in Node. */
      shell: z.enum(['electron', 'browser']),
    }),
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
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export const ipcEvents = {
  'session.changed': sessionStateSchema,
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
