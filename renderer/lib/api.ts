/**
 * `getApi()` is the renderer's only door to the services. Which shell hosts us decides how:
 * - Electron: the preload put a `PreloadBridge` on `window.phonghop`; results arrive as values
 *   (`{ ok, value | error }`) because Electron keeps only the message of a thrown error, so we
 *   rebuild the AppError here.
 * - A plain browser: no preload, so we open the WebSocket bridge to the page's own origin.
 * Either way every response and event is checked against the IPC contract before it is used.
 */
import { AppError } from '../../common/errors';
import { BRIDGE_PATH } from '../../common/ipc/bridgeProtocol';
import type {
  IpcChannel,
  IpcEventName,
  IpcEventPayload,
  IpcRequest,
  IpcResponse,
  IpcResult,
  PhongHopApi,
  PreloadBridge,
} from '../../common/ipc/contract';
import { BridgeClient } from './BridgeClient';
import { errorFromWire, parseEvent, parseResponse } from './contractChecks';

export const PROFILE_ID_STORAGE_KEY = 'phonghop.profileId';
const PROFILE_ID_PATTERN = /^[a-zA-Z0-9-]{8,64}$/;

interface ApiHandle {
  api: PhongHopApi;
  /** Present in the browser shell only. */
  bridge: BridgeClient | null;
}

let handle: ApiHandle | undefined;

export function getApi(): PhongHopApi {
  handle ??= createApi();
  return handle.api;
}

/**
 * Calls `listener` each time the browser bridge is ready again after losing its connection, so
 * stores can refetch what events they may have missed. Never fires in Electron (IPC does not drop).
 */
export function onApiReconnected(listener: () => void): () => void {
  getApi();
  const bridge = handle?.bridge;
  if (!bridge) return () => {};
  let lostConnection = false;
  return bridge.onStatus((status) => {
    if (status === 'disconnected') lostConnection = true;
    else if (status === 'ready' && lostConnection) {
      lostConnection = false;
      listener();
    }
  });
}

function createApi(): ApiHandle {
  const preload = findPreloadBridge();
  if (preload) return { api: wrapPreloadBridge(preload), bridge: null };
  const bridge = BridgeClient.connect({
    url: bridgeUrl(window.location),
    profileId: browserProfileId(),
  });
  window.addEventListener('online', () => bridge.reconnectNow());
  return { api: bridge, bridge };
}

function findPreloadBridge(): PreloadBridge | null {
  const candidate = (window as Window & { phonghop?: unknown }).phonghop;
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as PreloadBridge).invoke === 'function' &&
    typeof (candidate as PreloadBridge).on === 'function'
  ) {
    return candidate as PreloadBridge;
  }
  return null;
}

export function wrapPreloadBridge(bridge: PreloadBridge): PhongHopApi {
  return {
    async invoke<C extends IpcChannel>(
      channel: C,
      request: IpcRequest<C>,
    ): Promise<IpcResponse<C>> {
      let result: IpcResult<unknown>;
      try {
        result = await bridge.invoke(channel, request);
      } catch (error) {
        // The preload or Electron itself failed (not a service error, which arrives as a value).
        throw new AppError('internal', error instanceof Error ? error.message : String(error));
      }
      if (!result.ok) throw errorFromWire(result.error);
      return parseResponse(channel, result.value);
    },
    on<E extends IpcEventName>(
      event: E,
      listener: (payload: IpcEventPayload<E>) => void,
    ): () => void {
      return bridge.on(event, (payload) => {
        const parsed = parseEvent(event, payload);
        if (parsed !== undefined) listener(parsed);
      });
    },
  };
}

/** `https://host:port/...` → `wss://host:port/bridge`. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${BRIDGE_PATH}`;
}

/** One random id per browser profile, kept across reloads; the host keys its per-client store by it. */
export function browserProfileId(
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): string {
  try {
    const existing = storage.getItem(PROFILE_ID_STORAGE_KEY);
    if (existing && PROFILE_ID_PATTERN.test(existing)) return existing;
  } catch {
    // Fall through: a fresh id per page load is still a working (if forgetful) profile.
  }
  const id = randomUuid();
  try {
    storage.setItem(PROFILE_ID_STORAGE_KEY, id);
  } catch {
    // See above.
  }
  return id;
}

/**
 * `crypto.randomUUID` exists only in secure contexts; a host reached as http://10.x.x.x is not
 * one, so build a v4 UUID from `getRandomValues`, which is always there.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
