import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { WorkerPool } from '../../sfu-server/src/media/WorkerPool';
import { RoomRegistry } from '../../sfu-server/src/rooms/RoomRegistry';

const logger = pino({ level: 'silent' });
let pool: WorkerPool | undefined;

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
});
