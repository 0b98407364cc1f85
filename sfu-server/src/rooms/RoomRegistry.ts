import type { Logger } from 'pino';
import type { WorkerPool } from '../media/WorkerPool';
import { Room } from './Room';

/** Rooms by meeting id; creation goes through one pending promise per meeting so no meeting ever gets two rooms. */
export class RoomRegistry {
  readonly #pool: WorkerPool;
  readonly #logger: Logger;
  readonly #rooms = new Map<string, Room>();
  readonly #pending = new Map<string, Promise<Room>>();
  #closed = false;

  constructor(pool: WorkerPool, logger: Logger) {
    this.#pool = pool;
    this.#logger = logger;
  }

  get rooms(): Room[] {
    return [...this.#rooms.values()];
  }

  async getOrCreate(meetingId: string): Promise<Room> {
    if (this.#closed) throw new Error('Room registry is closed');
    const existing = this.#rooms.get(meetingId);
    if (existing && !existing.closed) return existing;
    const pending = this.#pending.get(meetingId);
    if (pending) return pending;
    const creation = Room.create(meetingId, this.#pool, this.#logger)
      .then((room) => {
        this.#rooms.set(meetingId, room);
        room.once('close', () => {
          if (this.#rooms.get(meetingId) === room) this.#rooms.delete(meetingId);
        });
        return room;
      })
      .finally(() => this.#pending.delete(meetingId));
    this.#pending.set(meetingId, creation);
    return creation;
  }

  close(): void {
    this.#closed = true;
    for (const room of this.#rooms.values()) room.close();
    this.#rooms.clear();
  }
}
