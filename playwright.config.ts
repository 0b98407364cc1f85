import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './tests/helpers/chromium';

/** Ports of the e2e stack; a real server and the browser host, started fresh for each run. */
export const E2E_SERVER_PORT = Number(process.env.PHONGHOP_E2E_SERVER_PORT ?? 18443);
export const E2E_HOST_PORT = Number(process.env.PHONGHOP_E2E_HOST_PORT ?? 15174);
// Overridable so two runs (two engineers' checks on one machine) do not share a data directory.
const dataDir = process.env.PHONGHOP_E2E_DATA ?? '.cache/e2e';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/playwright',
  use: {
    baseURL: `http://127.0.0.1:${E2E_HOST_PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
    // No screenshots in the trace: with three pages encoding video they cost the CPU the media needs.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      // The suite enters rooms as the same few demo users back to back, far more often than a
      // person does: the per-user join-ticket limit is raised for it.
      command: `rm -rf ${dataDir}/server && PHONGHOP_JOIN_TICKETS_PER_MINUTE=600 node_modules/.bin/tsx sfu-server/src/index.ts --demo --port ${E2E_SERVER_PORT} --data ${dataDir}/server --workers 1 --log-level warn`,
      url: `http://127.0.0.1:${E2E_SERVER_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    // --test-network-control: lets a test cut one profile off the server (setServerReachable).
    {
      command: `rm -rf ${dataDir}/client && node_modules/.bin/tsx main/host/index.ts --port ${E2E_HOST_PORT} --server http://127.0.0.1:${E2E_SERVER_PORT} --data ${dataDir}/client --test-network-control`,
      url: `http://127.0.0.1:${E2E_HOST_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
