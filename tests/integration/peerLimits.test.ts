/**
 * Per-connection limits of the signaling socket (issue #18), against a real server and a real
 * mediasoup worker with the demo province: at most two transports, one producer per source and
 * one consumer per producer, each refused before anything is made, also when requests race;
 * one connection per user per meeting (a newer one replaces the older, which other sites see
 * leave once); and join tickets rate-limited per user. A delegate cannot take the server's
 * ports, its consumers or the other sites' bandwidth, while the others keep joining.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignalingClient } from '../../common/protocol/SignalingClient';
import { signalingCloseCodes } from '../../common/protocol/signaling';
import type { Server } from '../../sfu-server/src/Server';
import { openSignaling, until } from '../helpers/signalingPeer';
import { login, startTestServer } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-review';

let server: Server;
let url: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
  for (const u of [
    'chutri',
    'thuky',
    'sotttt',
    'sokhdt',
    'sotc',
    'sogddt',
    'camgiang',
    'gialoc',
    'kinhmon',
  ])
    tokens[u] = await login(url, u);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const room = () => server.rooms.rooms.find((r) => r.meetingId === MEETING);
/** Every WebRTC transport of the room, as the worker has them. */
const transportCount = async () =>
  (
    await Promise.all(
      (room()?.routers ?? []).map(async (r) => (await r.router.dump()).transportIds.length),
    )
  ).reduce((a, b) => a + b, 0);
const peersOf = (userId: string) => (room()?.peers ?? []).filter((p) => p.info.userId === userId);

/** Every socket a test opened, closed after it (also when it fails). */
const opened: SignalingClient[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.close();
});
/** A signaling socket of `username`'s, not joined yet. */
async function open(
  username: string,
  onNotification?: (method: string, data: unknown) => void,
): Promise<SignalingClient> {
  const client = await openSignaling(url, tokens[username]!, MEETING, onNotification);
  opened.push(client);
  return client;
}

// Each test starts in an empty room: the sockets an earlier one closed have left it.
beforeEach(async () => {
  await until(async () => (room()?.peers.length ?? 0) === 0 && (await transportCount()) === 0);
});

/** A joined participant that records what it is told and how its socket closed. */
async function participant(username: string) {
  const told: { method: string; data: any }[] = [];
  const client = await open(username, (method, data) => told.push({ method, data }));
  const closed = new Promise<number>((resolve) => (client.onClose = (code) => resolve(code)));
  const { routerRtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
  const { peerId } = await client.request('join', { rtpCapabilities: routerRtpCapabilities });
  return { client, told, closed, peerId };
}

/** How a socket closed, or 0 if it is still open after 5 s. */
const within = (closed: Promise<number>) =>
  Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(0), 5000))]);

const refusal = (reason: string) => ({ code: 'invalid_state', details: { reason } });

let ssrc = 1000;
const mic = () => ({
  kind: 'audio' as const,
  source: 'mic' as const,
  rtpParameters: {
    codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc: ++ssrc }],
  },
});
const camera = () => ({
  kind: 'video' as const,
  source: 'camera' as const,
  rtpParameters: {
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
    encodings: [{ ssrc: ++ssrc }, { ssrc: ++ssrc }, { ssrc: ++ssrc }],
  },
});

/** Settled results of requests sent at once, as ok / the refusal's reason. */
function outcomes(results: PromiseSettledResult<unknown>[]): string[] {
  return results.map((r) =>
    r.status === 'fulfilled'
      ? 'ok'
      : String((r.reason as { details?: { reason?: string } }).details?.reason ?? r.reason),
  );
}

