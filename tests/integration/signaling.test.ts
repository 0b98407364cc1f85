import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signalingCloseCodes } from '../../common/protocol/signaling';
import type { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer } from '../helpers/testServer';

let server: Server;
let url: string;
const MEETING = 'hd-bcd-cds-2022-09-27';

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
});
afterAll(async () => {
  await server.close();
});

async function ticketFor(username: string): Promise<{ ticket: string; signalingUrl: string }> {
  const token = await login(url, username);
  const res = await fetch(`${url}/api/meetings/${MEETING}/join-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
  return res.json();
}

function open(
  signalingUrl: string,
  ticket: string,
  v = 1,
): Promise<{ ws: WebSocket; messages: any[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${signalingUrl}?ticket=${encodeURIComponent(ticket)}&v=${v}`);
  const messages: any[] = [];
  ws.on('message', (raw) => messages.push(JSON.parse(String(raw))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('error', reject);
  });
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('signaling socket', () => {
  it('a used ticket cannot open a second socket (closed with 4401)', async () => {
    const { ticket, signalingUrl } = await ticketFor('sotttt');
    const first = await open(signalingUrl, ticket);
    const second = await open(signalingUrl, ticket);
    expect(await second.closed).toBe(signalingCloseCodes.unauthorized);
    first.ws.close();
  });

  it('a client speaking another protocol version is closed with 4400 and a reason', async () => {
    const { ticket, signalingUrl } = await ticketFor('sotttt');
    const client = await open(signalingUrl, ticket, 99);
    expect(await client.closed).toBe(signalingCloseCodes.incompatible);
  });

  it('a user not invited to the meeting gets no ticket (403)', async () => {
    const admin = await login(url, 'admin');
    const res = await fetch(`${url}/api/meetings/${MEETING}/join-ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('malformed messages get error responses; the socket, the server and other peers carry on', async () => {
    const a = await ticketFor('sotttt');
    const b = await ticketFor('camgiang');
    const bad = await open(a.signalingUrl, a.ticket);
    const good = await open(b.signalingUrl, b.ticket);
    const garbage = [
      'not json',
      '{"type":"request"}',
      JSON.stringify({ type: 'request', id: 1, method: 'noSuchMethod', data: {} }),
      JSON.stringify({ type: 'request', id: 2, method: 'produce', data: { transportId: 'x' } }),
      JSON.stringify({
        type: 'request',
        id: 3,
        method: 'connectWebRtcTransport',
        data: { transportId: 'someone-elses', dtlsParameters: {} },
      }),
      JSON.stringify({
        type: 'request',
        id: 4,
        method: 'join',
        data: { rtpCapabilities: { codecs: 'nonsense' } },
      }),
      JSON.stringify({
        type: 'request',
        id: 5,
        method: 'createWebRtcTransport',
        data: { direction: 'send' },
      }),
    ];
    for (const g of garbage) bad.ws.send(g);
    await until(() => bad.messages.filter((m) => m.type === 'response').length >= 5);
    const byId = new Map(bad.messages.filter((m) => m.type === 'response').map((m) => [m.id, m]));
    expect(byId.get(1).error.code).toBe('invalid');
    expect(byId.get(2).error.code).toBe('invalid');
    expect(byId.get(3).error.code).toBe('not_found');
    expect(
      bad.messages.filter((m) => m.type === 'notification' && m.method === 'error').length,
    ).toBe(2);

    good.ws.send(
      JSON.stringify({ type: 'request', id: 7, method: 'getRouterRtpCapabilities', data: {} }),
    );
    await until(() => good.messages.some((m) => m.id === 7));
    expect(
      good.messages.find((m) => m.id === 7).data.routerRtpCapabilities.codecs.length,
    ).toBeGreaterThan(0);
    expect((await getJson(`${url}/api/health`)).status).toBe(200);
    bad.ws.close();
    good.ws.close();
  });

  it('a flood of messages is rate-limited without closing the socket or the server', async () => {
    const { ticket, signalingUrl } = await ticketFor('gialoc');
    const client = await open(signalingUrl, ticket);
    for (let i = 0; i < 1500; i++) {
      client.ws.send(
        JSON.stringify({
          type: 'request',
          id: 1000 + i,
          method: 'getRouterRtpCapabilities',
          data: {},
        }),
      );
    }
    await until(() => client.messages.some((m) => m.method === 'rateLimited'));
    const answered = client.messages.filter((m) => m.type === 'response').length;
    expect(answered).toBeLessThan(1500);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect((await getJson(`${url}/api/health`)).status).toBe(200);
    client.ws.close();
  });

  it('setMicrophones from a delegate is refused with forbidden; the chair may call it', async () => {
    const delegate = await ticketFor('kinhmon');
    const chair = await ticketFor('chutri');
    const d = await open(delegate.signalingUrl, delegate.ticket);
    const c = await open(chair.signalingUrl, chair.ticket);
    const join = (ws: WebSocket, id: number) =>
      ws.send(
        JSON.stringify({ type: 'request', id, method: 'join', data: { rtpCapabilities: {} } }),
      );
    join(d.ws, 1);
    await until(() => d.messages.some((m) => m.id === 1));
    join(c.ws, 1);
    await until(
      () => c.messages.some((m) => m.id === 1) && d.messages.some((m) => m.method === 'peerJoined'),
    );
    const request = {
      type: 'request',
      id: 2,
      method: 'setMicrophones',
      data: { target: { kind: 'site', siteId: 'x' }, muted: true },
    };
    d.ws.send(JSON.stringify(request));
    c.ws.send(JSON.stringify(request));
    await until(() => d.messages.some((m) => m.id === 2) && c.messages.some((m) => m.id === 2));
    expect(d.messages.find((m) => m.id === 2).error.code).toBe('forbidden');
    expect(c.messages.find((m) => m.id === 2)).toMatchObject({ ok: true, data: { changed: 0 } });
    // The chair's join told the delegate a peer arrived, naming the person and the site.
    expect(d.messages.find((m) => m.method === 'peerJoined').data.peer).toMatchObject({
      displayName: 'Nguyễn Minh Hùng',
      meetingRole: 'chair',
    });
    d.ws.close();
    c.ws.close();
  });

  it('restartIce gives a transport new ICE credentials, and getTransportStats reports its state', async () => {
    const { ticket, signalingUrl } = await ticketFor('sogddt');
    const client = await open(signalingUrl, ticket);
    const send = (id: number, method: string, data: unknown) =>
      client.ws.send(JSON.stringify({ type: 'request', id, method, data }));
    const answer = async (id: number) => {
      await until(() => client.messages.some((m) => m.id === id));
      return client.messages.find((m) => m.id === id);
    };
    send(1, 'createWebRtcTransport', { direction: 'recv' });
    const transport = (await answer(1)).data;
    send(2, 'restartIce', { transportId: transport.id });
    const restarted = await answer(2);
    expect(restarted.ok).toBe(true);
    expect(restarted.data.iceParameters.usernameFragment).not.toBe(
      transport.iceParameters.usernameFragment,
    );
    send(3, 'getTransportStats', { transportId: transport.id });
    expect((await answer(3)).data).toMatchObject({
      iceState: 'new',
      dtlsState: 'new',
      bytesReceived: 0,
    });
    send(4, 'restartIce', { transportId: 'not-mine' });
    expect((await answer(4)).error.code).toBe('not_found');
    client.ws.close();
  });

  it('a person the chair muted comes back muted after a reconnect, and cannot unmute themselves', async () => {
    const since = Number(
      (
        await server.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id ?? 0,
    );
    /** A socket that joined, with a send transport; `call` answers one request. */
    const enter = async (username: string) => {
      const { ticket, signalingUrl } = await ticketFor(username);
      const conn = await open(signalingUrl, ticket);
      let nextId = 1;
      const call = async (method: string, data: unknown) => {
        const id = nextId++;
        conn.ws.send(JSON.stringify({ type: 'request', id, method, data }));
        await until(() => conn.messages.some((m) => m.id === id));
        return conn.messages.find((m) => m.id === id);
      };
      const { peerId } = (await call('join', { rtpCapabilities: {} })).data;
      const transport = (await call('createWebRtcTransport', { direction: 'send' })).data;
      const produceMic = async () =>
        (
          await call('produce', {
            transportId: transport.id,
            kind: 'audio',
            source: 'mic',
            rtpParameters: {
              codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
              encodings: [{ ssrc: 2000 + nextId }],
            },
          })
        ).data.producerId as string;
      return { ...conn, call, peerId: peerId as string, produceMic };
    };
    const chair = await enter('chutri');
    const first = await enter('camgiang');
    await first.produceMic();
    const muted = await chair.call('setMicrophones', {
      target: { kind: 'peer', peerId: first.peerId },
      muted: true,
    });
    expect(muted.data).toEqual({ changed: 1 });

    // The link drops; the same person joins again and sends a new microphone.
    first.ws.close();
    await first.closed;
    const again = await enter('camgiang');
    const mic = await again.produceMic();
    await until(() => again.messages.some((m) => m.method === 'producerPaused'));
    expect(again.messages.find((m) => m.method === 'producerPaused').data).toEqual({
      peerId: again.peerId,
      producerId: mic,
      byChair: true,
    });
    await until(() => chair.messages.some((m) => m.data?.producer?.producerId === mic));
    expect(
      chair.messages.find((m) => m.data?.producer?.producerId === mic).data.producer,
    ).toMatchObject({
      paused: true,
      mutedByChair: true,
    });
    expect((await again.call('resumeProducer', { producerId: mic })).error.code).toBe('forbidden');

    // Once the chair unmutes them, the next visit is not muted any more.
    const unmuted = await chair.call('setMicrophones', {
      target: { kind: 'peer', peerId: again.peerId },
      muted: false,
    });
    expect(unmuted.data).toEqual({ changed: 1 });
    again.ws.close();
    await again.closed;
    const third = await enter('camgiang');
    await third.produceMic();
    await new Promise((r) => setTimeout(r, 200));
    expect(third.messages.some((m) => m.method === 'producerPaused')).toBe(false);
    third.ws.close();
    chair.ws.close();

    // The room's record: Cẩm Giàng's three visits and the chair's two microphone commands.
    for (let i = 0; i < 100 && (await roomAudit('camgiang', 'room.leave', since)).length < 3; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await roomAudit('camgiang', 'room.leave', since)).toHaveLength(3);
    expect(await roomAudit('camgiang', 'room.join', since)).toHaveLength(3);
    const commands = await roomAudit('chutri', 'microphones.set', since);
    expect(commands.map((c) => JSON.parse(c.details_json!).muted)).toEqual([true, false]);
    expect(commands.every((c) => c.subject === MEETING)).toBe(true);
  });
});

const roomAudit = (userId: string, action: string, afterId: number) =>
  server.database.db
    .selectFrom('audit_log')
    .select(['subject', 'details_json'])
    .where('user_id', '=', userId)
    .where('action', '=', action)
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
