/**
 * kill -9 of the client between its local commit and the server's acknowledgement loses nothing
 * and doubles nothing: once before the push reaches the server, once after the server applied it
 * but before the answer arrived. A proxy between client and server decides the moment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../common/protocol/ApiClient';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import type { User } from '../../common/domain/user';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../helpers/testServer';

const TASK_ID = 'hd-bcd-cds-2022-09-27-task-1';
const COUNT = 5;
let server: Server;
let url: string;
let token: string;
let user: User;

beforeAll(async () => {
  ({ server, url } = await startTestServer());
  const login = await new ApiClient({ baseUrl: url }).call(
    'login',
    {},
    { username: 'sotttt', password: DEMO_PASSWORD },
  );
  token = login.token;
  user = login.user;
}, 60_000);
afterAll(async () => server?.close());

/**
 * Forwards to the server, except sync pushes: `forward` false holds the request without sending
 * it on; true sends it on, waits for the server's answer, and then holds that answer back.
 */
async function startProxy(
  forward: boolean,
  onPush: () => void,
): Promise<{ url: string; close(): void }> {
  const target = new URL(url);
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isPush = req.url === '/api/sync/push';
      if (isPush && !forward) return onPush();
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (isPush) return onPush();
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          });
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () => {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}

function runChild(
  prefix: string,
  dataDir: string,
  serverUrl: string,
  count: number,
): { child: ChildProcess; lines: string[]; errors: string[]; exited: Promise<number | null> } {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['tests/helpers/taskSyncChild.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SERVER_URL: serverUrl,
        TOKEN: token,
        USER_JSON: JSON.stringify(user),
        COUNT: String(count),
        TASK_ID,
        REPORT_PREFIX: prefix,
      },
      // stderr is kept for failure messages: a killed client may print a half-finished request.
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  child.stdout!.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n')));
  const errors: string[] = [];
  child.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, errors, exited };
}

async function serverReports(): Promise<string[]> {
  const api = new ApiClient({ baseUrl: url, token });
  const { tasks } = await api.call(
    'syncPull',
    {},
    { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: 0 },
  );
  return tasks.find((t) => t.id === TASK_ID)!.reports.map((r) => r.id);
}

describe.each([
  { when: 'before the push reaches the server', forward: false },
  { when: 'after the server applied the push, before its answer arrives', forward: true },
])('kill -9 of the client $when', ({ forward }) => {
  it(`loses none of ${COUNT} committed reports and applies none twice`, async () => {
    const dataDir = tempDir(`crash-${forward ? 'after' : 'before'}`);
    const reportIdsBefore = await serverReports();
    let killedAtPush!: () => void;
    const pushSeen = new Promise<void>((resolve) => (killedAtPush = resolve));
    const proxy = await startProxy(forward, () => killedAtPush());
    const prefix = `crash-${forward ? 'after' : 'before'}`;
    const first = runChild(prefix, dataDir, proxy.url, COUNT);
    const early = first.exited.then((code) => {
      throw new Error(`The client exited (${code}) before pushing: ${first.errors.join('')}`);
    });
    await Promise.race([pushSeen, early]);
    expect(first.lines).toContain(`committed ${COUNT}`);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull(); // killed, not exited
    proxy.close();
    const applied = (await serverReports()).filter((id) => !reportIdsBefore.includes(id));
    expect(applied).toHaveLength(forward ? COUNT : 0);

    // The app starts again on the same store and syncs straight to the server.
    const second = runChild(prefix, dataDir, url, 0);
    expect(await second.exited).toBe(0);
    expect(second.lines).toEqual([`committed ${COUNT}`, 'synced 0']);
    const mine = (await serverReports()).filter((id) => id.startsWith(`${prefix}-`));
    expect(mine.sort()).toEqual(
      Array.from({ length: COUNT }, (_, i) => `${prefix}-${i + 1}`).sort(),
    );
  }, 60_000);
});
