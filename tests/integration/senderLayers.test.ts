import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import type { types as ms } from 'mediasoup';
import { WorkerPool } from '../../sfu-server/src/media/WorkerPool';
import { RoomRegistry } from '../../sfu-server/src/rooms/RoomRegistry';
import type { ProducerAppData } from '../../sfu-server/src/rooms/Peer';
import { joinRoomPeer } from '../helpers/roomPeer';
import type { Room } from '../../sfu-server/src/rooms/Room';
import { SenderLayers } from '../../sfu-server/src/rooms/SenderLayers';

const logger = pino({ level: 'silent' });
let pool: WorkerPool | undefined;
let rooms: RoomRegistry | undefined;

afterEach(async () => {
  vi.useRealTimers();
  rooms?.close();
  rooms = undefined;
  await pool?.close();
  pool = undefined;
});

/** A joined peer with one (unconnected) WebRTC transport; what the server tells it is kept. */
async function joinPeer(room: Room) {
  const told: { method: string; data: unknown }[] = [];
  const joined = await joinRoomPeer(room, (method, data) => told.push({ method, data }));
  return { ...joined, told };
}

let cameras = 0;
/** A VP8 camera in three simulcast layers, as a browser sends it. */
async function produceCamera(room: Room, sender: Awaited<ReturnType<typeof joinPeer>>) {
  const base = 10_000 * ++cameras;
  const producer = await sender.transport.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
      encodings: [{ ssrc: base + 1 }, { ssrc: base + 2 }, { ssrc: base + 3 }],
    },
    appData: {
      source: 'camera',
      peerId: sender.peer.id,
      mutedByChair: false,
    } satisfies ProducerAppData,
  });
  sender.peer.addProducer(producer);
  room.producerAdded(sender.peer, producer);
  return producer;
}

const layersTold = (told: { method: string; data: unknown }[]) =>
  told
    .filter((m) => m.method === 'producerLayersWanted')
    .map((m) => (m.data as { spatialLayer: number }).spatialLayer);

describe('sender layers (simulcast layers nobody receives are not sent)', () => {
  it('a camera owner is asked for the top layer as soon as a receiver’s tile needs it', async () => {
    pool = await WorkerPool.create({ size: 1, rtcMinPort: 47000, rtcMaxPort: 47999, logger });
    rooms = new RoomRegistry(pool, logger);
    const room = await rooms.getOrCreate('meeting-layers');
    const sender = await joinPeer(room);
    const receiver = await joinPeer(room);
    const camera = await produceCamera(room, sender);
    expect(room.senderLayer(camera.id)).toBe(1);

    // As the signaling session does: consume (paused, on layer 0), resume, then the tile's size.
    const consumer = await room.consume(receiver.peer, receiver.transport.id, camera.id);
    await consumer.resume();
    await consumer.setPreferredLayers({ spatialLayer: 2 });
    room.consumerLayersChanged(consumer);
    expect(layersTold(sender.told)).toEqual([2]);
    expect(room.senderLayer(camera.id)).toBe(2);
    // The receiver is told nothing of the kind: it is not the camera's owner.
    expect(layersTold(receiver.told)).toEqual([]);
  });

  it('drops a layer only after nobody has wanted it for a while, and follows pause, resume and close', async () => {
    pool = await WorkerPool.create({ size: 1, rtcMinPort: 48000, rtcMaxPort: 48999, logger });
    rooms = new RoomRegistry(pool, logger);
    const room = await rooms.getOrCreate('meeting-layers-2');
    const sender = await joinPeer(room);
    const a = await joinPeer(room);
    const b = await joinPeer(room);
    const camera = await produceCamera(room, sender);
    const announced: number[] = [];
    // The lowering delay on a fake clock (the worker's own traffic needs no timer): each step is
    // asserted a millisecond before and at the delay.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const layers = new SenderLayers({ lowerAfterMs: 200 });
    layers.addProducer(camera, (layer) => announced.push(layer));

    // Nobody receives it yet: layer 1 (what a client starts with) is dropped after the delay.
    await vi.advanceTimersByTimeAsync(199);
    expect(announced).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(announced).toEqual([0]);

    const consume = async (receiver: Awaited<ReturnType<typeof joinPeer>>, layer: number) => {
      const consumer: ms.Consumer = await room.consume(
        receiver.peer,
        receiver.transport.id,
        camera.id,
      );
      layers.addConsumer(consumer);
      await consumer.setPreferredLayers({ spatialLayer: layer });
      await consumer.resume();
      return consumer;
    };
    const big = await consume(a, 2);
    const small = await consume(b, 1);
    // Raised at once: a tile that needs detail gets it without waiting.
    expect(announced).toEqual([0, 2]);

    // The big tile's receiver goes audio-only (its consumer paused): down to 1, not at once.
    await big.pause();
    await vi.advanceTimersByTimeAsync(199);
    expect(announced).toEqual([0, 2]);
    // It comes back before the delay is over: nothing was dropped, then or later.
    await big.resume();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(announced).toEqual([0, 2]);

    big.close();
    await vi.advanceTimersByTimeAsync(199);
    expect(announced).toEqual([0, 2]);
    await vi.advanceTimersByTimeAsync(1);
    expect(announced).toEqual([0, 2, 1]);
    small.close();
    await vi.advanceTimersByTimeAsync(199);
    expect(announced).toEqual([0, 2, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(announced).toEqual([0, 2, 1, 0]);
    layers.close();
  });
});
