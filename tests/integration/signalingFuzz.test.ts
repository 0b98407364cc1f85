/**
 * The signaling contract fuzzed: a joined delegate's socket sends hundreds of generated messages
 * (garbage text, arbitrary JSON, envelopes of every method with generated data and the ids of
 * other peers' transports, producers and consumers) while two other peers exchange real RTP.
 * Every request gets one answer that blames the client, the server stays up, and the others keep
 * their media. The seed is printed on failure; PHONGHOP_FUZZ_SEED replays one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { isErrorCode } from '../../common/errors';
import {
  MAX_SIGNALING_MESSAGE_BYTES,
  SIGNALING_PROTOCOL_VERSION,
  signalingRequests,
} from '../../common/protocol/signaling';
import { startMediaClock, SyntheticClient } from '../../bench/sfu/syntheticClient';
import type { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer } from '../helpers/testServer';
import { until } from '../helpers/signalingPeer';

const MEETING = 'hd-bcd-cds-review';
const MESSAGES = 400; // under the rate limit's burst (600), so every one is handled
const SEED = Number(process.env.PHONGHOP_FUZZ_SEED ?? Date.now() % 2 ** 31);

let server: Server;
let url: string;
let stopMediaClock: () => void;
let sender: SyntheticClient;
let receiver: SyntheticClient;

interface RawPeer {
  ws: WebSocket;
  messages: any[];
  closed: Promise<number>;
}

async function openAs(username: string): Promise<RawPeer> {
  const token = await login(url, username);
  const res = await fetch(`${url}/api/meetings/${MEETING}/join-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const { ticket, signalingUrl } = (await res.json()) as { ticket: string; signalingUrl: string };
  const ws = new WebSocket(
    `${signalingUrl}?ticket=${encodeURIComponent(ticket)}&v=${SIGNALING_PROTOCOL_VERSION}`,
  );
  const messages: any[] = [];
  ws.on('message', (raw) => messages.push(JSON.parse(String(raw))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, messages, closed };
}

/** A request on the raw socket, answered (ok or not). */
async function ask(peer: RawPeer, id: number, method: string, data: unknown): Promise<any> {
  peer.ws.send(JSON.stringify({ type: 'request', id, method, data }));
  await until(() => peer.messages.some((m) => m.type === 'response' && m.id === id));
  return peer.messages.find((m) => m.type === 'response' && m.id === id);
}

function packets(client: SyntheticClient, producerId: string): number {
  return client.snapshot().find((s) => s.producerId === producerId)?.packets ?? 0;
}

function room() {
  return server.rooms.rooms.find((r) => r.meetingId === MEETING)!;
}

/** The sender's producers still reach the receiver: more packets of each within a few seconds. */
async function mediaFlows(): Promise<void> {
  const ids = room()
    .peers.find((p) => p.id === sender.peerId)!
    .producers.map((p) => p.id);
  expect(ids).toHaveLength(2);
  const before = ids.map((id) => packets(receiver, id));
  await until(() => ids.every((id, i) => packets(receiver, id) > before[i]! + 5), 10_000);
}

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
  sender = new SyntheticClient(url, 'chutri', { send: true });
  receiver = new SyntheticClient(url, 'camgiang', { send: false });
  // The media clock runs before the joins: a join waits for RTP from every producer in the room.
  stopMediaClock = startMediaClock([sender, receiver]);
  await sender.join();
  await receiver.join();
});

afterAll(async () => {
  stopMediaClock();
  await Promise.all([sender, receiver].map((c) => c.close().catch(() => undefined)));
  await server?.close();
});