describe('transports', () => {
  it('a third transport is refused and nothing is made; another site keeps joining', async () => {
    const greedy = await participant('sotttt');
    for (const direction of ['send', 'recv'] as const)
      await greedy.client.request('createWebRtcTransport', { direction });
    const before = await transportCount();
    const refused = await greedy.client
      .request('createWebRtcTransport', { direction: 'recv' })
      .catch((error: unknown) => error as Error);
    expect(refused).toMatchObject(refusal('transport_limit'));
    // The message is the user's language; the key and the English beside it.
    expect((refused as Error).message).toContain('chỉ mở được 2 đường truyền');
    expect(await transportCount()).toBe(before);

    // Meanwhile another site joins and gets both of its transports.
    const other = await participant('camgiang');
    for (const direction of ['send', 'recv'] as const)
      await expect(
        other.client.request('createWebRtcTransport', { direction }),
      ).resolves.toMatchObject({ id: expect.any(String) });
    expect(await transportCount()).toBe(before + 2);
  });

  it('transports asked for at once: exactly two are made, the others refused', async () => {
    const client = await open('sokhdt');
    await client.request('getRouterRtpCapabilities', {});
    const before = await transportCount();
    const results = await Promise.allSettled(
      (['send', 'recv', 'send', 'recv'] as const).map((direction) =>
        client.request('createWebRtcTransport', { direction }),
      ),
    );
    expect(outcomes(results).sort()).toEqual(['ok', 'ok', 'transport_limit', 'transport_limit']);
    expect(await transportCount()).toBe(before + 2);
  });
});

