/**
 * Who may do what with a meeting, shared by every area's routes: bearer tokens resolve to users,
 * and a meeting's data is only for its invited participants (admins see all meetings).
 */
import { AppError, ForbiddenError, NotFoundError } from '../../../common/errors';
import type { User } from '../../../common/domain/user';
import { organisesMeetings, seesAllMeetings } from '../../../common/domain/policy';
import type { MeetingRepository } from '../db/repos/MeetingRepository';
import type { SessionRepository } from '../db/repos/SessionRepository';
import type { UserRepository } from '../db/repos/UserRepository';
import type { Authenticate } from './registerRoute';

export function createAuthenticate(
  sessions: SessionRepository,
  users: UserRepository,
): Authenticate {
  return async (token, options) => {
    const userId = await sessions.resolve(token);
    const user = userId ? await users.get(userId) : undefined;
    if (user?.mustChangePassword && !options?.whilePasswordChangePending) {
      throw new AppError('forbidden', 'Change the password an administrator set first', {
        reason: 'password_change_required',
      });
    }
    return user;
  };
}

export class MeetingAccess {
  readonly #meetings: MeetingRepository;

  constructor(meetings: MeetingRepository) {
    this.#meetings = meetings;
  }

  /** Throws NotFound for an unknown meeting and Forbidden for a user who is not invited. */
  async requireInvited(meetingId: string, user: User): Promise<void> {
    if (!(await this.#meetings.exists(meetingId))) throw new NotFoundError('No such meeting');
    if (!organisesMeetings(user.roles) && !(await this.#meetings.isPublished(meetingId)))
      throw new NotFoundError('No such meeting');
    if (!seesAllMeetings(user.roles) && !(await this.#meetings.isParticipant(meetingId, user.id))) {
      throw new ForbiddenError('You are not invited to this meeting');
    }
  }
}
