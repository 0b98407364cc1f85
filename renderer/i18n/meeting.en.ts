import type { MeetingMessages } from './meeting.vi';

/** English strings of the live meeting panel; typed against the Vietnamese source. */
export const meetingEn: MeetingMessages = {
  panel: 'Meeting control',
  tabs: { attendance: 'Attendance', floor: 'Speaking', votes: 'Votes' },
  attendance: {
    checkInMe: 'Check in',
    checkedIn: 'Checked in',
    checkIn: 'Check in',
    headCount: '{{present}}/{{invited}} present',
    status: {
      not_checked_in: 'Not checked in',
      present: 'Present',
      late: 'Late',
      absent: 'Absent',
    },
    absentReason: 'Reason: {{reason}}',
    proxy: 'Represented by {{name}}',
  },
  floor: {
    request: 'Ask for the floor',
    topic: 'Topic (optional)',
    withdraw: 'Withdraw',
    queue: 'Speaking queue',
    empty: 'Nobody has asked for the floor.',
    speaking: 'Speaking: {{name}} ({{site}})',
    grant: 'Give the floor',
    decline: 'Decline',
    end: 'End speech',
    yield: 'End my speech',
  },
  votes: {
    open: 'Open a vote',
    question: 'Question',
    secret: 'Secret ballot',
    empty: 'No votes yet.',
    close: 'Close the vote',
    openStatus: 'Voting',
    closedStatus: 'Closed',
    secretBadge: 'Secret',
    progress: 'Voted: {{voted}}/{{eligible}}',
    myBallot: 'You chose: {{option}}',
    mySecretBallot: 'You have voted (secret ballot).',
    notEligible: 'You follow the vote without voting.',
    result: 'Result',
    count: '{{count}} votes',
  },
};
