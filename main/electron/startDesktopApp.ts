import path from 'node:path';
import { app, type BrowserWindow } from 'electron';
import type { ReminderNotice } from '../../common/ipc/contract';
import type { Logger } from 'pino';
import type { MainServices } from '../composition';
import type { SecretStore } from '../services/secrets';
import { createMainWindow } from './createWindow';
import { createDesktopNotifier } from './desktopNotifications';
import { bindIpcRouter } from './ipcMainBridge';
import { FileSecretStore } from '../services/FileSecretStore';
import { safeStorageCodec } from './safeStorageCodec';
import { installDisplayMediaHandler } from './displayMedia';
import { hardenSession } from './security';

export interface DesktopAppOptions {
  logger: Logger;
  /** Directory holding the built renderer and preload. */
  distDir: string;
  createServices(paths: {
    storeDir: string;
    secrets: SecretStore;
    /** Task reminders as native notifications (see MainServicesOptions.notify). */
    notify: (notice: ReminderNotice) => boolean;
  }): MainServices;
}

/** Electron's lifecycle: single instance, hardened session, one window wired to the services. */
export function startDesktopApp(options: DesktopAppOptions): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const appOrigin = 'file://';
  // Windows shows notifications only for an app with this id (the installer registers it).
  app.setAppUserModelId('vn.gov.phonghop.desktop');
  app.whenReady().then(
    () => {
      const userData = app.getPath('userData');
      // NOTE: the services start before the window exists; a reminder clicked later brings the
      // window forward and asks the renderer to show the task.
      const shell: { window?: BrowserWindow } = {};
      const notify = createDesktopNotifier((taskId) => {
        const { window } = shell;
        if (window && !window.isDestroyed()) {
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        }
        services.router.publish('tasks.open', { taskId });
      });
      const services = options.createServices({
        storeDir: path.join(userData, 'store'),
        secrets: new FileSecretStore(path.join(userData, 'secrets.json'), safeStorageCodec),
        notify,
      });
      hardenSession(appOrigin, () => services.session.serverUrl);
      installDisplayMediaHandler(services.screenSources);
      const window = createMainWindow(
        path.join(options.distDir, 'main', 'preload.cjs'),
        path.join(options.distDir, 'renderer', 'index.html'),
      );
      shell.window = window;
      bindIpcRouter(services.router, window, appOrigin);
      app.on('window-all-closed', () => {
        services.close();
        app.quit();
      });
    },
    (error: unknown) => {
      options.logger.fatal({ err: error }, 'failed to start');
      app.exit(1);
    },
  );
}
