/**
 * kill -9 of the client between its local commit and the server's acknowledgement loses nothing
 * and doubles nothing: once before the push reaches the server, once after the server applied it
 * but before the answer arrived. A proxy between client and server decides the moment.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../common/protocol/ApiClient';
import { SYNC_PROTOCOL_VERSION } from '../../common/protocol/sync';
import type { User } from '../../common/domain/user';
import type { Server } from '../../sfu-server/src/Server';
import { killClientAtPush, runClientProcess } from '../helpers/crashProxy';
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

function runChild(prefix: string, dataDir: string, serverUrl: string, count: number) {
  return runClientProcess('tests/helpers/taskSyncChild.ts', {
    DATA_DIR: dataDir,
    SERVER_URL: serverUrl,
    TOKEN: token,
    USER_JSON: JSON.stringify(user),
    COUNT: String(count),
    TASK_ID,
    REPORT_PREFIX: prefix,
  });
}

/** The task's reports on the server, as the lead agency's people read them. */
async function serverReportsInFull(): Promise<{ id: string; text: string; percent: number }[]> {
  const api = new ApiClient({ baseUrl: url, token });
  const { tasks } = await api.call(
    'syncPull',
    {},
    { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: 0 },
  );
  return tasks
    .find((t) => t.id === TASK_ID)!
    .reports.map((r) => ({ id: r.id, text: r.text, percent: r.percent }));
}

async function serverReports(): Promise<string[]> {
  return (await serverReportsInFull()).map((r) => r.id);
}

describe.each([
  { when: 'before the push reaches the server', forward: false },
  { when: 'after the server applied the push, before its answer arrives', forward: true },
])('kill -9 of the client $when', ({ forward }) => {
  it(`loses none of ${COUNT} committed reports and applies none twice`, async () => {
    const dataDir = tempDir(`crash-${forward ? 'after' : 'before'}`);
    const reportIdsBefore = await serverReports();
    const prefix = `crash-${forward ? 'after' : 'before'}`;
    const first = await killClientAtPush({
      serverUrl: url,
      pushPath: '/api/sync/push',
      forward,
      start: (proxyUrl) => runChild(prefix, dataDir, proxyUrl, COUNT),
    });
    expect(first.lines).toContain(`committed ${COUNT}`);
    expect(first.exitCode).toBeNull(); // killed, not exited
    const applied = (await serverReports()).filter((id) => !reportIdsBefore.includes(id));
    expect(applied).toHaveLength(forward ? COUNT : 0);

    // The app starts again on the same store and syncs straight to the server.
    const second = runChild(prefix, dataDir, url, 0);
    expect(await second.exited).toBe(0);
    expect(second.lines).toEqual([`committed ${COUNT}`, 'synced 0']);
    // Each report once, with what was typed offline.
    const mine = (await serverReportsInFull()).filter((r) => r.id.startsWith(`${prefix}-`));
    expect(mine.sort((a, b) => a.percent - b.percent)).toEqual(
      Array.from({ length: COUNT }, (_, i) => ({
        id: `${prefix}-${i + 1}`,
        text: `Báo cáo ${i + 1}`,
        percent: i + 1,
      })),
    );
  }, 60_000);
});
