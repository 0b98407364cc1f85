/**
 * Who may do what with a meeting, shared by every area's routes: bearer tokens resolve to users,
 * and a meeting's data is only for its invited participants (admins see all meetings).
 */
import { ForbiddenError, NotFoundError } from '../../../common/errors';
import type { User } from '../../../common/domain/user';
import type { MeetingRepository } from '../db/repos/MeetingRepository';
import type { SessionRepository } from '../db/repos/SessionRepository';
import type { UserRepository } from '../db/repos/UserRepository';
import type { Authenticate } from './registerRoute';

export function createAuthenticate(
  sessions: SessionRepository,
  users: UserRepository,
): Authenticate {
  return async (token) => {
    const userId = await sessions.resolve(token);
    return userId ? users.get(userId) : undefined;
  };
}

/** Staff see every meeting; others only those they are invited to. */
export const seesAllMeetings = (user: User) => user.roles.includes('admin');

export class MeetingAccess {
  readonly #meetings: MeetingRepository;

  constructor(meetings: MeetingRepository) {
    this.#meetings = meetings;
  }

  /** Throws NotFound for an unknown meeting and Forbidden for a user who is not invited. */
  async requireInvited(meetingId: string, user: User): Promise<void> {
    if (!(await this.#meetings.exists(meetingId))) throw new NotFoundError('No such meeting');
    if (!seesAllMeetings(user) && !(await this.#meetings.isParticipant(meetingId, user.id))) {
      throw new ForbiddenError('You are not invited to this meeting');
    }
  }
}
