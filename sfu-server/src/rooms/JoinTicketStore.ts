import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/errors';

interface Ticket {
  userId: string;
  meetingId: string;
  /** The sign-in session it was issued to: the socket lives only as long as that session. */
  sessionTokenHash: string;
  expiresAt: number;
}

/** The window join tickets are counted over, per user. */
const RATE_WINDOW_MS = 60_000;

/**
 * Single-use, short-lived tickets for the signaling socket: the renderer never holds the
 * long-lived session token, and a leaked URL is useless after one use or a minute.
 *
 * A user gets at most `perMinute` tickets in any 60 s (issue #18): each ticket opens a
 * connection that every site in the meeting hears join and leave, so a script churning them
 * would cost the whole room. Counted per user, not per address or sign-in (a commune's PCs share
 * one NAT address; one user may sign in again for more tokens), after the caller is known to be
 * invited, in this store rather than by @fastify/rate-limit, whose key is made before the route
 * authenticates. The client's reconnect backoff (0.5 s doubling to 8 s) stays under the default
 * limit; a refused reconnect is simply tried again.
 */
export class JoinTicketStore {
  readonly #tickets = new Map<string, Ticket>();
  readonly #ttlMs: number;
  readonly #perMinute: number;
  /** When each user's tickets of the last RATE_WINDOW_MS were issued, oldest first. */
  readonly #issuedAt = new Map<string, number[]>();

  constructor(options: { ttlMs?: number; perMinute?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#perMinute = options.perMinute ?? 10;
  }

  issue(
    userId: string,
    meetingId: string,
    sessionTokenHash: string,
    now = Date.now(),
  ): { ticket: string; expiresAt: string } {
    this.#sweep(now);
    const recent = this.#issuedAt.get(userId) ?? [];
    if (recent.length >= this.#perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + RATE_WINDOW_MS - now) / 1000));
      throw new AppError(
        'rate_limited',
        `Bạn đã mở kết nối vào phòng họp quá nhiều lần trong một phút. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
        {
          reason: 'join_ticket_rate',
          limit: this.#perMinute,
          retryAfterSeconds,
          en: `Too many connections to meeting rooms in a minute; try again in ${retryAfterSeconds} s`,
        },
      );
    }
    recent.push(now);
    this.#issuedAt.set(userId, recent);
    const ticket = randomBytes(24).toString('base64url');
    const expiresAt = now + this.#ttlMs;
    this.#tickets.set(ticket, { userId, meetingId, sessionTokenHash, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  consume(ticket: string, now = Date.now()): Ticket | undefined {
    const found = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    return found && found.expiresAt > now ? found : undefined;
  }

  #sweep(now: number): void {
    for (const [key, t] of this.#tickets) if (t.expiresAt <= now) this.#tickets.delete(key);
    for (const [userId, times] of this.#issuedAt) {
      while (times.length > 0 && times[0]! <= now - RATE_WINDOW_MS) times.shift();
      if (times.length === 0) this.#issuedAt.delete(userId);
    }
  }
}
