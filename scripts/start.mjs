// `npm start`: the server (with `--demo`, seeded with the demo province on first run: `npm run
// demo` passes it; without, an empty data directory starts with no account) and the client — the
// Electron app when an Electron binary is installed, otherwise the renderer in browser mode.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary } from './electron.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const port = process.env.PHONGHOP_PORT ?? '8443';
const host = process.env.PHONGHOP_HOST ?? '127.0.0.1';
const serverUrl =
  process.env.PHONGHOP_SERVER_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const children = [];

function startChild(cmd, args, env = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${path.basename(cmd)} ${args[0] ?? ''} exited with ${code}; stopping.`);
      stop(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitForHealth(url, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not become healthy at ${url}`);
}

console.log('Building the renderer…');
if (
  spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
    .status !== 0
)
  process.exit(1);

startChild(bin('tsx'), [
  'sfu-server/src/index.ts',
  ...(process.argv.includes('--demo') ? ['--demo'] : []),
]);
await waitForHealth(serverUrl);

const electron = electronBinary();
if (electron) {
  if (
    spawnSync(process.execPath, ['scripts/build-main.mjs'], { cwd: root, stdio: 'inherit' })
      .status !== 0
  )
    stop(1);
  startChild(electron, ['.'], { PHONGHOP_SERVER_URL: serverUrl });
} else {
  console.log(
    'Electron is not installed on this machine: starting the client in browser mode instead.',
  );
  startChild(bin('tsx'), ['main/host/index.ts', '--server', serverUrl]);
}
