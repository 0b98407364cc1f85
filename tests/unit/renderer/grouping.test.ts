import { describe, expect, it } from 'vitest';
import type { MeetingDetail, MeetingSummary } from '../../../common/domain/meeting';
import {
  groupMeetings,
  groupParticipantsBySite,
} from '../../../renderer/features/meetings/grouping';

function summary(id: string, phase: MeetingSummary['phase'], startsAt: string): MeetingSummary {
  return {
    id,
    title: `Họp ${id}`,
    startsAt,
    endsAt: startsAt,
    place: 'Hội trường UBND tỉnh',
    chairName: 'Nguyễn Minh Hùng',
    phase,
    siteCount: 4,
  };
}

describe('groupMeetings', () => {
  it('puts each meeting under its phase, upcoming soonest first and past latest first', () => {
    const groups = groupMeetings([
      summary('p1', 'past', '2024-01-01T08:00:00+07:00'),
      summary('u2', 'upcoming', '2025-03-02T08:00:00+07:00'),
      summary('p2', 'past', '2024-06-01T08:00:00+07:00'),
      summary('u1', 'upcoming', '2025-03-01T08:00:00+07:00'),
      summary('n1', 'in_progress', '2025-02-01T08:00:00+07:00'),
    ]);
    expect(groups.in_progress.map((m) => m.id)).toEqual(['n1']);
    expect(groups.upcoming.map((m) => m.id)).toEqual(['u1', 'u2']);
    expect(groups.past.map((m) => m.id)).toEqual(['p2', 'p1']);
  });
});

describe('groupParticipantsBySite', () => {
  const participant = (
    userId: string,
    siteId: string,
    meetingRole: MeetingDetail['participants'][number]['meetingRole'],
  ) => ({
    userId,
    fullName: userId,
    title: '',
    agencyName: '',
    siteId,
    meetingRole,
  });

  it('lists the host site first, the chair first within a site, and strays under an unknown site', () => {
    const groups = groupParticipantsBySite({
      sites: [
        { id: 'xa', name: 'UBND xã An Lưu', isHost: false },
        { id: 'tinh', name: 'Hội trường UBND tỉnh', isHost: true },
      ],
      participants: [
        participant('d1', 'tinh', 'delegate'),
        participant('c1', 'tinh', 'chair'),
        participant('x1', 'xa', 'delegate'),
        participant('?', 'gone', 'guest'),
      ],
    });
    expect(groups.map((g) => g.site?.id ?? null)).toEqual(['tinh', 'xa', null]);
    expect(groups[0]?.participants.map((p) => p.userId)).toEqual(['c1', 'd1']);
    expect(groups[2]?.participants.map((p) => p.userId)).toEqual(['?']);
  });
});