describe('producers', () => {
  it('a second camera is refused while the first sends; once closed, a new one is taken', async () => {
    const sender = await participant('gialoc');
    const watcher = await participant('kinhmon');
    const { id: transportId } = await sender.client.request('createWebRtcTransport', {
      direction: 'send',
    });
    const { producerId: first } = await sender.client.request('produce', {
      transportId,
      ...camera(),
    });
    await expect(
      sender.client.request('produce', { transportId, ...camera() }),
    ).rejects.toMatchObject(refusal('source_taken'));
    // A camera cannot pass as a microphone either.
    await expect(
      sender.client.request('produce', { transportId, ...camera(), source: 'mic' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const own = () => peersOf('gialoc')[0]!.producers;
    expect(own().map((p) => p.id)).toEqual([first]);
    await until(() => watcher.told.some((m) => m.method === 'producerAdded'));
    await new Promise((r) => setTimeout(r, 100));
    expect(watcher.told.filter((m) => m.method === 'producerAdded')).toHaveLength(1);

    // The slot is the source's, not the visit's: a camera closed makes room for the next.
    await sender.client.request('closeProducer', { producerId: first });
    const { producerId: second } = await sender.client.request('produce', {
      transportId,
      ...camera(),
    });
    expect(own().map((p) => p.id)).toEqual([second]);
  });

  it('two microphones asked for at once: exactly one is made', async () => {
    const sender = await participant('sotc');
    const { id: transportId } = await sender.client.request('createWebRtcTransport', {
      direction: 'send',
    });
    const results = await Promise.allSettled([
      sender.client.request('produce', { transportId, ...mic() }),
      sender.client.request('produce', { transportId, ...mic() }),
    ]);
    expect(outcomes(results).sort()).toEqual(['ok', 'source_taken']);
    expect(peersOf('sotc')[0]!.producers).toHaveLength(1);
  });
});

describe('consumers', () => {
  it('consuming a stream already received is refused; at once, exactly one consumer is made', async () => {
    const sender = await participant('chutri');
    const { id: sendId } = await sender.client.request('createWebRtcTransport', {
      direction: 'send',
    });
    const { producerId } = await sender.client.request('produce', {
      transportId: sendId,
      ...mic(),
    });

    const receiver = await participant('thuky');
    const { id: transportId } = await receiver.client.request('createWebRtcTransport', {
      direction: 'recv',
    });
    const consumers = () => peersOf('thuky')[0]!.consumers;
    await receiver.client.request('consume', { transportId, producerId });
    await expect(
      receiver.client.request('consume', { transportId, producerId }),
    ).rejects.toMatchObject(refusal('already_consuming'));
    expect(consumers()).toHaveLength(1);

    const racer = await participant('camgiang');
    const { id: racerTransport } = await racer.client.request('createWebRtcTransport', {
      direction: 'recv',
    });
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        racer.client.request('consume', { transportId: racerTransport, producerId }),
      ),
    );
    expect(outcomes(results).sort()).toEqual(['already_consuming', 'already_consuming', 'ok']);
    expect(peersOf('camgiang')[0]!.consumers).toHaveLength(1);
  });
});

describe('one connection per user per meeting', () => {
  it('joining again elsewhere closes the first socket (4409); the others see the user leave once', async () => {
    const observer = await participant('chutri');
    // Another person at the same site (the city hall) is not anyone's replacement.
    const colleague = await participant('thuky');
    const first = await participant('sotttt');
    const oldPeerId = first.peerId;
    // The first window sends its microphone, which the chair's site receives.
    const { id: sendId } = await first.client.request('createWebRtcTransport', {
      direction: 'send',
    });
    const { producerId } = await first.client.request('produce', { transportId: sendId, ...mic() });
    const { id: recvId } = await observer.client.request('createWebRtcTransport', {
      direction: 'recv',
    });
    const { consumerId } = await observer.client.request('consume', {
      transportId: recvId,
      producerId,
    });

    // A second window opens its connection (the device check): nobody sees it, nothing closes.
    const second = await open('sotttt');
    await second.request('getRouterRtpCapabilities', {});
    await new Promise((r) => setTimeout(r, 200));
    expect(first.client.isOpen).toBe(true);
    expect(peersOf('sotttt').map((p) => p.id)).toEqual([oldPeerId]);

    // …and joins: the first window's socket is closed as replaced, its peer gone from the room.
    const { routerRtpCapabilities } = await second.request('getRouterRtpCapabilities', {});
    const joined = await second.request('join', { rtpCapabilities: routerRtpCapabilities });
    expect(await within(first.closed)).toBe(signalingCloseCodes.replaced);
    expect(joined.peers.map((p) => p.userId).sort()).toEqual(['chutri', 'thuky']);
    expect(peersOf('sotttt').map((p) => p.id)).toEqual([joined.peerId]);
    expect(room()!.peers).toHaveLength(3);
    expect(peersOf('thuky')).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 300));
    for (const other of [observer, colleague]) {
      const about = (method: string, peerId: string) =>
        other.told.filter(
          (m) => m.method === method && (m.data.peerId ?? m.data.peer?.peerId) === peerId,
        );
      expect(about('peerLeft', oldPeerId)).toHaveLength(1);
      expect(about('peerJoined', joined.peerId)).toHaveLength(1);
      expect(other.told.filter((m) => m.method === 'peerLeft')).toHaveLength(1);
      expect(other.client.isOpen).toBe(true);
    }
    // Its transport and microphone went with it: the chair's site stops receiving it.
    expect(await transportCount()).toBe(1);
    expect(observer.told.filter((m) => m.method === 'consumerClosed')).toEqual([
      { method: 'consumerClosed', data: { consumerId } },
    ]);
    expect(peersOf('chutri')[0]!.consumers).toHaveLength(0);

    // The record names the replacement.
    await until(async () => {
      const rows = await server.database.db
        .selectFrom('audit_log')
        .select('details_json')
        .where('user_id', '=', 'sotttt')
        .where('action', '=', 'room.leave')
        .execute();
      return rows.some((r) => JSON.parse(r.details_json!).reason === 'replaced');
    });
  });

  it('a connection that never joins is replaced by the next one of its user', async () => {
    const sockets: { client: SignalingClient; closed: Promise<number> }[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await open('sokhdt');
      const closed = new Promise<number>((resolve) => (client.onClose = (code) => resolve(code)));
      await client.request('createWebRtcTransport', { direction: 'recv' });
      sockets.push({ client, closed });
    }
    expect(await within(sockets[0]!.closed)).toBe(signalingCloseCodes.replaced);
    expect(await within(sockets[1]!.closed)).toBe(signalingCloseCodes.replaced);
    expect(sockets[2]!.client.isOpen).toBe(true);
    // The two replaced connections' transports are gone: one transport is left.
    await until(async () => (await transportCount()) === 1);
  });
});

describe('join tickets', () => {
  const ask = (username: string) =>
    fetch(`${url}/api/meetings/${MEETING}/join-ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': 'application/json' },
      body: '{}',
    });

  it('past 10 a minute, a user is refused 429 with a Vietnamese reason; others are not', async () => {
    for (let i = 0; i < 10; i++) expect((await ask('sogddt')).status).toBe(200);
    const refused = await ask('sogddt');
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as { error: any };
    expect(error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('quá nhiều lần'),
      details: { reason: 'join_ticket_rate', limit: 10, retryAfterSeconds: expect.any(Number) },
    });
    // Another sign-in of the same user does not reset it.
    tokens.sogddt = await login(url, 'sogddt');
    expect((await ask('sogddt')).status).toBe(429);
    // Another user, at another site or the same one, is unaffected.
    expect((await ask('gialoc')).status).toBe(200);
    expect((await ask('camgiang')).status).toBe(200);
  });
});
