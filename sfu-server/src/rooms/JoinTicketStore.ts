import { randomBytes } from 'node:crypto';

interface Ticket {
  userId: string;
  meetingId: string;
  /** The sign-in session it was issued to: the socket lives only as long as that session. */
  sessionTokenHash: string;
  expiresAt: number;
}

/**
 * Single-use, short-lived tickets for the signaling socket: the renderer never holds the
 * long-lived session token, and a leaked URL is useless after one use or a minute.
 */
export class JoinTicketStore {
  readonly #tickets = new Map<string, Ticket>();
  readonly #ttlMs: number;

  constructor(ttlMs = 60_000) {
    this.#ttlMs = ttlMs;
  }

  issue(
    userId: string,
    meetingId: string,
    sessionTokenHash: string,
    now = Date.now(),
  ): { ticket: string; expiresAt: string } {
    this.#sweep(now);
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
  }
}
