import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { ReminderNotice } from '../../common/ipc/contract';
import { DEEP_LINK_SCHEME, deepLinkArgument, type DeepLink } from '../../common/ipc/deepLink';
import type { Logger } from 'pino';
import type { MainServices } from '../composition';
import type { SecretStore } from '../services/secrets';
import { createMainWindow } from './createWindow';
import { decideDeepLink, DeepLinkInbox } from './deepLinks';
import { createDesktopNotifier } from './desktopNotifications';
import { bindIpcRouter } from './ipcMainBridge';
import { FileSecretStore } from '../services/FileSecretStore';
import { safeStorageCodec } from './safeStorageCodec';
import { installDisplayMediaHandler } from './displayMedia';
import type { DesktopConfig } from './desktopConfig';
import { createServerFetch } from './tlsPinning';
import { hardenSession, registerAppScheme } from './security';

export interface DesktopAppOptions {
  logger: Logger;
  /** The build's directory: `main/` (the entry and preload.cjs) and `renderer/`. */
  distDir: string;
  /** The machine's configuration (desktopConfig.ts); throws DesktopConfigError when it is wrong. */
  loadConfig(packaged: boolean): DesktopConfig;
  createServices(paths: {
    /** The server to sign in to by default (the configuration's, else the development one). */
    defaultServerUrl: string | undefined;
    /** Every request to a server (tlsPinning.ts createServerFetch: the pin, no plain HTTP). */
    fetch: typeof fetch;
    storeDir: string;
    secrets: SecretStore;
    /** Task reminders as native notifications (see MainServicesOptions.notify). */
    notify: (notice: ReminderNotice) => boolean;
    /** The meeting link waiting for the renderer, once (see MainServicesOptions.takeDeepLink). */
    takeDeepLink: () => DeepLink | null;
  }): MainServices;
}

/**
 * Electron's lifecycle: single instance, the renderer on its own origin (`app://phonghop/`), a
 * hardened session, one window wired to the services, meeting links (`phonghop://…`) from a
 * second launch or the OS routed to it. Called while the entry loads: the scheme must be
 * registered, and macOS's `open-url` listened to, before the app is ready.
 */
export function startDesktopApp(options: DesktopAppOptions): void {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    // NOTE: the running instance receives this launch's arguments (its link) in second-instance.
    app.quit();
    return;
  }
  // Windows shows notifications only for an app with this id (the installer registers it).
  app.setAppUserModelId('vn.gov.phonghop.desktop');
  // A development run must not claim the scheme for the bare Electron binary; the installer
  // registers it for the installed app, and this keeps it pointing at the current install.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  const shell: { window?: BrowserWindow } = {};
  const bringForward = () => {
    const { window } = shell;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  // Links that arrive before the window and the services exist (a cold start by a link) wait.
  const early: string[] = [];
  const coldStartLink = deepLinkArgument(process.argv);
  if (coldStartLink) early.push(coldStartLink);
  let receiveLink = (raw: string) => void early.push(raw);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    bringForward();
    receiveLink(url);
  });
  app.on('second-instance', (_event, argv) => {
    bringForward();
    const raw = deepLinkArgument(argv);
    if (raw) receiveLink(raw);
  });

  app.whenReady().then(
    () => {
      let config: DesktopConfig;
      try {
        config = options.loadConfig(app.isPackaged);
      } catch (error) {
        // A wrong configuration could leave the server unpinned: stop, saying which file and why.
        options.logger.fatal({ err: error }, 'desktop configuration refused');
        dialog.showErrorBox('Phòng Họp', (error as Error).message);
        app.exit(1);
        return;
      }
      const serverFetch = createServerFetch(config.trust);
      const userData = app.getPath('userData');
      // NOTE: the services start before the window exists; a reminder clicked later brings the
      // window forward and asks the renderer to show the task.
      const notify = createDesktopNotifier((taskId) => {
        bringForward();
        services.router.publish('tasks.open', { taskId });
      });
      const inbox = new DeepLinkInbox();
      const services = options.createServices({
        defaultServerUrl: config.serverUrl,
        fetch: serverFetch.fetch,
        storeDir: path.join(userData, 'store'),
        secrets: new FileSecretStore(path.join(userData, 'secrets.json'), safeStorageCodec),
        notify,
        takeDeepLink: () => inbox.take(),
      });
      hardenSession({
        rendererDir: path.join(options.distDir, 'renderer'),
        serverUrl: () => services.session.serverUrl,
        trust: config.trust,
        logger: options.logger,
      });
      installDisplayMediaHandler(services.screenSources);
      const window = createMainWindow(path.join(options.distDir, 'main', 'preload.cjs'));
      shell.window = window;
      bindIpcRouter(services.router, window);
      receiveLink = (raw) => {
        const decision = decideDeepLink(raw, services.session.serverUrl);
        if (decision.kind === 'refuse') {
          // Refused whole: nothing reaches the renderer.
          options.logger.warn({ reason: decision.reason }, 'meeting link refused');
          void dialog.showMessageBox(window, {
            type: 'warning',
            title: 'Phòng Họp',
            message: 'Không mở được liên kết',
            detail: decision.message,
          });
          return;
        }
        // Kept until the signed-in screen takes it; announced for one already showing.
        inbox.put(decision.link);
        services.router.publish('app.deepLink', decision.link);
      };
      for (const raw of early.splice(0)) receiveLink(raw);
      app.on('window-all-closed', () => {
        services.close();
        void serverFetch.close();
        app.quit();
      });
    },
    (error: unknown) => {
      options.logger.fatal({ err: error }, 'failed to start');
      app.exit(1);
    },
  );
}
