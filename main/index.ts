/** Electron entry: composes the shared services (composition.ts) and hands them to the shell. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createMainServices } from './composition';
import { startDesktopApp } from './electron/startDesktopApp';
import { appVersion } from './version';

const logger = pino({ level: process.env.PHONGHOP_LOG_LEVEL ?? 'info' });

startDesktopApp({
  logger,
  // Built layout: dist/main/index.mjs beside dist/renderer.
  distDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  createServices: ({ storeDir, secrets }) =>
    createMainServices({
      dataDir: storeDir,
      secrets,
      defaultServerUrl: process.env.PHONGHOP_SERVER_URL ?? 'http://127.0.0.1:8443',
      shell: 'electron',
      version: appVersion,
      onError: (channel, error) => logger.error({ channel, err: error }, 'ipc handler failed'),
    }),
});
