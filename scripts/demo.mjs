// `npm run demo` on a fresh clone: installs what is missing (npm packages, which also builds the
// mediasoup worker offline and installs its Debian packages), then starts server and client.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { nodeModulesState } from './systemNeeds.mjs';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => {
  const status = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status;
  if (status !== 0) process.exit(status ?? 1);
};

if (nodeModulesState(root) !== 'ok') {
  console.log(
    'Installing dependencies (npm ci; the first run also builds the mediasoup worker, 7–10 minutes)…',
  );
  run('npm', ['ci']);
} else {
  run(process.execPath, ['scripts/mediasoup-worker/build.mjs']);
}
run('npm', ['start', '--', '--demo']);
