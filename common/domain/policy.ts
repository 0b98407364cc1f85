/**
 * Who may do what in a meeting: the one policy, read by the server's routes and signaling
 * handlers and by the app's screens alike (a rule written twice drifts). Permissions follow a
 * person's role in *that* meeting: the secretary of one meeting has no power over another.
 * System roles (common/domain/user.ts) only add what is not about one meeting: an administrator
 * runs the system, the Office's staff organise meetings and follow every meeting's tasks.
 */
import { z } from 'zod';
import type { Role } from './user';

export const meetingRoleSchema = z.enum([
  /** Leads the meeting: gives the floor, opens votes, dictates the conclusions. */
  'chair',
  /** Prepares and minutes it: agenda and documents, the conclusions as typed, the console. */
  'secretary',
  /** Presents agenda items (a department's reporter): leads everyone through a document. */
  'presenter',
  /** Attends, votes, asks for the floor. */
  'delegate',
  /** Runs a commune's meeting room: checks its people in; does not vote. */
  'site_operator',
  /** Attends without a vote (observers, press). */
  'guest',
]);
export type MeetingRole = z.infer<typeof meetingRoleSchema>;

export const MEETING_ROLES = meetingRoleSchema.options;

/** What a participant may do in a meeting. */
export type MeetingAction =
  /** Change the agenda (items, order) and its documents, set the item under discussion. */
  | 'agenda.manage'
  /** Present a document without being named for it (a presenter presents their own item). */
  | 'presentation.present'
  /** Name who presents, and stop anyone's presentation. */
  | 'presentation.lead'
  /** Mute or unmute others' microphones; never locked out of their own. */
  | 'microphones.control'
  /** Check people in, mark them absent, manage the speaking queue (give, decline, end the floor). */
  | 'session.run'
  /** Open and close votes. */
  | 'votes.run'
  /** Cast a ballot. */
  | 'votes.cast'
  /** See a vote's running tally before it closes. */
  | 'votes.seeTally'
  /** Ask for the floor. */
  | 'floor.request'
  /** Type the conclusions, issue and revise the notice. */
  | 'conclusions.edit'
  /** Share annotations with every participant. */
  | 'annotations.share'
  /** Create, edit and extend the tasks of this meeting's conclusions. */
  | 'tasks.manage';

const GRANTS: Record<MeetingAction, readonly MeetingRole[]> = {
  'agenda.manage': ['chair', 'secretary'],
  'presentation.present': ['chair', 'secretary', 'presenter'],
  'presentation.lead': ['chair', 'secretary'],
  'microphones.control': ['chair', 'secretary'],
  'session.run': ['chair', 'secretary'],
  'votes.run': ['chair'],
  'votes.cast': ['chair', 'delegate', 'presenter'],
  'votes.seeTally': ['chair', 'secretary'],
  'floor.request': ['chair', 'secretary', 'presenter', 'delegate', 'site_operator', 'guest'],
  'conclusions.edit': ['chair', 'secretary'],
  'annotations.share': ['chair', 'secretary'],
  'tasks.manage': ['chair', 'secretary'],
};

/** Actions the Office's staff may take in any meeting without a role in it (they organise it). */
const OFFICE_ACTIONS: ReadonlySet<MeetingAction> = new Set(['agenda.manage', 'tasks.manage']);

/**
 * Whether a participant with `meetingRole` (null: not invited) may take `action` in that
 * meeting. `systemRoles` adds the Office's organising powers; an administrator gets none here.
 */
export function can(
  meetingRole: MeetingRole | string | null | undefined,
  action: MeetingAction,
  systemRoles: readonly Role[] = [],
): boolean {
  if (systemRoles.includes('office') && OFFICE_ACTIONS.has(action)) return true;
  return (GRANTS[action] as readonly string[]).includes(meetingRole ?? '');
}

/** The meeting roles granted `action` (for queries such as "who is eligible to vote"). */
export function rolesThatCan(action: MeetingAction): readonly MeetingRole[] {
  return GRANTS[action];
}

/** Who creates and edits meetings, their invitations and calendar: the Office's staff. */
export function organisesMeetings(systemRoles: readonly Role[]): boolean {
  return systemRoles.includes('office');
}

/** Who sees every meeting in lists without being invited: administrators and the Office. */
export function seesAllMeetings(systemRoles: readonly Role[]): boolean {
  return systemRoles.includes('admin') || systemRoles.includes('office');
}
