import { describe, expect, it } from 'vitest';
import {
  agendaInputOf,
  agendaProblems,
  agendaRowsOf,
  emptyPlanForm,
  formFromPlan,
  isUnseen,
  moveRow,
  newAgendaRow,
  planFormProblems,
  planInputOf,
  responseCounts,
  type AgendaRow,
  type PlanForm,
} from '../../../../renderer/features/planning/planForm';
import {
  agendaInputSchema,
  meetingPlanInputSchema,
  type MeetingPlan,
} from '../../../../common/domain/meetingPlan';

const filled = (overrides: Partial<PlanForm> = {}): PlanForm => ({
  ...emptyPlanForm(),
  title: 'Họp giao ban chuyển đổi số',
  startDay: '2026-01-05',
  startTime: '08:00',
  endDay: '2026-01-05',
  endTime: '11:00',
  chairUserId: 'chutri',
  secretaryUserId: 'thuky',
  hallSiteId: 'hd-hoi-truong',
  unitIds: ['hd-so-tc', 'hd-so-tc'],
  persons: [
    { userId: 'sotttt', role: 'presenter' },
    { userId: 'sotttt', role: 'delegate' },
  ],
  ...overrides,
});

describe('planFormProblems', () => {
  it('finds nothing wrong with a filled form, whose body the contract accepts', () => {
    const form = filled();
    expect(planFormProblems(form)).toEqual([]);
    const input = planInputOf(form);
    expect(meetingPlanInputSchema.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({
      startsAt: '2026-01-05T08:00:00+07:00',
      endsAt: '2026-01-05T11:00:00+07:00',
      unitIds: ['hd-so-tc'],
      persons: [{ userId: 'sotttt', role: 'presenter' }],
      signer: null,
    });
  });

  it('names each problem a user can make before anything is sent', () => {
    expect(planFormProblems(emptyPlanForm())).toEqual(['title', 'start', 'end', 'chair']);
    expect(planFormProblems(filled({ endTime: '07:00' }))).toEqual(['order']);
    expect(planFormProblems(filled({ secretaryUserId: 'chutri' }))).toEqual(['sameChairSecretary']);
    expect(planFormProblems(filled({ hallSiteId: null, place: ' ', online: false }))).toEqual([
      'place',
    ]);
    expect(
      planFormProblems(
        filled({ signerEnabled: true, signer: { authority: '', title: '', name: '' } }),
      ),
    ).toEqual(['signer']);
  });

  it('takes the end day from the start day when it was not set apart', () => {
    const input = planInputOf(filled({ endDay: null }));
    expect(input.endsAt).toBe('2026-01-05T11:00:00+07:00');
  });
});

const plan: MeetingPlan = {
  id: 'm1',
  status: 'published',
  title: 'Họp giao ban',
  kind: 'briefing',
  startsAt: '2026-01-05T01:00:00Z', // 08:00 in Vietnam
  endsAt: '2026-01-05T04:00:00Z',
  chair: { id: 'chutri', name: 'Nguyễn Minh Hùng' },
  secretary: null,
  preparingUnit: null,
  hallSite: { id: 'hd-hoi-truong', name: 'Hội trường UBND tỉnh' },
  place: '',
  online: true,
  units: [{ id: 'hd-so-tc', name: 'Sở Tài chính' }],
  sites: [],
  persons: [
    {
      user: { id: 'sotttt', name: 'Trần Quốc Việt' },
      unit: { id: 'u', name: 'U' },
      role: 'presenter',
    },
  ],
  signer: null,
  agenda: [
    {
      id: 'a1',
      position: 0,
      title: 'Báo cáo tiến độ',
      presentingUnit: { id: 'hd-so-tttt', name: 'Sở TT&TT' },
      plannedStartMinutes: 30,
      plannedMinutes: 45,
      documentCount: 2,
    },
  ],
  invitations: [],
  invitationDocumentId: null,
  publishedAt: null,
  statusReason: null,
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('formFromPlan', () => {
  it('shows a stored meeting in Vietnam time', () => {
    const form = formFromPlan(plan);
    expect(form).toMatchObject({
      startDay: '2026-01-05',
      startTime: '08:00',
      endTime: '11:00',
      hallSiteId: 'hd-hoi-truong',
      persons: [{ userId: 'sotttt', role: 'presenter' }],
    });
    expect(planFormProblems(form)).toEqual([]);
  });
});

describe('the agenda builder', () => {
  const row = (key: string, over: Partial<AgendaRow> = {}): AgendaRow => ({
    key,
    title: key,
    presentingUnitId: null,
    start: '',
    minutes: null,
    documentCount: 0,
    ...over,
  });

  it('reads planned starts as clock times and writes them back as minutes', () => {
    const rows = agendaRowsOf(plan);
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'a1',
        start: '08:30',
        minutes: 45,
        presentingUnitId: 'hd-so-tttt',
      }),
    ]);
    const input = agendaInputOf(rows, '08:00');
    expect(agendaInputSchema.safeParse(input).success).toBe(true);
    expect(input.items[0]).toEqual({
      id: 'a1',
      title: 'Báo cáo tiến độ',
      presentingUnitId: 'hd-so-tttt',
      plannedStartMinutes: 30,
      plannedMinutes: 45,
    });
  });

  it('plans a new item when the one before it ends', () => {
    const rows = [row('a', { start: '08:30', minutes: 45 })];
    expect(newAgendaRow(rows, '08:00', 'b')).toMatchObject({
      key: 'b',
      start: '09:15',
      minutes: 30,
    });
    expect(newAgendaRow([], '08:00', 'c').start).toBe('08:00');
  });

  it('moves an item up and down, not past either end', () => {
    const rows = [row('a'), row('b'), row('c')];
    expect(moveRow(rows, 2, -1).map((r) => r.key)).toEqual(['a', 'c', 'b']);
    expect(moveRow(rows, 0, 1).map((r) => r.key)).toEqual(['b', 'a', 'c']);
    expect(moveRow(rows, 0, -1).map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(moveRow(rows, 2, 1).map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });

  it('finds items without a subject or starting before the meeting', () => {
    expect(agendaProblems([row(''), row('b', { start: '07:00' })], '08:00')).toEqual([
      { index: 0, problem: 'title' },
      { index: 1, problem: 'start' },
    ]);
  });
});

describe('invitations', () => {
  it('counts the answers', () => {
    expect(
      responseCounts([{ response: 'attend' }, { response: 'pending' }, { response: 'attend' }]),
    ).toEqual({ attend: 2, pending: 1, absent: 0, proxy: 0 });
  });

  it('is unseen until opened, and again after a later announcement', () => {
    expect(isUnseen({ seenAt: null, announcements: [] })).toBe(true);
    expect(isUnseen({ seenAt: '2026-01-02T00:00:00Z', announcements: [] })).toBe(false);
    expect(
      isUnseen({
        seenAt: '2026-01-02T00:00:00Z',
        announcements: [{ at: '2026-01-03T00:00:00Z' }],
      }),
    ).toBe(true);
  });
});
