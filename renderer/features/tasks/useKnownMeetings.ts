import { useMemo } from 'react';
import { meetingRolesOf, type MeetingRoles } from '../../../common/tasks/mutations';
import { useIpcQuery } from '../../lib/useIpcQuery';

export interface KnownMeetings {
  /** Meeting titles by id. */
  titles: ReadonlyMap<string, string>;
  /**
   * The user's role in each meeting: what the task rules decide from (`taskActorOf`), read from
   * the same list main decides from, so a form is offered only for a change main will record.
   */
  roles: MeetingRoles;
}

const NONE: MeetingRoles = {};

/** The meetings of the user's list (its offline copy when the server is away). */
export function useKnownMeetings(): KnownMeetings {
  const query = useIpcQuery('meetings.list', {});
  const meetings = query.status === 'success' ? query.data.meetings : undefined;
  return useMemo(
    () => ({
      titles: new Map(meetings?.map((m) => [m.id, m.title] as const) ?? []),
      roles: meetings ? meetingRolesOf(meetings) : NONE,
    }),
    [meetings],
  );
}
