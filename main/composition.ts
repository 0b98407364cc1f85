/**
 * The composition root of the client's main-process services: the one place that wires them
 * together. Electron (main/index.ts) and the browser host (main/host) both build on it, so the
 * renderer meets the same services in either shell.
 */
import { IpcRouter } from './ipc/IpcRouter';
import { MeetingsService } from './services/MeetingsService';
import { RoomService } from './services/RoomService';
import type { SecretStore } from './services/secrets';
import { SessionService } from './services/SessionService';
import { openLocalStore } from './store/db';
import { MeetingCacheRepository } from './store/repos/MeetingCacheRepository';
import { SettingsRepository } from './store/repos/SettingsRepository';

export interface MainServicesOptions {
  /** Per-user directory for the local SQLite store. */
  dataDir: string;
  secrets: SecretStore;
  defaultServerUrl: string;
  shell: 'electron' | 'browser';
  version: string;
  onError?: (channel: string, error: unknown) => void;
}

export interface MainServices {
  router: IpcRouter;
  session: SessionService;
  close(): void;
}

export function createMainServices(options: MainServicesOptions): MainServices {
  const db = openLocalStore(options.dataDir);
  const session = new SessionService(
    new SettingsRepository(db),
    options.secrets,
    options.defaultServerUrl,
  );
  const meetings = new MeetingsService(session, new MeetingCacheRepository(db));
  const rooms = new RoomService(session);
  const router = new IpcRouter(
    {
      'app.info': async () => ({ version: options.version, shell: options.shell }),
      'session.get': async () => session.state(),
      'session.login': async ({ serverUrl, username, password }) =>
        session.login(serverUrl, username, password),
      'session.logout': async () => session.logout(),
      'meetings.list': async () => meetings.list(),
      'meetings.get': async ({ id }) => meetings.get(id),
      'room.joinTicket': async ({ meetingId }) => rooms.joinTicket(meetingId),
    },
    options.onError,
  );
  session.on('changed', (state) => router.publish('session.changed', state));
  return {
    router,
    session,
    close: () => db.close(),
  };
}