describe('signaling fuzzed with malformed messages', () => {
  it(`every request gets one answer blaming the client; the server and the other peers carry on (seed ${SEED})`, async () => {
    await mediaFlows();
    const fuzzer = await openAs('sotttt');
    const caps = await ask(fuzzer, 1, 'getRouterRtpCapabilities', {});
    const joined = await ask(fuzzer, 2, 'join', {
      rtpCapabilities: caps.data.routerRtpCapabilities,
    });
    const own = await ask(fuzzer, 3, 'createWebRtcTransport', { direction: 'recv' });
    expect(own.ok).toBe(true);

    // Ids the fuzzer may reach for: its own transport, and the other peers' objects.
    const others = room().peers.filter((p) => p.id !== joined.data.peerId);
    expect(others).toHaveLength(2);
    const transportIds = (await room().routers[0]!.router.dump()).transportIds;
    const foreignIds = [
      ...others.flatMap((p) => [
        p.id,
        ...p.producers.map((x) => x.id),
        ...p.consumers.map((x) => x.id),
      ]),
      ...transportIds.filter((id) => id !== own.data.id),
    ];
    const idPool = [own.data.id as string, ...foreignIds];
    const keys = [
      'transportId',
      'producerId',
      'consumerId',
      'peerId',
      'direction',
      'kind',
      'source',
      'rtpParameters',
      'rtpCapabilities',
      'dtlsParameters',
      'spatialLayer',
      'temporalLayer',
      'target',
      'muted',
      'paused',
      'appData',
    ];
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...idPool) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom('send', 'recv', 'audio', 'video', 'mic', 'camera', 'screen'),
      },
      { weight: 1, arbitrary: fc.constantFrom(true, false, -1, 0, 1, 2, 3, 1e308) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constantFrom('peer', 'site', 'allExcept'),
          peerId: fc.constantFrom(...idPool),
          siteId: fc.string({ maxLength: 20 }),
        }),
      },
    );
    const methods = Object.keys(signalingRequests) as (keyof typeof signalingRequests)[];
    // Most generated data has the keys the method expects, so the fuzz gets past validation
    // into the handlers, with other peers' ids and values of the wrong kind.
    const shaped = (method: keyof typeof signalingRequests) => {
      const schema = signalingRequests[method].data;
      const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
      return fc.record(Object.fromEntries(shape.map((key) => [key, value])));
    };
    const envelope = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(...methods).chain((method) =>
          fc.record({
            type: fc.constant('request'),
            method: fc.constant<string>(method),
            data: fc.oneof(
              { weight: 3, arbitrary: shaped(method) },
              {
                weight: 1,
                arbitrary: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }),
              },
              { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
            ),
          }),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('request'),
          method: fc.string({ maxLength: 70 }),
          data: fc.jsonValue({ maxDepth: 2 }),
        }),
      },
    );
    const message = fc.oneof(
      { weight: 6, arbitrary: envelope.map((e) => ({ kind: 'envelope' as const, e })) },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 300 }).map((t) => ({ kind: 'text' as const, t })),
      },
      {
        weight: 1,
        arbitrary: fc
          .jsonValue({ maxDepth: 3 })
          .map((j) => ({ kind: 'text' as const, t: JSON.stringify(j) ?? 'null' })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({
            type: fc.string({ maxLength: 10 }),
            id: fc.oneof(fc.string(), fc.double({ noInteger: true }), fc.constant(-5)),
            method: fc.jsonValue(),
          })
          .map((j) => ({ kind: 'text' as const, t: JSON.stringify(j) })),
      },
    );
    const sample = fc.sample(message, { numRuns: MESSAGES, seed: SEED });

    // What each message must produce: a response to its id, or an `error` notification.
    const start = fuzzer.messages.length;
    const expectedIds = new Map<number, number>();
    let expectedNotifications = 0;
    let nextId = 100;
    for (const m of sample) {
      let text: string;
      if (m.kind === 'envelope') {
        const id = nextId++;
        text = JSON.stringify({ ...m.e, id });
      } else {
        text = m.t;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const id = (parsed as { id?: unknown } | null | undefined)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0)
        expectedIds.set(id, (expectedIds.get(id) ?? 0) + 1);
      else expectedNotifications++;
      fuzzer.ws.send(text);
    }
    const responses = () => fuzzer.messages.slice(start).filter((m) => m.type === 'response');
    const errors = () =>
      fuzzer.messages.slice(start).filter((m) => m.type === 'notification' && m.method === 'error');
    const expectedResponses = [...expectedIds.values()].reduce((a, b) => a + b, 0);
    await until(
      () => responses().length >= expectedResponses && errors().length >= expectedNotifications,
      20_000,
    ).catch(() => undefined);
    expect(responses().length, `seed ${SEED}`).toBe(expectedResponses);
    expect(errors().length, `seed ${SEED}`).toBe(expectedNotifications);
    const answered = new Map<number, number>();
    for (const r of responses()) answered.set(r.id, (answered.get(r.id) ?? 0) + 1);
    expect(answered, `seed ${SEED}`).toEqual(expectedIds);
    // Bad input is the client's mistake: answered with a code of the contract, never "internal".
    const failures = [
      ...responses().filter((r) => !r.ok),
      ...errors().map((n) => ({ error: n.data })),
    ];
    for (const f of failures) {
      expect(isErrorCode(f.error.code), `seed ${SEED}: ${JSON.stringify(f)}`).toBe(true);
      expect(f.error.code, `seed ${SEED}: ${JSON.stringify(f)}`).not.toBe('internal');
    }
    expect(fuzzer.messages.some((m) => m.method === 'rateLimited')).toBe(false);

    // The fuzzer's socket still works, the server answers, and the other two still have media.
    expect(fuzzer.ws.readyState).toBe(WebSocket.OPEN);
    expect((await ask(fuzzer, 99, 'getRouterRtpCapabilities', {})).ok).toBe(true);
    expect((await getJson(`${url}/api/health`)).status).toBe(200);
    await mediaFlows();
    fuzzer.ws.close();
  });

  it('an oversized message is answered with too_large and the socket stays; one past the socket limit closes only that socket (1009)', async () => {
    const peer = await openAs('sokhdt');
    const padding = 'x'.repeat(MAX_SIGNALING_MESSAGE_BYTES + 1);
    peer.ws.send(
      JSON.stringify({
        type: 'request',
        id: 1,
        method: 'getRouterRtpCapabilities',
        data: { padding },
      }),
    );
    await until(() => peer.messages.some((m) => m.method === 'error'));
    expect(peer.messages.find((m) => m.method === 'error').data.code).toBe('too_large');
    expect((await ask(peer, 2, 'getRouterRtpCapabilities', {})).ok).toBe(true);

    peer.ws.send('y'.repeat(2 * MAX_SIGNALING_MESSAGE_BYTES + 1));
    expect(await peer.closed).toBe(1009);
    expect((await getJson(`${url}/api/health`)).status).toBe(200);
    await mediaFlows();
  });
});
