/**
 * A province's own accounts (issue #15 §1): an empty server has none, the first administrator is
 * made on the server machine, sign-in locks out after five failures (in the database, so across
 * restarts), and a sign-in that ends closes the room sockets opened with it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signalingCloseCodes } from '../../common/protocol/signaling';
import type { Server } from '../../sfu-server/src/Server';
import { openSignaling } from '../helpers/signalingPeer';
import { DEMO_PASSWORD, getJson, login, startTestServer, tempDir } from '../helpers/testServer';

const root = path.resolve(import.meta.dirname, '../..');
const MEETING = 'hd-bcd-cds-2022-09-27';
const GOOD_PASSWORD = 'Tỉnh-đoàn 2026 họp!';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const started = await startTestServer({ workers: 1, ...overrides });
  servers.push(started.server);
  return started;
}

/** `npm run --silent admin -- …` as an administrator runs it, the password on standard input. */
function adminCli(
  args: string[],
  stdin: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['sfu-server/src/cli/admin.ts', ...args],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    // NOTE: 'close', not 'exit': the output is complete only once the pipes have closed.
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const userCount = async (server: Server) =>
  Number(
    (
      await server.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a server on an empty data directory', () => {
  it('has no account: admin with the demo password is refused, and the start says how to create one', async () => {
    const { server, url } = await start({ seedDemo: false });
    expect(await userCount(server)).toBe(0);
    expect(server.info.noAccounts).toBe(true);
    expect(server.info.demoAccounts).toEqual([]);
    const res = await post(`${url}/api/auth/login`, { username: 'admin', password: DEMO_PASSWORD });
    expect(res.status).toBe(401);
  });

  it('create-admin with a weak password exits 2, names the problem and writes nothing', async () => {
    const dataDir = tempDir('admin-cli');
    for (const weak of ['short1!', 'quantri2026', '1234567890']) {
      const result = await adminCli(
        ['create-admin', '--username', 'quantri2026', '--full-name', 'Trần Văn Quản'],
        `${weak}\n`,
        { PHONGHOP_DATA: dataDir },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Mật khẩu/);
      expect(result.stdout).toBe('');
    }
    const { server } = await start({ seedDemo: false, dataDir });
    expect(await userCount(server)).toBe(0);
  });

  it('create-admin beside a running server makes an administrator who signs in', async () => {
    const { server, url, dataDir } = await start({ seedDemo: false });
    const result = await adminCli(
      ['create-admin', '--username', ' QuanTri ', '--full-name', 'Trần Văn Quản'],
      `${GOOD_PASSWORD}\n`,
      { PHONGHOP_DATA: dataDir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toContain('quantri');
    const token = await login(url, 'quantri', GOOD_PASSWORD);
    const me = await getJson(`${url}/api/me`, token);
    expect(me.body).toMatchObject({
      username: 'quantri',
      fullName: 'Trần Văn Quản',
      roles: ['admin'],
      agency: { name: 'Văn phòng UBND tỉnh' },
    });
    expect(await userCount(server)).toBe(1);
    // A second administrator with the same name is refused, and nothing more is written.
    const again = await adminCli(
      ['create-admin', '--username', 'quantri', '--full-name', 'Người khác'],
      `${GOOD_PASSWORD}\n`,
      { PHONGHOP_DATA: dataDir },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/đã có/);
    expect(await userCount(server)).toBe(1);
  });
});

describe('sign-in lock-out', () => {
  it('five failures lock the account for 15 minutes, and the lock survives a restart', async () => {
    const first = await start();
    for (let i = 0; i < 4; i++) {
      const res = await post(`${first.url}/api/auth/login`, {
        username: 'thuky',
        password: 'sai-mat-khau',
      });
      expect(res.status).toBe(401);
    }
    const fifth = await post(`${first.url}/api/auth/login`, { username: 'thuky', password: 'sai' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.details).toMatchObject({ reason: 'account_locked' });
    const lockedUntil = Date.parse(fifth.body.error.details.lockedUntil);
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    // The right password does not open a locked account.
    expect(
      (await post(`${first.url}/api/auth/login`, { username: 'thuky', password: DEMO_PASSWORD }))
        .status,
    ).toBe(429);
    // Another account is not affected.
    await login(first.url, 'chutri');
    const { dataDir } = first;
    await first.server.close();
    servers.splice(servers.indexOf(first.server), 1);
    const second = await start({ dataDir });
    const after = await post(`${second.url}/api/auth/login`, {
      username: 'thuky',
      password: DEMO_PASSWORD,
    });
    expect(after.status).toBe(429);
    expect(after.body.error.details.lockedUntil).toBe(fifth.body.error.details.lockedUntil);
  });

  it('whitespace and case variants of a username count into one counter', async () => {
    const { url } = await start();
    const variants = ['sotc', ' sotc', 'sotc  ', 'SOTC', '\tSotc '];
    const statuses: number[] = [];
    for (const username of variants)
      statuses.push(
        (await post(`${url}/api/auth/login`, { username, password: 'khong-dung-1' })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(
      (await post(`${url}/api/auth/login`, { username: 'sotc', password: DEMO_PASSWORD })).status,
    ).toBe(429);
  });

  it('a success before the fifth failure starts the count again', async () => {
    const { url } = await start();
    for (let i = 0; i < 4; i++)
      await post(`${url}/api/auth/login`, { username: 'sogddt', password: 'khong-dung-1' });
    await login(url, 'sogddt');
    for (let i = 0; i < 4; i++)
      expect(
        (await post(`${url}/api/auth/login`, { username: 'sogddt', password: 'x' })).status,
      ).toBe(401);
  });
});

describe('passwords', () => {
  it("changing one's own password signs out the other sessions and keeps this one", async () => {
    const { url } = await start();
    const here = await login(url, 'sotttt');
    const elsewhere = await login(url, 'sotttt');
    const weak = await post(
      `${url}/api/auth/password`,
      { currentPassword: DEMO_PASSWORD, newPassword: 'sotttt' },
      here,
    );
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.problems).toEqual(
      expect.arrayContaining(['too_short', 'same_as_username']),
    );
    const wrong = await post(
      `${url}/api/auth/password`,
      { currentPassword: 'nhầm', newPassword: GOOD_PASSWORD },
      here,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.reason).toBe('wrong_password');
    const ok = await post(
      `${url}/api/auth/password`,
      { currentPassword: DEMO_PASSWORD, newPassword: GOOD_PASSWORD },
      here,
    );
    expect(ok.status).toBe(200);
    expect((await getJson(`${url}/api/me`, here)).status).toBe(200);
    expect((await getJson(`${url}/api/me`, elsewhere)).status).toBe(401);
    expect(
      (await post(`${url}/api/auth/login`, { username: 'sotttt', password: DEMO_PASSWORD })).status,
    ).toBe(401);
    await login(url, 'sotttt', GOOD_PASSWORD);
  });

  it("an administrator's reset ends the user's sessions and must be changed before anything else", async () => {
    const { url } = await start();
    const admin = await login(url, 'admin');
    const before = await login(url, 'sokhdt');
    const me = (await getJson(`${url}/api/me`, before)).body;
    const refused = await post(
      `${url}/api/admin/users/${me.id}/password`,
      { newPassword: GOOD_PASSWORD },
      before,
    );
    expect(refused.status).toBe(403);
    const reset = await post(
      `${url}/api/admin/users/${me.id}/password`,
      { newPassword: 'Tạm-thời-2026' },
      admin,
    );
    expect(reset.status).toBe(200);
    expect((await getJson(`${url}/api/me`, before)).status).toBe(401);

    const signedIn = await post(`${url}/api/auth/login`, {
      username: 'sokhdt',
      password: 'Tạm-thời-2026',
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const token = signedIn.body.token as string;
    const meetings = await getJson(`${url}/api/meetings`, token);
    expect(meetings.status).toBe(403);
    expect(meetings.body.error.details).toMatchObject({ reason: 'password_change_required' });
    const changed = await post(
      `${url}/api/auth/password`,
      { currentPassword: 'Tạm-thời-2026', newPassword: GOOD_PASSWORD },
      token,
    );
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBeUndefined();
    expect((await getJson(`${url}/api/meetings`, token)).status).toBe(200);
  });
});

describe('room sockets follow their sign-in', () => {
  const closedWithin = async (
    act: (ctx: { url: string; server: Server; token: string; userId: string }) => Promise<void>,
  ) => {
    const { url, server } = await start({ sessionCheckMs: 1000 });
    const token = await login(url, 'camgiang');
    const userId = (await getJson(`${url}/api/me`, token)).body.id as string;
    const client = await openSignaling(url, token, MEETING);
    const closed = new Promise<{ code: number; at: number }>((resolve) => {
      client.onClose = (code) => resolve({ code, at: Date.now() });
    });
    // The socket works before.
    await client.request('getRouterRtpCapabilities', {});
    const started = Date.now();
    await act({ url, server, token, userId });
    const { code, at } = await closed;
    expect(code).toBe(signalingCloseCodes.unauthorized);
    expect(at - started).toBeLessThan(5000);
  };

  it("a disabled user's socket closes within 5 s", () =>
    closedWithin(async ({ server, userId }) => {
      await server.database.db
        .updateTable('users')
        .set({ disabled: 1 })
        .where('id', '=', userId)
        .execute();
    }));

  it('signing out closes the sockets opened with that sign-in within 5 s', () =>
    closedWithin(async ({ url, token }) => {
      expect((await post(`${url}/api/auth/logout`, {}, token)).status).toBe(200);
    }));

  it("a password reset closes the user's sockets within 5 s", () =>
    closedWithin(async ({ url, userId }) => {
      const admin = await login(url, 'admin');
      expect(
        (
          await post(
            `${url}/api/admin/users/${userId}/password`,
            { newPassword: 'Tạm-thời-2026' },
            admin,
          )
        ).status,
      ).toBe(200);
    }));

  it('a user removed from the meeting loses the socket within 5 s', () =>
    closedWithin(async ({ server, userId }) => {
      await server.database.db
        .deleteFrom('meeting_participants')
        .where('meeting_id', '=', MEETING)
        .where('user_id', '=', userId)
        .execute();
    }));
});
