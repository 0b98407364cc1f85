// `npm run bench:start -- [--runs N] [--json]`: how long the server takes from process start to a
// healthy /api/health, on a fresh data directory (seeding the demo) and on an existing one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const root = path.resolve(import.meta.dirname, '..');
const runs = Number(values.runs);
const port = 18600;

async function startOnce(dataDir) {
  const started = performance.now();
  const child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    [
      'sfu-server/src/index.ts',
      '--demo',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--log-level',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return { ms: performance.now() - started, health: await res.json() };
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 60_000)
        throw new Error('server did not become healthy in 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const fresh = [];
const warm = [];
let workers = 0;
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-bench-'));
  const first = await startOnce(dir);
  fresh.push(first.ms);
  workers = first.health.mediasoup.workers;
  warm.push((await startOnce(dir)).ms);
  fs.rmSync(dir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {
  runs,
  workers,
  freshDataDirMs: { median: Math.round(median(fresh)), max: Math.round(Math.max(...fresh)) },
  existingDataDirMs: { median: Math.round(median(warm)), max: Math.round(Math.max(...warm)) },
  note: 'process spawn (tsx) to first healthy /api/health; fresh includes migrations and the demo seed with its PDFs',
};
console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
