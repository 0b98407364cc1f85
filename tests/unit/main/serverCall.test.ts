/**
 * `server.call`, the renderer's one IPC door to the REST routes of `RENDERER_ROUTES`: a route off
 * the list and a request the route's own schemas refuse never reach the network; an allowed call
 * goes with the session's token and comes back as the contract says.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_ROUTES } from '../../../common/ipc/contract';
import { apiRoutes } from '../../../common/protocol/api';
import { createMainServices, type MainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import type { Server } from '../../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../../helpers/testServer';

let server: Server;
let url: string;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ seedDemo: true, workers: 1 }));
});
afterAll(async () => {
  await server.close();
});

/** Main's services with a fetch that counts what reaches the network. */
function servicesCounting(): { services: MainServices; requests: string[] } {
  const dir = tempDir('client');
  const requests: string[] = [];
  const services = createMainServices({
    dataDir: dir,
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    defaultServerUrl: url,
    shell: 'browser',
    version: 'test',
    fetch: (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    },
  });
  return { services, requests };
}

async function signIn(services: MainServices, username: string): Promise<void> {
  const result = await services.router.handle('session.login', {
    serverUrl: url,
    username,
    password: DEMO_PASSWORD,
  });
  expect(result.ok).toBe(true);
}

describe('server.call', () => {
  it('lists only routes of the REST contract, none of them the session’s own or the sync’s', () => {
    for (const route of RENDERER_ROUTES) expect(apiRoutes[route]).toBeDefined();
    for (const kept of ['login', 'logout', 'syncPush', 'syncPull', 'joinTicket'])
      expect(RENDERER_ROUTES as readonly string[]).not.toContain(kept);
  });

  it('refuses a route not on the allowlist before any network call', async () => {
    const { services, requests } = servicesCounting();
    await signIn(services, 'admin');
    const before = requests.length;
    for (const route of ['syncPush', 'login', 'listUsers', 'no-such-route']) {
      const result = await services.router.handle('server.call', { route, params: {}, body: {} });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(requests.slice(before)).toEqual([]);
    services.close();
  });

  it('validates params, body and query with the route’s own schemas before any network call', async () => {
    const { services, requests } = servicesCounting();
    await signIn(services, 'admin');
    const before = requests.length;
    const refused = [
      // A body the contract refuses: an unknown kind, a missing name, an extra field.
      { route: 'createUnit', body: { name: 'X', shortName: null, kind: 'planet', parentId: null } },
      { route: 'createUnit', body: { shortName: null, kind: 'other', parentId: null } },
      { route: 'moveUnit', params: { id: 'hd-so-tc' }, body: { parentId: null, extra: 1 } },
      // Path parameters missing, a query out of bounds.
      { route: 'updateSite', params: {}, body: { name: 'Phòng họp' } },
      { route: 'listDirectoryUsers', params: {}, query: { limit: 100_000 } },
      // More than 2000 rows.
      {
        route: 'importDirectory',
        body: {
          parentUnitId: null,
          dryRun: true,
          rows: Array.from({ length: 2001 }, (_, i) => ({
            line: i + 2,
            fullName: 'A',
            title: '',
            unit: 'B',
            site: 'C',
            username: `u${i}`,
            email: '',
          })),
        },
      },
    ];
    for (const request of refused) {
      const result = await services.router.handle('server.call', request);
      expect(result, request.route).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(requests.slice(before)).toEqual([]);
    services.close();
  });

  it('forwards an allowed call with the session’s token and answers the validated response', async () => {
    const { services, requests } = servicesCounting();
    await signIn(services, 'admin');
    const before = requests.length;
    const result = await services.router.handle('server.call', {
      route: 'listDirectoryUsers',
      params: {},
      body: {},
      query: { q: 'nguyen minh hung' },
    });
    expect(result).toMatchObject({
      ok: true,
      value: { total: 1, users: [{ username: 'chutri', fullName: 'Nguyễn Minh Hùng' }] },
    });
    // Once, among what the background syncs (annotations, tasks) send meanwhile.
    expect(
      requests.slice(before).filter((r) => r === 'GET /api/admin/directory/users'),
    ).toHaveLength(1);
    services.close();
  });

  it('passes on the server’s refusal of a signed-in delegate (403), and refuses when signed out', async () => {
    const { services } = servicesCounting();
    expect(
      await services.router.handle('server.call', { route: 'listUnits', params: {}, body: {} }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await signIn(services, 'sotc');
    expect(
      await services.router.handle('server.call', { route: 'listUnits', params: {}, body: {} }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    services.close();
  });
});
