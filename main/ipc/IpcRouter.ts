/**
 * Dispatches contract calls to services, whatever carries them (Electron's ipcMain or the browser
 * bridge). Requests are validated against the contract before a handler runs; every outcome is
 * a value, so errors keep their code across the boundary.
 */
import { EventEmitter } from 'node:events';
import { AppError, InvalidError, serializeError } from '../../common/errors';
import {
  ipcCalls,
  isIpcChannel,
  type IpcChannel,
  type IpcEventName,
  type IpcEventPayload,
  type IpcResponse,
  type IpcResult,
} from '../../common/ipc/contract';
import type { z } from 'zod';

export type IpcHandlers = {
  [C in IpcChannel]: (request: z.infer<(typeof ipcCalls)[C]['request']>) => Promise<IpcResponse<C>>;
};

export interface IpcRouterEvents {
  event: [name: IpcEventName, payload: unknown];
}

export class IpcRouter extends EventEmitter<IpcRouterEvents> {
  readonly #handlers: IpcHandlers;
  readonly #onError: (channel: string, error: unknown) => void;

  constructor(
    handlers: IpcHandlers,
    onError: (channel: string, error: unknown) => void = () => undefined,
  ) {
    super();
    this.#handlers = handlers;
    this.#onError = onError;
  }

  async handle(channel: unknown, request: unknown): Promise<IpcResult<unknown>> {
    try {
      if (!isIpcChannel(channel)) throw new InvalidError(`Unknown channel ${String(channel)}`);
      const parsed = ipcCalls[channel].request.safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InvalidError(
          `Invalid ${channel} request${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? ''}`,
        );
      }
      const handler = this.#handlers[channel] as (r: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (!(error instanceof AppError)) this.#onError(String(channel), error);
      return { ok: false, error: serializeError(error) };
    }
  }

  publish<E extends IpcEventName>(name: E, payload: IpcEventPayload<E>): void {
    this.emit('event', name, payload);
  }
}
