/** Pure helpers behind the meeting screens (tested in tests/unit/renderer). */
import type { MeetingDetail, MeetingPhase, MeetingSummary } from '../../../common/domain/meeting';

/** Section order on screen: what is happening now first. */
export const MEETING_SECTIONS: readonly MeetingPhase[] = ['in_progress', 'upcoming', 'past'];

/** Groups meetings by phase: ongoing and upcoming soonest first, past most recent first. */
export function groupMeetings(
  meetings: readonly MeetingSummary[],
): Record<MeetingPhase, MeetingSummary[]> {
  const groups: Record<MeetingPhase, MeetingSummary[]> = {
    in_progress: [],
    upcoming: [],
    past: [],
  };
  for (const meeting of meetings) groups[meeting.phase].push(meeting);
  const byStart = (a: MeetingSummary, b: MeetingSummary) =>
    Date.parse(a.startsAt) - Date.parse(b.startsAt);
  groups.in_progress.sort(byStart);
  groups.upcoming.sort(byStart);
  groups.past.sort((a, b) => byStart(b, a));
  return groups;
}

type Participant = MeetingDetail['participants'][number];

export interface SiteGroup {
  /** null for participants whose site is not among the meeting's sites. */
  site: MeetingDetail['sites'][number] | null;
  participants: Participant[];
}

/** Sites with the main hall first, then as listed; each with its participants, chair first. */
export function groupParticipantsBySite(
  meeting: Pick<MeetingDetail, 'sites' | 'participants'>,
): SiteGroup[] {
  const roleOrder: Record<Participant['meetingRole'], number> = {
    chair: 0,
    secretary: 1,
    presenter: 2,
    delegate: 3,
    site_operator: 4,
    guest: 5,
  };
  const sites = [...meeting.sites].sort((a, b) => Number(b.isHost) - Number(a.isHost));
  const groups = new Map<string | null, SiteGroup>(
    sites.map((site) => [site.id, { site, participants: [] }]),
  );
  for (const participant of meeting.participants) {
    const key = groups.has(participant.siteId) ? participant.siteId : null;
    let group = groups.get(key);
    if (!group) {
      group = { site: null, participants: [] };
      groups.set(null, group);
    }
    group.participants.push(participant);
  }
  const result = [...groups.values()];
  for (const group of result)
    group.participants.sort((a, b) => roleOrder[a.meetingRole] - roleOrder[b.meetingRole]);
  return result;
}
