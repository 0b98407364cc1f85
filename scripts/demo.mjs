// `npm run demo` on a fresh clone: installs what is missing (npm packages, which also builds the
// mediasoup worker offline and installs its Debian packages), then starts server and client.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => {
  const status = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status;
  if (status !== 0) process.exit(status ?? 1);
};

const stamp = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < fs.statSync(lock).mtimeMs) {
  console.log(
    'Installing dependencies (npm ci; the first run also builds the mediasoup worker, 7–10 minutes)…',
  );
  run('npm', ['ci']);
} else {
  run(process.execPath, ['scripts/mediasoup-worker/build.mjs']);
}
run('npm', ['start']);
