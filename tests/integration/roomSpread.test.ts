/**
 * A room that outgrows one worker spreads over a second router on the other worker, with real
 * mediasoup workers and werift clients sending and counting real RTP. The bound is set to 10
 * consumers per worker (a room packs a worker up to 5) so a handful of clients is enough.
 *
 * The steps share one server and one room and run in order: each `it` starts where the previous
 * one left the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import { startMediaClock, SyntheticClient } from '../../bench/sfu/syntheticClient';
import { loadServerConfig } from '../../sfu-server/src/config';
import type { Server } from '../../sfu-server/src/Server';
import type { Room } from '../../sfu-server/src/rooms/Room';
import { startTestServer } from '../helpers/testServer';

const BOUND = 10;
const MEETING = 'hd-bcd-cds-review';

let server: Server;
let stopMediaClock: () => void;
const clients: SyntheticClient[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
};

async function join(username: string, send: boolean): Promise<SyntheticClient> {
  const client = new SyntheticClient(server.url, username, { send });
  clients.push(client);
  await client.join();
  return client;
}

function room(): Room {
  const found = server.rooms.rooms.find((r) => r.meetingId === MEETING);
  if (!found) throw new Error('no room');
  return found;
}
function peerOf(client: SyntheticClient) {
  const peer = room().peers.find((p) => p.id === client.peerId);
  if (!peer) throw new Error(`${client.username} is not in the room`);
  return peer;
}
function routerOf(client: SyntheticClient): ms.Router {
  const router = room().routerOf(peerOf(client));
  if (!router) throw new Error(`${client.username} has no router`);
  return router;
}
function workerPidOf(router: ms.Router): number {
  return room().routers.find((r) => r.router === router)!.workerPid;
}
function producerOf(client: SyntheticClient, kind: 'audio' | 'video'): ms.Producer {
  return peerOf(client).producers.find((p) => p.kind === kind)!;
}
/** RTP packets `receiver` has counted from `producerId`. */
function packets(receiver: SyntheticClient, producerId: string): number {
  return receiver.snapshot().find((s) => s.producerId === producerId)?.packets ?? 0;
}
/** Packets `receiver` gets from each producer over `ms`. */
async function growth(receiver: SyntheticClient, producerIds: string[], ms = 1000) {
  const before = producerIds.map((id) => packets(receiver, id));
  await sleep(ms);
  return producerIds.map((id, i) => packets(receiver, id) - before[i]!);
}
/**
 * Resolves once `receiver` got `count` more packets from each producer (50 audio packets and ~17
 * video frames are sent a second; the budget leaves room for a busy machine), or fails.
 */
async function flows(receiver: SyntheticClient, producerIds: string[], count = 10) {
  const before = producerIds.map((id) => packets(receiver, id));
  await until(() => producerIds.every((id, i) => packets(receiver, id) >= before[i]! + count));
}
/** Resolves once nothing more arrives from `producerId` for 500 ms (in-flight packets drained). */
async function settled(receiver: SyntheticClient, producerId: string) {
  let last = -1;
  await until(async () => {
    const now = packets(receiver, producerId);
    if (now === last) return true;
    last = now;
    await sleep(500);
    return false;
  });
}
/** Consumers per worker pid, counted from the peers' own consumers and their routers. */
function consumersByPidFromPeers(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const peer of room().peers) {
    const router = room().routerOf(peer);
    if (!router) continue;
    const pid = workerPidOf(router);
    byPid.set(pid, (byPid.get(pid) ?? 0) + peer.consumers.length);
  }
  return byPid;
}
async function producerIdsOn(router: ms.Router): Promise<string[]> {
  return (await router.dump()).mapProducerIdConsumerIds.map((e) => e.key);
}

describe('PHONGHOP_MAX_CONSUMERS_PER_WORKER', () => {
  it('defaults to 500; the flag overrides the environment; below 1 is refused', () => {
    expect(loadServerConfig([], {}).maxConsumersPerWorker).toBe(500);
    const env = { PHONGHOP_MAX_CONSUMERS_PER_WORKER: '40' };
    expect(loadServerConfig([], env).maxConsumersPerWorker).toBe(40);
    expect(loadServerConfig(['--max-consumers-per-worker', '7'], env).maxConsumersPerWorker).toBe(
      7,
    );
    expect(() => loadServerConfig(['--max-consumers-per-worker', '0'], {})).toThrow();
  });
});

