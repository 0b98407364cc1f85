/**
 * The renderer's side of "validate at every boundary": whatever shell answers (Electron preload
 * or the browser bridge), a response or event that does not match the contract becomes a typed
 * error instead of a half-shaped object deep in a component.
 */
import type { z } from 'zod';
import { AppError, deserializeError, isErrorCode } from '../../common/errors';
import {
  ipcCalls,
  ipcEvents,
  type IpcChannel,
  type IpcEventName,
  type IpcEventPayload,
  type IpcResponse,
} from '../../common/ipc/contract';

export function parseResponse<C extends IpcChannel>(channel: C, value: unknown): IpcResponse<C> {
  // Widened on purpose: indexing the schema map with a generic key yields a union TS cannot call.
  const schema: z.ZodType = ipcCalls[channel].response;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('incompatible', `Response to ${channel} does not match the contract`, {
      issues: result.error.issues,
    });
  }
  return result.data as IpcResponse<C>;
}

/** The payload if it matches the contract, otherwise undefined (the event is dropped). */
export function parseEvent<E extends IpcEventName>(
  event: E,
  payload: unknown,
): IpcEventPayload<E> | undefined {
  const schema: z.ZodType = ipcEvents[event];
  const result = schema.safeParse(payload);
  return result.success ? (result.data as IpcEventPayload<E>) : undefined;
}

/** Rebuilds a wire error; an unknown code becomes 'internal' rather than a lie. */
export function errorFromWire(error: {
  code: string;
  name: string;
  message: string;
  details?: unknown;
}): AppError {
  return deserializeError({ ...error, code: isErrorCode(error.code) ? error.code : 'internal' });
}

/** Anything thrown becomes an AppError, so the UI maps one type to messages. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', message);
}
