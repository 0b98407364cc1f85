import { describe, expect, it } from 'vitest';
import { can, MEETING_ROLES, rolesThatCan, seesAllMeetings } from '../../../common/domain/policy';

describe('can(meetingRole, action)', () => {
  it('lets the chair run votes and nobody else', () => {
    expect(MEETING_ROLES.filter((r) => can(r, 'votes.run'))).toEqual(['chair']);
  });

  it('gives the secretary the agenda, the console and the conclusions, but no ballot', () => {
    for (const action of [
      'agenda.manage',
      'microphones.control',
      'conclusions.edit',
      'tasks.manage',
    ] as const)
      expect(can('secretary', action)).toBe(true);
    expect(can('secretary', 'votes.cast')).toBe(false);
  });

  it('refuses everything but nothing to someone not invited, whatever their system role', () => {
    for (const action of [
      'agenda.manage',
      'votes.cast',
      'floor.request',
      'conclusions.edit',
    ] as const) {
      expect(can(null, action)).toBe(false);
      expect(can(null, action, ['admin'])).toBe(false);
    }
  });

  it('gives the Office staff the agenda and tasks of any meeting, not its votes or conclusions', () => {
    expect(can(null, 'agenda.manage', ['office'])).toBe(true);
    expect(can(null, 'tasks.manage', ['office'])).toBe(true);
    expect(can(null, 'votes.run', ['office'])).toBe(false);
    expect(can(null, 'conclusions.edit', ['office'])).toBe(false);
  });

  it('a site operator checks in but does not vote', () => {
    expect(can('site_operator', 'votes.cast')).toBe(false);
    expect(can('site_operator', 'floor.request')).toBe(true);
    expect(rolesThatCan('votes.cast')).not.toContain('site_operator');
  });

  it('administrators and the Office see every meeting in lists; others only theirs', () => {
    expect(seesAllMeetings(['admin'])).toBe(true);
    expect(seesAllMeetings(['office'])).toBe(true);
    expect(seesAllMeetings(['reporter'])).toBe(false);
  });
});
