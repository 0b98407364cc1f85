/** Electron entry: composes the shared services (composition.ts) and hands them to the shell. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createMainServices } from './composition';
import { desktopConfigCandidates, loadDesktopConfig } from './electron/desktopConfig';
import { startDesktopApp } from './electron/startDesktopApp';
import { findFontsDir } from './services/TaskExportService';
import { appVersion } from './version';

const logger = pino({ level: process.env.PHONGHOP_LOG_LEVEL ?? 'info' });
// Built layout: dist/main/index.cjs (package.json "main") and preload.cjs beside dist/renderer.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Electron's resources directory: electron-builder copies resources/fonts there (extraResources).
const { resourcesPath } = process as NodeJS.Process & { resourcesPath?: string };

startDesktopApp({
  logger,
  distDir,
  // The server and its certificate, as IT configured them beside the installed program.
  loadConfig: (packaged) =>
    loadDesktopConfig({
      candidates: desktopConfigCandidates({
        execPath: process.execPath,
        platform: process.platform,
      }),
      env: process.env,
      packaged,
    }),
  createServices: ({ defaultServerUrl, fetch, storeDir, secrets, notify, takeDeepLink }) =>
    createMainServices({
      dataDir: storeDir,
      secrets,
      // Every request to the server: the configured certificate only, no plain HTTP on the network.
      fetch,
      // Task reminders as native notifications, also while the window is in the background.
      notify,
      takeDeepLink,
      defaultServerUrl: defaultServerUrl ?? 'http://127.0.0.1:8443',
      shell: 'electron',
      version: appVersion,
      onError: (channel, error) => logger.error({ channel, err: error }, 'ipc handler failed'),
      // Delegates on weak district links find the next meetings' documents already on disk.
      prefetchDocumentsAhead: true,
      // Task exports (PDF): the packaged fonts, or the checkout's when run from dist/.
      fontsDir: findFontsDir([
        resourcesPath && path.join(resourcesPath, 'fonts'),
        path.join(distDir, '..', 'resources', 'fonts'),
      ]),
    }),
});
