import path from 'node:path';
import { app } from 'electron';
import type { Logger } from 'pino';
import type { MainServices } from '../composition';
import type { SecretStore } from '../services/secrets';
import { createMainWindow } from './createWindow';
import { bindIpcRouter } from './ipcMainBridge';
import { FileSecretStore } from '../services/FileSecretStore';
import { safeStorageCodec } from './safeStorageCodec';
import { installDisplayMediaHandler } from './displayMedia';
import { hardenSession } from './security';

export interface DesktopAppOptions {
  logger: Logger;
  /** Directory holding the built renderer and preload. */
  distDir: string;
  createServices(paths: { storeDir: string; secrets: SecretStore }): MainServices;
}

/** Electron's lifecycle: single instance, hardened session, one window wired to the services. */
export function startDesktopApp(options: DesktopAppOptions): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const appOrigin = 'file://';
  app.whenReady().then(
    () => {
      const userData = app.getPath('userData');
      const services = options.createServices({
        storeDir: path.join(userData, 'store'),
        secrets: new FileSecretStore(path.join(userData, 'secrets.json'), safeStorageCodec),
      });
      hardenSession(appOrigin, () => services.session.serverUrl);
      installDisplayMediaHandler();
      const window = createMainWindow(
        path.join(options.distDir, 'main', 'preload.cjs'),
        path.join(options.distDir, 'renderer', 'index.html'),
      );
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
