/**
 * The composition root of the client's main-process services: the one place that wires them
 * together. Electron (main/index.ts) and the browser host (main/host) both build on it, so the
 * renderer meets the same services in either shell.
 */
import { fileURLToPath } from 'node:url';
import { IpcRouter } from './ipc/IpcRouter';
import { AgendaManagementService } from './services/AgendaManagementService';
import { AnnotationExportService } from './services/AnnotationExportService';
import { AnnotationsService } from './services/AnnotationsService';
import { DocumentCacheService } from './services/DocumentCacheService';
import { DocumentSealer } from './services/DocumentSealer';
import { DocumentSearchService } from './services/DocumentSearchService';
import { MeetingsService } from './services/MeetingsService';
import { RoomService } from './services/RoomService';
import { ScreenSourcePicker } from './services/ScreenSourcePicker';
import type { SecretStore } from './services/secrets';
import { SessionService } from './services/SessionService';
import { ServerCallService } from './services/ServerCallService';
import { AuditExportService } from './services/AuditExportService';
import { UsageExportService } from './services/UsageExportService';
import { PlanningPdfService } from './services/PlanningPdfService';
import { DirectoryImportService } from './services/DirectoryImportService';
import { TaskExportService } from './services/TaskExportService';
import { TaskReminderService } from './services/TaskReminderService';
import { TasksService } from './services/TasksService';
import type { ReminderNotice } from '../common/ipc/contract';
import type { DeepLink } from '../common/ipc/deepLink';
import { openLocalStore } from './store/db';
import { DocumentCacheRepository } from './store/repos/DocumentCacheRepository';
import { MeetingCacheRepository } from './store/repos/MeetingCacheRepository';
import { ReminderLogRepository } from './store/repos/ReminderLogRepository';
import { SettingsRepository } from './store/repos/SettingsRepository';
import { TaskReplicaRepository } from './store/repos/TaskReplicaRepository';
import { AnnotationReplicaRepository } from './store/repos/AnnotationReplicaRepository';

export interface MainServicesOptions {
  /** Per-user directory for the local SQLite store. */
  dataDir: string;
  secrets: SecretStore;
  defaultServerUrl: string;
  shell: 'electron' | 'browser';
  version: string;
  onError?: (channel: string, error: unknown) => void;
  /**
   * Download the documents of upcoming and in-progress meetings in the background at start and
   * after each sign-in (the desktop app); off by default so tests decide when the network is used.
   */
  prefetchDocumentsAhead?: boolean;
  /**
   * Noto fonts for PDF exports. Default: the checkout's resources/fonts, right when running from
   * source (browser host, tests); the bundled desktop app passes its packaged copy.
   */
  fontsDir?: string;
  /**
   * How every request to the server is made (default: global fetch). The desktop app passes its
   * pinning fetch (main/electron/tlsPinning.ts: the configured certificate only, no plain HTTP on
   * the network); the browser host's test mode one that cuts a profile off the server (see
   * BrowserHost `testNetworkControl`).
   */
  fetch?: typeof fetch;
  /**
   * Shows a task reminder as a desktop notification (Electron's `Notification`); false when it
   * cannot, and then the renderer shows it in the window (`tasks.reminder`). The browser host
   * passes none: its renderer shows every reminder, as a toast and, where the user allowed it, a
   * Web Notification.
   */
  notify?: (notice: ReminderNotice) => boolean;
  /**
   * The meeting link the desktop app was handed and the renderer has not shown, once (Electron's
   * DeepLinkInbox); the browser host has none.
   */
  takeDeepLink?: () => DeepLink | null;
}

export interface MainServices {
  router: IpcRouter;
  session: SessionService;
  tasks: TasksService;
  annotations: AnnotationsService;
  /** Which screen or window getDisplayMedia shares (Electron's handler; the host's test route). */
  screenSources: ScreenSourcePicker;
  close(): void;
}

