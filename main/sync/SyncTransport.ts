import type { ApiClient } from '../../common/protocol/ApiClient';
import type {
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../common/protocol/sync';

/** How a replica reaches the server: HTTP in the app, the server's service in-process in tests. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

export function httpSyncTransport(api: () => Promise<ApiClient>): SyncTransport {
  return {
    push: async (request) => (await api()).call('syncPush', {}, request),
    pull: async (request) => (await api()).call('syncPull', {}, request),
  };
}
