/**
 * A one-shot read through the API for a screen: `loading`, then `success` or `error`; `reload()`
 * fetches again while still showing the data already there (no flash on "Làm mới").
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../common/errors';
import type { IpcChannel, IpcRequest, IpcResponse } from '../../common/ipc/contract';
import { getApi } from './api';
import { toAppError } from './contractChecks';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'success'; data: T; reloading: boolean }
  | { status: 'error'; error: AppError; reloading: boolean };

interface Settled<T> {
  /** Which request and attempt this answers. */
  requestKey: string;
  attempt: number;
  state: { status: 'success'; data: T } | { status: 'error'; error: AppError };
}

export function useIpcQuery<C extends IpcChannel>(
  channel: C,
  request: IpcRequest<C>,
): QueryState<IpcResponse<C>> & { reload: () => void } {
  // The request is keyed by value, so callers may pass a fresh object literal on every render.
  const requestJson = JSON.stringify(request);
  const requestKey = `${channel} ${requestJson}`;
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<IpcResponse<C>> | null>(null);

  useEffect(() => {
    let current = true;
    const key = `${channel} ${requestJson}`;
    const parsedRequest = JSON.parse(requestJson) as IpcRequest<C>;
    getApi()
      .invoke(channel, parsedRequest)
      .then(
        (data) => {
          if (current) setSettled({ requestKey: key, attempt, state: { status: 'success', data } });
        },
        (error: unknown) => {
          if (current)
            setSettled({
              requestKey: key,
              attempt,
              state: { status: 'error', error: toAppError(error) },
            });
        },
      );
    return () => {
      current = false;
    };
  }, [channel, requestJson, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  let state: QueryState<IpcResponse<C>>;
  if (settled === null || settled.requestKey !== requestKey) state = { status: 'loading' };
  else state = { ...settled.state, reloading: settled.attempt !== attempt };
  return { ...state, reload };
}