export function createMainServices(options: MainServicesOptions): MainServices {
  const db = openLocalStore(options.dataDir);
  const session = new SessionService(
    new SettingsRepository(db),
    options.secrets,
    options.defaultServerUrl,
    { fetch: options.fetch },
  );
  const meetingCache = new MeetingCacheRepository(db);
  const meetings = new MeetingsService(session, meetingCache);
  const documents = new DocumentCacheService(
    session,
    meetingCache,
    new DocumentCacheRepository(db),
    { dataDir: options.dataDir, sealer: new DocumentSealer(options.secrets) },
  );
  const agendaManagement = new AgendaManagementService(session, documents);
  const search = new DocumentSearchService(session);
  const rooms = new RoomService(session);
  const serverCalls = new ServerCallService(session);
  const planningPdfs = new PlanningPdfService(session);
  const auditExport = new AuditExportService(session);
  const usageExport = new UsageExportService(session);
  const directoryImport = new DirectoryImportService();
  const tasks = new TasksService(session, new TaskReplicaRepository(db), {
    meetingRoles: (scope) => meetings.cachedMeetingRoles(scope.serverUrl, scope.userId),
  });
  // In-app reminders go to a renderer that said it listens (`tasks.checkReminders`) and is still
  // connected; otherwise they wait for the next check rather than being logged as shown.
  let rendererListens = false;
  const showInApp = (notice: ReminderNotice): boolean => {
    if (!rendererListens || router.listenerCount('event') === 0) return false;
    router.publish('tasks.reminder', notice);
    return true;
  };
  const reminders = new TaskReminderService({
    session,
    tasks,
    log: new ReminderLogRepository(db),
    notify: (notice) => options.notify?.(notice) || showInApp(notice),
  });
  const fontsDir =
    options.fontsDir ?? fileURLToPath(new URL('../resources/fonts', import.meta.url));
  const taskExport = new TaskExportService(() => tasks.list().tasks, { fontsDir });
  const annotations = new AnnotationsService(session, new AnnotationReplicaRepository(db), {
    meetingRole: (meetingId) => meetings.meetingRole(meetingId),
  });
  const annotationExport = new AnnotationExportService(documents, annotations, { fontsDir });
  // NOTE: nobody to ask when no renderer is connected (browser host): answer "no source" at once.
  const screenSources = new ScreenSourcePicker({
    isRendererListening: () => router.listenerCount('event') > 0,
  });
  const router = new IpcRouter(
    {
      'app.info': async () => ({ version: options.version, shell: options.shell }),
      'app.pendingDeepLink': async () => ({ link: options.takeDeepLink?.() ?? null }),
      'session.get': async () => session.state(),
      'session.login': async ({ serverUrl, username, password }) =>
        session.login(serverUrl, username, password),
      'session.logout': async () => session.logout(),
      'session.changePassword': async ({ currentPassword, newPassword }) =>
        session.changePassword(currentPassword, newPassword),
      'meetings.list': async () => meetings.list(),
      'meetings.get': async ({ id }) => meetings.get(id),
      'room.joinTicket': async ({ meetingId }) => rooms.joinTicket(meetingId),
      'documents.agenda': async ({ meetingId }) => documents.agenda(meetingId),
      'documents.read': async ({ meetingId, documentId, version }) =>
        documents.read(meetingId, documentId, version),
      'documents.search': async ({ meetingId, query }) => search.search(meetingId, query),
      'documents.prefetch': async ({ meetingId }) => {
        const { total, cached } = await documents.prefetch(meetingId);
        return { total, cached };
      },
      'documents.upload': async (request) => agendaManagement.upload(request),
      'documents.setCurrentItem': async ({ meetingId, itemId }) =>
        agendaManagement.setCurrentItem(meetingId, itemId),
      'tasks.list': async () => tasks.list(),
      'tasks.mutate': async ({ mutation }) => tasks.mutate(mutation),
      'tasks.syncNow': async () => tasks.syncNow(),
      'tasks.rejections': async () => tasks.rejections(),
      'tasks.export': async (request) => taskExport.export(request),
      'tasks.stageAttachment': async ({ name, bytes }) => tasks.stageAttachment(name, bytes),
      'tasks.readAttachment': async ({ taskId, reportId, attachmentId }) =>
        tasks.readAttachment(taskId, reportId, attachmentId),
      'tasks.checkReminders': async () => {
        rendererListens = true;
        return { notified: reminders.check() };
      },
      'annotations.list': async ({ meetingId, documentId }) =>
        annotations.list(meetingId, documentId),
      'annotations.mutate': async ({ mutation }) => annotations.mutate(mutation),
      'annotations.syncNow': async () => annotations.syncNow(),
      'annotations.dismissRejections': async ({ mutationIds }) =>
        annotations.dismissRejections(mutationIds),
      'annotations.export': async (request) => annotationExport.export(request),
      'screenShare.select': async ({ requestId, sourceId }) => {
        screenSources.select(requestId, sourceId);
        return {};
      },
      'server.call': async (request) => serverCalls.call(request),
      'directory.readSpreadsheet': async ({ fileName, bytes }) =>
        directoryImport.readSpreadsheet(fileName, bytes),
      'planning.pdf': async (request) => planningPdfs.pdf(request),
      'audit.export': async (filter) => auditExport.export(filter),
      'usage.export': async (query) => usageExport.export(query),
    },
    options.onError,
  );
  session.on('changed', (state) => router.publish('session.changed', state));
  documents.on('progress', (progress) => router.publish('documents.progress', progress));
  agendaManagement.on('uploadProgress', (progress) =>
    router.publish('documents.uploadProgress', progress),
  );
  tasks.on('tasksChanged', (taskIds) => router.publish('tasks.changed', { taskIds }));
  tasks.on('syncChanged', (state) => router.publish('sync.changed', state));
  annotations.on('documentsChanged', (documents) =>
    router.publish('annotations.changed', { documents }),
  );
  annotations.on('syncChanged', (state) => router.publish('annotations.sync', state));
  screenSources.on('pick', (request) => router.publish('screenShare.pick', request));
  screenSources.on('pickEnded', (requestId) =>
    router.publish('screenShare.pickEnded', { requestId }),
  );
  if (options.prefetchDocumentsAhead) {
    // Failures (offline, signed out) wait for the next start or sign-in.
    const ahead = () => void documents.prefetchAhead().catch(() => undefined);
    session.on('changed', (state) => {
      if (state.status === 'signed_in') ahead();
    });
    if (session.state().status === 'signed_in') ahead();
  }
  reminders.start();
  return {
    router,
    session,
    tasks,
    annotations,
    screenSources,
    close: () => {
      screenSources.close();
      reminders.close();
      tasks.close();
      annotations.close();
      // NOTE: downloads stop before the store closes, so none writes to a closed database.
      documents.close();
      db.close();
    },
  };
}
