/**
 * The PDF viewer's test page (tests/harness/pdf-viewer), built with the renderer's Vite config and
 * served by the real BrowserHost, so the e2e test and the benchmark run the production bundle,
 * pdf.js worker and CSP exactly as the app does, without a test route in the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { build } from 'vite';
import { BrowserHost } from '../../main/host/BrowserHost';
import { appVersion } from '../../main/version';

const root = path.resolve(import.meta.dirname, '..', '..');
const harnessDir = path.join(root, 'tests', 'harness', 'pdf-viewer');
export const harnessOutDir = path.join(root, '.cache', 'harness', 'pdf-viewer');

/** Newest modification time under `entry` (a file or a directory), skipping node_modules. */
function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Builds the harness unless a build newer than every input exists. Returns its directory. */
export async function buildPdfViewerHarness(options: { force?: boolean } = {}): Promise<string> {
  const built = path.join(harnessOutDir, 'index.html');
  const inputs = [
    'renderer',
    'common',
    'tests/harness/pdf-viewer',
    'vite.config.ts',
    'package-lock.json',
  ];
  const builtAt = fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const stale = inputs.some((input) => newestMtime(path.join(root, input)) > builtAt);
  if (options.force || stale) {
    await build({
      configFile: path.join(root, 'vite.config.ts'),
      root: harnessDir,
      logLevel: 'warn',
      build: {
        outDir: harnessOutDir,
        emptyOutDir: true,
        sourcemap: false,
        // BENCH_MINIFY=0 keeps function names readable in a profile.
        minify: process.env.BENCH_MINIFY !== '0',
      },
    });
  }
  return harnessOutDir;
}

/**
 * Serves the built harness with the app's CSP on a free loopback port. `serverUrl` is the server
 * the page may reach (the CSP's connect-src); the viewer alone needs none.
 */
export async function startPdfViewerHost(
  rendererDir: string,
  serverUrl = 'http://127.0.0.1:9',
): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-pdf-harness-'));
  const host = await BrowserHost.start({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    dataDir,
    serverUrl,
    version: appVersion,
    logger: pino({ level: 'silent' }),
  });
  return {
    url: host.url,
    close: async () => {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
