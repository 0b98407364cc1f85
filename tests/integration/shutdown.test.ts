import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/testServer';

const root = path.resolve(import.meta.dirname, '../..');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run server process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} closes rooms, workers and the database and exits 0`, async () => {
      const child = spawn(
        path.join(root, 'node_modules/.bin/tsx'),
        [
          'sfu-server/src/index.ts',
          '--port',
          '0',
          '--data',
          tempDir('shutdown'),
          '--workers',
          '2',
          '--no-seed',
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const workerPids: number[] = [];
      let out = '';
      const listening = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          for (const line of out.split('\n')) {
            if (line.includes('"mediasoup worker started"')) {
              const pid = (JSON.parse(line) as { pid: number[] | number; index: number }).pid;
              if (typeof pid === 'number' && !workerPids.includes(pid)) workerPids.push(pid);
            }
          }
          if (out.includes('Phòng Họp server: http://')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      await listening;
      const exit = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill(signal);
      expect(await exit).toBe(0);
      expect(out).toContain('"msg":"shut down"');
      expect(workerPids).toHaveLength(2);
      for (const pid of workerPids) expect(alive(pid)).toBe(false);
    });
  }
});
