import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { WorkerPool } from '../../sfu-server/src/media/WorkerPool';
import { RoomRegistry } from '../../sfu-server/src/rooms/RoomRegistry';
import type { Peer, ProducerAppData } from '../../sfu-server/src/rooms/Peer';
import { joinRoomPeer, newPeer } from '../helpers/roomPeer';
import type { Room } from '../../sfu-server/src/rooms/Room';

const logger = pino({ level: 'silent' });
let pool: WorkerPool | undefined;

let lastSsrc = 1000;
/** A joined peer with one (unconnected) WebRTC transport and an Opus producer on it. */
async function joinSender(room: Room): Promise<Peer> {
  const { peer, transport } = await joinRoomPeer(room);
  const producer = await transport.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: ++lastSsrc }],
    },
    appData: { source: 'mic', peerId: peer.id, mutedByChair: false } satisfies ProducerAppData,
  });
  peer.addProducer(producer);
  room.producerAdded(peer, producer);
  return peer;
}

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool', () => {
  it('create() starts the requested number of real workers, and all answer ping()', async () => {
    pool = await WorkerPool.create({ size: 2, rtcMinPort: 42000, rtcMaxPort: 42999, logger });
    expect(pool.liveWorkers).toHaveLength(2);
    expect(await pool.ping()).toBe(2);
  });

  it('a worker killed with SIGKILL is replaced, and its room is re-created on request', async () => {
    pool = await WorkerPool.create({
      size: 2,
      rtcMinPort: 43000,
      rtcMaxPort: 43999,
      logger,
      restartDelayMs: 50,
    });
    const rooms = new RoomRegistry(pool, logger);
    const room = await rooms.getOrCreate('meeting-1');
    // Round robin: the first room sits on worker 0.
    const victim = pool.liveWorkers[0]!;
    const replaced = new Promise<number>((resolve) =>
      pool!.once('workerReplaced', (index) => resolve(index)),
    );
    const roomClosed = new Promise<void>((resolve) => room.once('close', () => resolve()));
    process.kill(victim.pid, 'SIGKILL');
    await roomClosed;
    expect(await replaced).toBe(0);
    expect(pool.liveWorkers).toHaveLength(2);
    expect(pool.liveWorkers.map((w) => w.pid)).not.toContain(victim.pid);
    expect(await pool.ping()).toBe(2);
    const again = await rooms.getOrCreate('meeting-1');
    expect(again).not.toBe(room);
    expect(again.closed).toBe(false);
    rooms.close();
  });

  it('getOrCreate() called concurrently for one meeting yields one room', async () => {
    pool = await WorkerPool.create({ size: 1, rtcMinPort: 44000, rtcMaxPort: 44999, logger });
    const rooms = new RoomRegistry(pool, logger);
    const created = await Promise.all(
      Array.from({ length: 10 }, () => rooms.getOrCreate('same-meeting')),
    );
    expect(new Set(created).size).toBe(1);
    expect(rooms.rooms).toHaveLength(1);
    rooms.close();
  });

  it('leastLoadedWorker() takes idle workers in turn and skips excluded ones', async () => {
    pool = await WorkerPool.create({ size: 2, rtcMinPort: 45000, rtcMaxPort: 45999, logger });
    const [w0, w1] = pool.liveWorkers;
    expect(pool.leastLoadedWorker()).toBe(w0);
    expect(pool.leastLoadedWorker()).toBe(w1);
    expect(pool.leastLoadedWorker(new Set([w0!]))).toBe(w1);
    expect(pool.leastLoadedWorker(new Set([w0!, w1!]))).toBeUndefined();
    // A reservation counts as load until it is claimed (then the consumer counts) or released.
    const reservation = pool.load.reserve(w0!, 3, 60_000);
    expect(pool.load.load(w0!)).toBe(3);
    expect(pool.leastLoadedWorker()).toBe(w1);
    expect(pool.leastLoadedWorker()).toBe(w1);
    reservation.claim();
    expect(pool.consumerCounts()[0]).toMatchObject({ index: 0, consumers: 0, reserved: 2 });
    reservation.release();
    reservation.release();
    expect(pool.load.load(w0!)).toBe(0);
  });

  it('admit() lets consumers in up to the bound, refuses and counts the next, and frees a place when ended', async () => {
    pool = await WorkerPool.create({ size: 1, rtcMinPort: 45000, rtcMaxPort: 45999, logger });
    const [w0] = pool.liveWorkers;
    const first = pool.load.admit(w0!, 2);
    const second = pool.load.admit(w0!, 2);
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    // Admissions in progress count, so requests arriving together cannot pass the bound.
    expect(pool.load.load(w0!)).toBe(2);
    expect(pool.load.admit(w0!, 2)).toBeUndefined();
    expect(pool.consumerCounts()[0]).toMatchObject({ admitting: 2, refused: 1 });
    first!();
    first!();
    expect(pool.consumerCounts()[0]).toMatchObject({ admitting: 1, refused: 1 });
    expect(pool.load.admit(w0!, 2)).toBeTypeOf('function');
    // Reservations steer placement only: they never keep a consumer out.
    pool.load.reserve(w0!, 5, 60_000);
    expect(pool.load.admit(w0!, 3)).toBeTypeOf('function');
  });

  it('two peers placed at once do not both take the last capacity of a worker', async () => {
    pool = await WorkerPool.create({
      size: 2,
      rtcMinPort: 46000,
      rtcMaxPort: 46999,
      logger,
      maxConsumersPerWorker: 1,
    });
    const rooms = new RoomRegistry(pool, logger);
    const room = await rooms.getOrCreate('meeting-spread');
    const sender = await joinSender(room);
    // Each newcomer expects to consume the sender's one producer: the first worker fits one.
    const [a, b] = [newPeer(), newPeer()];
    const [routerA, routerB] = await Promise.all([room.routerFor(a), room.routerFor(b)]);
    expect(routerA).toBe(room.routerOf(sender));
    expect(routerB).not.toBe(routerA);
    expect(room.routers.map((r) => r.workerPid)).toEqual(pool.liveWorkers.map((w) => w.pid));
    // Every transport of a peer goes to the router it was placed on.
    expect(await room.routerFor(b)).toBe(routerB);
    expect(pool.consumerCounts().map((c) => c.reserved)).toEqual([1, 1]);
    // The sender's producer is piped to the new router for its peer to consume (one pipe consumer).
    const producerId = sender.producers[0]!.id;
    await expect
      .poll(async () => (await routerB.dump()).mapProducerIdConsumerIds.map((e) => e.key))
      .toEqual([producerId]);
    expect(pool.consumerCounts().map((c) => c.pipeConsumers)).toEqual([1, 0]);
    // A peer leaving gives its reservation back and empties (closes) the second router, and the
    // pipe with it.
    room.removePeer(b);
    expect(routerB.closed).toBe(true);
    expect(room.routers).toHaveLength(1);
    expect(pool.consumerCounts().map((c) => c.reserved)).toEqual([1, 0]);
    await expect.poll(() => pool!.consumerCounts().map((c) => c.pipeConsumers)).toEqual([0, 0]);
    rooms.close();
    expect(pool.consumerCounts().map((c) => c.reserved)).toEqual([0, 0]);
  });
});
