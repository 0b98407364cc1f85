import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, getJson, login, startTestServer } from '../helpers/testServer';

let server: Server;
let url: string;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ loginRateLimit: 8 }));
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('GET /api/health', () => {
  it('answers ok with one mediasoup worker per core', async () => {
    const { status, body } = await getJson(`${url}/api/health`);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      version: expect.any(String),
      mediasoup: { workers: os.availableParallelism() },
      disk: {
        freeBytes: expect.any(Number),
        totalBytes: expect.any(Number),
        minFreeBytes: 1024 * 1024 * 1024,
      },
    });
    expect(body.disk.freeBytes).toBeGreaterThan(0);
    expect(body.disk.freeBytes).toBeLessThanOrEqual(body.disk.totalBytes);
  });

  it('says degraded, still answering, when the data directory has less free space than the threshold', async () => {
    const { server: tight, url: tightUrl } = await startTestServer({
      workers: 1,
      seedDemo: false,
      minFreeDiskBytes: Number.MAX_SAFE_INTEGER,
    });
    try {
      const { status, body } = await getJson(`${tightUrl}/api/health`);
      expect(status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.disk.freeBytes).toBeLessThan(body.disk.minFreeBytes);
    } finally {
      await tight.close();
    }
  });
});

describe('POST /api/auth/login', () => {
  it('with the demo chair returns an opaque token and the user with roles, agency and site', async () => {
    const res = await post(
      '/api/auth/login',
      JSON.stringify({ username: 'chutri', password: DEMO_PASSWORD }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({
      username: 'chutri',
      fullName: 'Nguyễn Minh Hùng',
      roles: ['chair'],
    });
    expect(body.user.agency).toEqual({ id: 'hp-ubnd-tp', name: 'UBND thành phố Hải Phòng' });
    expect(body.user.site.name).toBe('Hội trường UBND thành phố');
  });

  it('with a wrong password answers 401 unauthorized and no token', async () => {
    const res = await post(
      '/api/auth/login',
      JSON.stringify({ username: 'chutri', password: 'sai-mat-khau' }),
    );
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe('unauthorized');
    expect(body.token).toBeUndefined();
  });

  it('with an unknown user answers exactly like a wrong password', async () => {
    const res = await post(
      '/api/auth/login',
      JSON.stringify({ username: 'khong-ton-tai', password: 'x' }),
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});

describe('authentication and roles', () => {
  it('every other route answers 401 without a token or with a made-up one', async () => {
    expect((await getJson(`${url}/api/meetings`)).status).toBe(401);
    expect((await getJson(`${url}/api/me`, 'x'.repeat(43))).status).toBe(401);
  });

  it('an admin-only route answers 403 to the chair and 200 to the admin', async () => {
    const chair = await login(url, 'chutri');
    const admin = await login(url, 'admin');
    const forbidden = await getJson(`${url}/api/admin/users`, chair);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    const ok = await getJson(`${url}/api/admin/users`, admin);
    expect(ok.status).toBe(200);
    expect(ok.body.users.map((u: { username: string }) => u.username)).toContain('thuky');
  });

  it('logout revokes the token: the same token then answers 401', async () => {
    const token = await login(url, 'thuky');
    expect((await getJson(`${url}/api/me`, token)).status).toBe(200);
    const res = await fetch(`${url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect((await getJson(`${url}/api/me`, token)).status).toBe(401);
  });
});

describe('meetings', () => {
  it('the chair sees the demo meeting of 27/9/2022 with its sites and agenda', async () => {
    const token = await login(url, 'chutri');
    const list = await getJson(`${url}/api/meetings`, token);
    expect(list.status).toBe(200);
    const demo = list.body.meetings.find((m: { id: string }) => m.id === 'hd-bcd-cds-2022-09-27');
    expect(demo).toMatchObject({ phase: 'past', siteCount: 4, chairName: 'Nguyễn Minh Hùng' });
    const detail = await getJson(`${url}/api/meetings/hd-bcd-cds-2022-09-27`, token);
    expect(detail.body.agenda.length).toBeGreaterThan(0);
    expect(detail.body.agenda[0].documents[0].pageCount).toBeGreaterThan(0);
    expect(detail.body.sites.filter((s: { isHost: boolean }) => s.isHost)).toHaveLength(1);
  });

  it('an unknown meeting answers 404', async () => {
    const token = await login(url, 'chutri');
    expect((await getJson(`${url}/api/meetings/khong-co`, token)).status).toBe(404);
  });
});

describe('bad input', () => {
  const sessionCount = async () => {
    const admin = await login(url, 'admin');
    return (await getJson(`${url}/api/admin/users`, admin)).body.users.length as number;
  };

  it('malformed JSON, unknown fields and wrong types answer 400 with a message', async () => {
    for (const body of [
      '{"username": "chutri", ',
      '{"username":"chutri","password":"x","admin":true}',
      '{"username":5,"password":[]}',
    ]) {
      const res = await post('/api/auth/login', body);
      expect(res.status, body).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe('invalid');
      expect(json.error.message.length).toBeGreaterThan(5);
    }
  });

  it('an oversized body answers 413 and the server keeps answering', async () => {
    const users = await sessionCount();
    const res = await post(
      '/api/auth/login',
      JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too_large');
    expect(await sessionCount()).toBe(users);
    expect((await getJson(`${url}/api/health`)).status).toBe(200);
  });

  it('an unknown route answers 404 with the shared error shape', async () => {
    const { status, body } = await getJson(`${url}/api/khong-co-dau`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('login rate limit', () => {
  it('answers 429 once a client exceeds the attempts allowed per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post(
        '/api/auth/login',
        JSON.stringify({ username: 'sotttt', password: `doan-${i}` }),
      );
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(8);
  });
});
