/**
 * Keeps every open signaling socket as alive as the sign-in it came from. A socket is opened
 * with a one-time ticket, so nothing about it changes by itself when its user signs out, is
 * disabled, has their password reset or is removed from the meeting: every `intervalMs` one query
 * checks all sockets' sessions and one per meeting re-reads the roles; a socket whose session
 * ended or whose user is no longer invited is closed, and a changed role applies to its next
 * request. Polling the database (not an in-process event) also sees what another server process
 * or the admin CLI changed.
 */
import type { Logger } from 'pino';
import type { MeetingRepository, MeetingRole } from '../db/repos/MeetingRepository';
import type { SessionRepository } from '../db/repos/SessionRepository';

export interface WatchedSocket {
  sessionTokenHash: string;
  meetingId: string;
  userId: string;
  /** Closes the socket; `reason` goes into the close frame. */
  end(reason: string): void;
  /** The user's role in the meeting as the database says now. */
  setMeetingRole(role: MeetingRole): void;
}

export class SessionWatch {
  readonly #sessions: SessionRepository;
  readonly #meetings: MeetingRepository;
  readonly #logger: Logger;
  readonly #watched = new Set<WatchedSocket>();
  readonly #timer: NodeJS.Timeout;
  #checking: Promise<void> | undefined;

  constructor(options: {
    sessions: SessionRepository;
    meetings: MeetingRepository;
    logger: Logger;
    intervalMs?: number;
  }) {
    this.#sessions = options.sessions;
    this.#meetings = options.meetings;
    this.#logger = options.logger;
    this.#timer = setInterval(() => void this.checkNow(), options.intervalMs ?? 2000);
    this.#timer.unref();
  }

  /** Watches a socket until the returned function is called (when it closes). */
  add(socket: WatchedSocket): () => void {
    this.#watched.add(socket);
    return () => this.#watched.delete(socket);
  }

  /** One round; a round still running is joined rather than doubled. */
  checkNow(): Promise<void> {
    this.#checking ??= this.#check()
      .catch((error: unknown) => this.#logger.warn({ err: error }, 'session check failed'))
      .finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#watched.clear();
  }

  async #check(): Promise<void> {
    const sockets = [...this.#watched];
    if (sockets.length === 0) return;
    const live = await this.#sessions.liveOf([...new Set(sockets.map((s) => s.sessionTokenHash))]);
    const byMeeting = new Map<string, WatchedSocket[]>();
    for (const s of sockets) byMeeting.set(s.meetingId, [...(byMeeting.get(s.meetingId) ?? []), s]);
    for (const [meetingId, group] of byMeeting) {
      const roles = await this.#meetings.meetingRoles(meetingId, [
        ...new Set(group.map((s) => s.userId)),
      ]);
      for (const socket of group) {
        if (!this.#watched.has(socket)) continue;
        const role = roles.get(socket.userId);
        if (!live.has(socket.sessionTokenHash)) socket.end('session ended');
        else if (!role) socket.end('no longer invited to this meeting');
        else {
          socket.setMeetingRole(role);
          continue;
        }
        this.#watched.delete(socket);
      }
    }
  }
}
