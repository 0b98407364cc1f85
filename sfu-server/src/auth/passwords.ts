import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../../common/errors';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// N=2^15 (OWASP's scrypt minimum is 2^17 with r=8 for 64 MiB; 2^15 keeps login near 50 ms on
// an office server's single core while still costing an attacker 32 MiB per guess).
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

/** `scrypt$N$r$p$salt$hash`, base64url parts, so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, PARAMS);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(
    password.normalize('NFC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    },
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Runs scrypt one (or a few) at a time. scrypt runs on libuv's thread pool, which file reads and
 * writes share: a flood of sign-ins hashing in parallel would take every thread and stall uploads
 * and downloads. Past `maxQueued` waiting, a request is refused at once (the server is busy).
 */
export class PasswordHasher {
  readonly #concurrency: number;
  readonly #maxQueued: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor({
    concurrency = 1,
    maxQueued = 64,
  }: { concurrency?: number; maxQueued?: number } = {}) {
    this.#concurrency = concurrency;
    this.#maxQueued = maxQueued;
  }

  /** Hashes being computed and waiting: what a test or the health route may look at. */
  get load(): { running: number; queued: number } {
    return { running: this.#running, queued: this.#waiting.length };
  }

  hash(password: string): Promise<string> {
    return this.#run(() => hashPassword(password));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.#run(() => verifyPassword(password, stored));
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#concurrency) {
      if (this.#waiting.length >= this.#maxQueued)
        throw new AppError(
          'unavailable',
          'The server is busy signing people in: try again in a moment',
        );
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running++;
    try {
      return await work();
    } finally {
      // NOTE: the slot passes straight to the next waiter, so `#running` never dips and a new
      // caller cannot overtake the queue.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
