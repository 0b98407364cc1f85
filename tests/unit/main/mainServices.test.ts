import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import type { Server } from '../../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../../helpers/testServer';

let server: Server;
let url: string;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
});
afterAll(async () => {
  await server.close();
});

function services(dir = tempDir('client')): { services: MainServices; dir: string } {
  return {
    dir,
    services: createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: url,
      shell: 'browser',
      version: 'test',
    }),
  };
}

describe('main services behind the IPC router', () => {
  it('session.login with the demo chair signs in, emits session.changed, and keeps the token out of the renderer', async () => {
    const { services: s, dir } = services();
    const events: [name: string, payload: unknown][] = [];
    s.router.on('event', (name, payload) => events.push([name, payload]));
    const result = await s.router.handle('session.login', {
      serverUrl: url,
      username: 'chutri',
      password: DEMO_PASSWORD,
    });
    expect(result.ok).toBe(true);
    const state = (result as { ok: true; value: any }).value;
    expect(state).toMatchObject({ status: 'signed_in', user: { fullName: 'Nguyễn Minh Hùng' } });
    expect(JSON.stringify(state)).not.toMatch(/token/i);
    // Sign-in also starts task sync, whose state changes arrive as `sync.changed` events.
    expect(events.filter((event) => event[0] === 'session.changed')).toEqual([
      ['session.changed', state],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/token/i);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o077).toBe(0);
    s.close();
  });

  it('session.login with a wrong password returns an unauthorized error value', async () => {
    const { services: s } = services();
    const result = await s.router.handle('session.login', {
      serverUrl: url,
      username: 'chutri',
      password: 'sai',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.router.handle('session.get', {})).toMatchObject({
      ok: true,
      value: { status: 'signed_out' },
    });
    s.close();
  });

  it('a request that breaks the contract is rejected before any service runs', async () => {
    const { services: s } = services();
    expect(
      await s.router.handle('session.login', {
        serverUrl: 'ftp://x',
        username: 'a',
        password: 'b',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await s.router.handle('meetings.get', { id: 'x', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await s.router.handle('no.such.channel', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    s.close();
  });

  it('meetings.list comes from the server, and from the local cache once the server is gone; the session survives a restart', async () => {
    const own = await startTestServer({ workers: 1, dataDir: tempDir('server-own') });
    const dir = tempDir('client');
    const first = createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: own.url,
      shell: 'browser',
      version: 'test',
    });
    await first.router.handle('session.login', {
      serverUrl: own.url,
      username: 'camgiang',
      password: DEMO_PASSWORD,
    });
    const online = (await first.router.handle('meetings.list', {})) as { ok: true; value: any };
    expect(online.value.source).toBe('server');
    expect(online.value.meetings.map((m: { id: string }) => m.id)).toContain(
      'hd-bcd-cds-2022-09-27',
    );
    first.close();
    await own.server.close();

    const reopened = createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: own.url,
      shell: 'browser',
      version: 'test',
    });
    expect(await reopened.router.handle('session.get', {})).toMatchObject({
      ok: true,
      value: { status: 'signed_in' },
    });
    const offline = (await reopened.router.handle('meetings.list', {})) as { ok: true; value: any };
    expect(offline.value.source).toBe('cache');
    expect(offline.value.meetings).toEqual(online.value.meetings);
    reopened.close();
  });

  it('session.logout signs out and revokes the token on the server', async () => {
    const { services: s, dir } = services();
    await s.router.handle('session.login', {
      serverUrl: url,
      username: 'thuky',
      password: DEMO_PASSWORD,
    });
    const token = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8'))[
      'session.token'
    ];
    expect(
      (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    expect(await s.router.handle('session.logout', {})).toMatchObject({
      ok: true,
      value: { status: 'signed_out' },
    });
    expect(
      (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    s.close();
  });
});
