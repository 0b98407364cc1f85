/**
 * The server names the active speaker only when it changes (mediasoup's ActiveSpeakerObserver);
 * a site that joins afterwards learns who it is from its join answer, not at the next change.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMediaClock, SyntheticClient } from '../../bench/sfu/syntheticClient';
import type { Server } from '../../sfu-server/src/Server';
import { openSignaling, until } from '../helpers/signalingPeer';
import { login, startTestServer } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-review';
let server: Server;
let stopMediaClock: () => void;
const clients: SyntheticClient[] = [];

beforeAll(async () => {
  ({ server } = await startTestServer({ workers: 1 }));
  stopMediaClock = startMediaClock(clients);
});
afterAll(async () => {
  stopMediaClock();
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await server?.close();
});

it('a site joining after the active speaker was named is told who it is in its join answer', async () => {
  const chair = new SyntheticClient(server.url, 'chutri', { send: true });
  clients.push(chair);
  await chair.join();
  // The only microphone in the room is its dominant speaker; the room announces it once.
  await until(() => chair.notifications.some((n) => n.method === 'activeSpeaker'), 10_000);
  const announced = chair.notifications.find((n) => n.method === 'activeSpeaker')!.data;
  expect(announced).toEqual({ peerId: chair.peerId });

  const token = await login(server.url, 'gialoc');
  const late = await openSignaling(server.url, token, MEETING);
  const { routerRtpCapabilities } = await late.request('getRouterRtpCapabilities', {});
  const joined = await late.request('join', { rtpCapabilities: routerRtpCapabilities });
  expect(joined.activeSpeakerId).toBe(chair.peerId);
  late.close();
});
