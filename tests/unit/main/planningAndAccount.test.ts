/**
 * Main's side of meeting planning and accounts: `planning.pdf` brings the giấy mời and the week's
 * calendar as PDF bytes for the viewer (and the server's refusal for someone not invited);
 * `session.changePassword` changes the password, clears `mustChangePassword` in the stored user
 * and announces the new session, and passes the server's refusals on.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../common/ipc/contract';
import { createMainServices, type MainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import type { Server } from '../../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../../helpers/testServer';

let server: Server;
let url: string;
const opened: MainServices[] = [];

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
});
afterAll(async () => {
  for (const services of opened) services.close();
  await server.close();
});

async function signedIn(username: string, password = DEMO_PASSWORD): Promise<MainServices> {
  const dir = tempDir('client');
  const services = createMainServices({
    dataDir: dir,
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    defaultServerUrl: url,
    shell: 'browser',
    version: 'test',
  });
  opened.push(services);
  const result = await services.router.handle('session.login', {
    serverUrl: url,
    username,
    password,
  });
  expect(result.ok).toBe(true);
  return services;
}

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) {
  const result = await promise;
  if (!result.ok) throw new Error(`IPC call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+07:00`;
};

const pdfHead = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1');

describe('planning.pdf', () => {
  it('brings an invitee the giấy mời and anyone the week’s calendar; refuses someone not invited', async () => {
    const office = await signedIn('thuky');
    const plan = await value<{ id: string }>(
      office.router.handle('server.call', {
        route: 'createMeeting',
        params: {},
        body: {
          title: 'Họp rà soát dự toán ngân sách',
          kind: 'working_meeting',
          startsAt: inDays(2, 8),
          endsAt: inDays(2, 10),
          chairUserId: 'chutri',
          secretaryUserId: 'thuky',
          preparingUnitId: null,
          hallSiteId: 'hp-hoi-truong',
          place: '',
          online: false,
          unitIds: ['hp-so-tc'],
          siteIds: [],
          persons: [],
          signer: null,
        },
      }),
    );
    await value(
      office.router.handle('server.call', {
        route: 'publishMeeting',
        params: { id: plan.id },
        body: {},
      }),
    );

    const invitee = await signedIn('sotc');
    const invitation = await value<{ fileName: string; mimeType: string; bytes: Uint8Array }>(
      invitee.router.handle('planning.pdf', { kind: 'invitation', meetingId: plan.id }),
    );
    expect(invitation.mimeType).toBe('application/pdf');
    expect(invitation.fileName).toBe('giay-moi.pdf');
    expect(pdfHead(invitation.bytes)).toBe('%PDF-');

    const week = inDays(2, 8).slice(0, 10);
    const calendar = await value<{ fileName: string; bytes: Uint8Array }>(
      invitee.router.handle('planning.pdf', { kind: 'calendar', week, unitId: 'hp-so-tc' }),
    );
    expect(calendar.fileName).toBe(`lich-hop-tuan-${week}.pdf`);
    expect(pdfHead(calendar.bytes)).toBe('%PDF-');

    const outsider = await signedIn('kinhmon');
    expect(
      await outsider.router.handle('planning.pdf', { kind: 'invitation', meetingId: plan.id }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A malformed week never reaches the server.
    expect(
      await outsider.router.handle('planning.pdf', { kind: 'calendar', week: 'tuần này' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('session.changePassword', () => {
  it('after an administrator’s reset, the change clears mustChangePassword and announces the session', async () => {
    const admin = await signedIn('admin');
    const temporary = 'Tam-thoi-2026!';
    await value(
      admin.router.handle('server.call', {
        route: 'resetUserPassword',
        params: { id: 'gialoc' },
        body: { newPassword: temporary },
      }),
    );
    const user = await signedIn('gialoc', temporary);
    const before = await value<SessionState>(user.router.handle('session.get', {}));
    expect(before).toMatchObject({ status: 'signed_in', user: { mustChangePassword: true } });
    // Everything else is refused until the password is changed.
    expect(
      await user.router.handle('server.call', { route: 'myInvitations', params: {}, body: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'password_change_required' } },
    });

    const events: SessionState[] = [];
    user.router.on('event', (name, payload) => {
      if (name === 'session.changed') events.push(payload as SessionState);
    });
    const wrong = await user.router.handle('session.changePassword', {
      currentPassword: 'khong-dung-2026',
      newPassword: 'Gia-Loc-moi-2026',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: { reason: 'wrong_password' } },
    });
    const weak = await user.router.handle('session.changePassword', {
      currentPassword: temporary,
      newPassword: 'gialoc',
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: { reason: 'weak_password' } },
    });

    const changed = await value<SessionState>(
      user.router.handle('session.changePassword', {
        currentPassword: temporary,
        newPassword: 'Gia-Loc-moi-2026',
      }),
    );
    expect(changed.status).toBe('signed_in');
    expect(changed.status === 'signed_in' && changed.user.mustChangePassword === true).toBe(false);
    expect(events.at(-1)).toEqual(changed);
    expect(await value(user.router.handle('session.get', {}))).toEqual(changed);
    expect(
      await user.router.handle('server.call', { route: 'myInvitations', params: {}, body: {} }),
    ).toMatchObject({ ok: true });
  });
});