describe('a room spread over two workers', () => {
  beforeAll(async () => {
    ({ server } = await startTestServer({ workers: 2, maxConsumersPerWorker: BOUND }));
    stopMediaClock = startMediaClock(clients);
  });

  afterAll(async () => {
    stopMediaClock();
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await server?.close();
  });

  let chair: SyntheticClient; // sends audio + video, on the first router
  let farAway: SyntheticClient; // receive-only, on the second router

  it('peers fill the first worker up to half the bound, then the next peer gets a router on the other worker', async () => {
    chair = await join('chutri', true);
    // Receive-only peers consume the chair's 2 producers each: 2 of them take 4 of the 5 a room
    // packs onto one worker; a third would make 6.
    await join('thuky', false);
    await join('sotttt', false);
    expect(room().routers).toHaveLength(1);
    const first = routerOf(chair);

    farAway = await join('camgiang', false);
    expect(room().routers).toHaveLength(2);
    const second = routerOf(farAway);
    expect(second).not.toBe(first);
    expect(workerPidOf(second)).not.toBe(workerPidOf(first));

    // The pool's count (from mediasoup's observer events) matches the peers' consumers, and
    // no worker carries more than the bound.
    const counts = server.workerPool.consumerCounts();
    expect(counts).toHaveLength(2);
    const fromPeers = consumersByPidFromPeers();
    for (const c of counts) {
      expect(c.consumers).toBe(fromPeers.get(c.pid) ?? 0);
      expect(c.consumers).toBeLessThanOrEqual(BOUND);
    }
    expect(fromPeers.get(workerPidOf(first))).toBe(4);
    expect(fromPeers.get(workerPidOf(second))).toBe(2);
    expect(counts.map((c) => c.refused)).toEqual([0, 0]);
    // Each of the chair's producers is piped once to the second router (one pipe consumer each).
    const pipes = counts.find((c) => c.pid === workerPidOf(first))!.pipeConsumers;
    expect(pipes).toBe(2);
    const chairProducers = peerOf(chair).producers.map((p) => p.id);
    expect((await producerIdsOn(second)).sort()).toEqual([...chairProducers].sort());
  });

  it('a peer on the second router receives RTP from a producer on the first router', async () => {
    const ids = [producerOf(chair, 'audio').id, producerOf(chair, 'video').id];
    await flows(farAway, ids);
  });

  it('muting a microphone on the first router stops its packets reaching the second; unmuting resumes', async () => {
    const mic = producerOf(chair, 'audio');
    const camera = producerOf(chair, 'video');
    const farConsumer = peerOf(farAway).consumers.find((c) => c.producerId === mic.id)!;
    expect(farConsumer.producerPaused).toBe(false);

    const muted = await chair.request('setMicrophones', {
      target: { kind: 'peer', peerId: chair.peerId },
      muted: true,
    });
    expect(muted.changed).toBe(1);
    // Source paused → its pipe consumer pauses → the pipe producer on the second router pauses →
    // the far peer's consumer sees its producer paused.
    await until(() => farConsumer.producerPaused);
    // Packets already in flight (or queued behind a busy event loop) arrive; then nothing more.
    await settled(farAway, mic.id);
    const [audioMuted, videoMuted] = await growth(farAway, [mic.id, camera.id], 1500);
    expect(audioMuted).toBe(0);
    expect(videoMuted).toBeGreaterThan(0);

    await chair.request('setMicrophones', {
      target: { kind: 'peer', peerId: chair.peerId },
      muted: false,
    });
    await until(() => !farConsumer.producerPaused);
    await flows(farAway, [mic.id]);
  });

  it("a sender placed on the second router is piped back: the first router's peers receive it", async () => {
    // Its demand (the chair's 2 producers) fits the second worker (2 + 2 ≤ 5), not the first.
    const sender = await join('sokhdt', true);
    const second = routerOf(farAway);
    expect(routerOf(sender)).toBe(second);
    expect(room().routers).toHaveLength(2);
    const ids = [producerOf(sender, 'audio').id, producerOf(sender, 'video').id];
    await until(() => ids.every((id) => packets(chair, id) > 0));
    await flows(chair, ids);
    // The first worker's 3 peers consume the newcomer too: 4 + 6 takes it to the bound, not over.
    await until(() => peerOf(farAway).consumers.length === 4);
    const firstPid = workerPidOf(routerOf(chair));
    for (const c of server.workerPool.consumerCounts())
      expect(c.consumers).toBe(c.pid === firstPid ? BOUND : 6);
    expect(clients.every((c) => c.refused.size === 0)).toBe(true);
  });

  it('closing a producer closes its pipe producer and the consumers of it on the other router', async () => {
    const sender = clients.find((c) => c.username === 'sokhdt')!;
    const mic = producerOf(sender, 'audio');
    const first = routerOf(chair);
    expect(await producerIdsOn(first)).toContain(mic.id);
    await sender.request('closeProducer', { producerId: mic.id });
    await until(async () => !(await producerIdsOn(first)).includes(mic.id));
    await until(() => !peerOf(chair).consumers.some((c) => c.producerId === mic.id));
    expect(
      chair.notifications.some(
        (n) => n.method === 'producerClosed' && (n.data as any).producerId === mic.id,
      ),
    ).toBe(true);
    expect(chair.notifications.some((n) => n.method === 'consumerClosed')).toBe(true);
  });

  it('a worker at the bound refuses more consumers with a clear error; a freed place is taken again', async () => {
    // 7 consumers on the first worker, 5 on the second; the newcomer's 3 fit the second (8).
    const late = await join('kinhmon', true);
    expect(routerOf(late)).toBe(routerOf(farAway));
    const ids = [producerOf(late, 'audio').id, producerOf(late, 'video').id];
    // Everyone else wants its 2 producers: 6 more on the first worker (room for 3) and 4 more
    // on the second (room for 2). Which requests come first decides who waits.
    const others = clients.filter((c) => c !== late);
    await until(
      () => others.reduce((sum, c) => sum + c.refused.size, 0) === 5 && room().peers.length === 6,
    );
    const firstPid = workerPidOf(routerOf(chair));
    const counts = server.workerPool.consumerCounts();
    const fromPeers = consumersByPidFromPeers();
    for (const c of counts) {
      expect(c.consumers).toBe(BOUND);
      expect(c.consumers).toBe(fromPeers.get(c.pid));
      expect(c.refused).toBe(c.pid === firstPid ? 3 : 2);
    }
    for (const c of others) for (const id of c.refused) expect(ids).toContain(id);
    // The refusal is an error answer with a reason, not a dropped request.
    const refusedClient = others.find((c) => c.refused.size > 0)!;
    const [refusedId] = [...refusedClient.refused];
    await expect(
      refusedClient.request('consume', {
        transportId: refusedClient.transportId,
        producerId: refusedId!,
      }),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/capacity/) });

    // A peer of the first worker leaves: its consumers free room for the refused streams there.
    const leaving = clients.find((c) => c.username === 'sotttt')!;
    await leaving.close();
    clients.splice(clients.indexOf(leaving), 1);
    await until(() => !room().peers.some((p) => p.id === leaving.peerId));
    const onFirst = clients.filter((c) => workerPidOf(routerOf(c)) === firstPid);
    for (const c of onFirst) await c.consumeRefused();
    expect(onFirst.every((c) => c.refused.size === 0)).toBe(true);
    await flows(chair, ids);
    const after = server.workerPool.consumerCounts();
    expect(Math.max(...after.map((c) => c.consumers))).toBeLessThanOrEqual(BOUND);
  });

  it('when the last peer of the second router leaves, that router closes and the room stays', async () => {
    const second = routerOf(farAway);
    const leaving = clients.filter((c) => routerOf(c) === second);
    expect(leaving.map((c) => c.username).sort()).toEqual(['camgiang', 'kinhmon', 'sokhdt']);
    for (const c of leaving) await c.close();
    await until(() => second.closed);
    expect(room().closed).toBe(false);
    expect(room().routers).toHaveLength(1);
    // Its pipe consumers on the first worker went with it.
    await until(() => server.workerPool.consumerCounts().every((c) => c.pipeConsumers === 0));
  });

  it('a worker dying under the second router closes the whole room; a new one opens on request', async () => {
    // The first worker has room for one more receiver of the chair (2 + 2 ≤ 5), not two.
    await join('gialoc', false);
    farAway = await join('sotc', false);
    const second = routerOf(farAway);
    expect(room().routers).toHaveLength(2);
    const closedRoom = room();
    const closed = new Promise<void>((resolve) => closedRoom.once('close', () => resolve()));
    process.kill(workerPidOf(second), 'SIGKILL');
    await closed;
    expect(closedRoom.closed).toBe(true);
    expect(closedRoom.routers.every((r) => r.router.closed)).toBe(true);
    await until(() => server.workerPool.liveWorkers.length === 2);
    const again = await server.rooms.getOrCreate(MEETING);
    expect(again).not.toBe(closedRoom);
    expect(again.closed).toBe(false);
  });
});
