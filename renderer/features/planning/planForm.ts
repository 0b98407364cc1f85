/**
 * The Office's meeting form and agenda builder as plain data: what the fields hold, what is
 * wrong with them before anything is sent, and the request bodies of the REST contract
 * (`MeetingPlanInput`, `AgendaInput`) they become. No React here, so it is tested alone.
 */
import type {
  AgendaInput,
  Invitation,
  InvitationResponse,
  MeetingKind,
  MeetingPlan,
  MeetingPlanInput,
} from '../../../common/domain/meetingPlan';
import type { MeetingRole } from '../../../common/domain/policy';
import { clockToOffset, offsetToClock, vietnamInstant, vietnamParts } from './planningTime';

/** The roles a person invited by name may have (chair and secretary are chosen apart). */
export const INVITED_ROLES = ['delegate', 'presenter', 'site_operator', 'guest'] as const;
export type InvitedRole = (typeof INVITED_ROLES)[number] & MeetingRole;

export interface PlanForm {
  title: string;
  kind: MeetingKind;
  /** YYYY-MM-DD and HH:mm, Vietnam time. */
  startDay: string | null;
  startTime: string;
  endDay: string | null;
  endTime: string;
  chairUserId: string | null;
  secretaryUserId: string | null;
  preparingUnitId: string | null;
  hallSiteId: string | null;
  place: string;
  online: boolean;
  unitIds: string[];
  siteIds: string[];
  persons: { userId: string; role: InvitedRole }[];
  /** Someone other than the chair signs the giấy mời. */
  signerEnabled: boolean;
  signer: { authority: string; title: string; name: string };
}

export type PlanFormProblem =
  'title' | 'start' | 'end' | 'order' | 'chair' | 'sameChairSecretary' | 'place' | 'signer';

export function emptyPlanForm(): PlanForm {
  return {
    title: '',
    kind: 'working_meeting',
    startDay: null,
    startTime: '08:00',
    endDay: null,
    endTime: '11:00',
    chairUserId: null,
    secretaryUserId: null,
    preparingUnitId: null,
    hallSiteId: null,
    place: '',
    online: true,
    unitIds: [],
    siteIds: [],
    persons: [],
    signerEnabled: false,
    signer: { authority: 'KT. CHỦ TỊCH', title: '', name: '' },
  };
}

export function formFromPlan(plan: MeetingPlan): PlanForm {
  const start = vietnamParts(plan.startsAt);
  const end = vietnamParts(plan.endsAt);
  return {
    title: plan.title,
    kind: plan.kind,
    startDay: start?.day ?? null,
    startTime: start?.time ?? '',
    endDay: end?.day ?? null,
    endTime: end?.time ?? '',
    chairUserId: plan.chair.id,
    secretaryUserId: plan.secretary?.id ?? null,
    preparingUnitId: plan.preparingUnit?.id ?? null,
    hallSiteId: plan.hallSite?.id ?? null,
    place: plan.place,
    online: plan.online,
    unitIds: plan.units.map((u) => u.id),
    siteIds: plan.sites.map((s) => s.id),
    persons: plan.persons.flatMap((p) =>
      (INVITED_ROLES as readonly string[]).includes(p.role)
        ? [{ userId: p.user.id, role: p.role as InvitedRole }]
        : [],
    ),
    signerEnabled: plan.signer !== null,
    signer: plan.signer ?? { authority: 'KT. CHỦ TỊCH', title: '', name: '' },
  };
}

/** What stops the form from being sent, in the order of the fields. */
export function planFormProblems(form: PlanForm): PlanFormProblem[] {
  const problems: PlanFormProblem[] = [];
  if (form.title.trim().length < 3) problems.push('title');
  const start = vietnamInstant(form.startDay, form.startTime);
  const end = vietnamInstant(form.endDay ?? form.startDay, form.endTime);
  if (!start) problems.push('start');
  if (!end) problems.push('end');
  if (start && end && Date.parse(end) <= Date.parse(start)) problems.push('order');
  if (!form.chairUserId) problems.push('chair');
  if (form.chairUserId && form.secretaryUserId === form.chairUserId)
    problems.push('sameChairSecretary');
  if (!form.hallSiteId && !form.place.trim() && !form.online) problems.push('place');
  if (form.signerEnabled && (!form.signer.title.trim() || !form.signer.name.trim()))
    problems.push('signer');
  return problems;
}

/** The request body; call only when `planFormProblems` is empty. The end day defaults to the start's. */
export function planInputOf(form: PlanForm): MeetingPlanInput {
  const startsAt = vietnamInstant(form.startDay, form.startTime);
  const endsAt = vietnamInstant(form.endDay ?? form.startDay, form.endTime);
  if (!startsAt || !endsAt || !form.chairUserId) throw new Error('The form has problems');
  return {
    title: form.title.trim(),
    kind: form.kind,
    startsAt,
    endsAt,
    chairUserId: form.chairUserId,
    secretaryUserId: form.secretaryUserId,
    preparingUnitId: form.preparingUnitId,
    hallSiteId: form.hallSiteId,
    place: form.place.trim(),
    online: form.online,
    unitIds: [...new Set(form.unitIds)],
    siteIds: [...new Set(form.siteIds)],
    persons: form.persons.filter((p, i, all) => all.findIndex((q) => q.userId === p.userId) === i),
    signer: form.signerEnabled
      ? {
          authority: form.signer.authority.trim(),
          title: form.signer.title.trim(),
          name: form.signer.name.trim(),
        }
      : null,
  };
}

/** One agenda item in the builder; `key` stays with the row as it moves. */
export interface AgendaRow {
  key: string;
  /** Absent until the agenda is saved. */
  id?: string;
  title: string;
  presentingUnitId: string | null;
  /** Planned clock time HH:mm, or ''. */
  start: string;
  /** Planned minutes, or null. */
  minutes: number | null;
  documentCount: number;
}

export type AgendaProblem = { index: number; problem: 'title' | 'start' };

export function agendaRowsOf(plan: MeetingPlan): AgendaRow[] {
  const startClock = vietnamParts(plan.startsAt)?.time ?? null;
  return plan.agenda.map((item) => ({
    key: item.id,
    id: item.id,
    title: item.title,
    presentingUnitId: item.presentingUnit?.id ?? null,
    start: offsetToClock(startClock, item.plannedStartMinutes),
    minutes: item.plannedMinutes,
    documentCount: item.documentCount,
  }));
}

/** A new last row, planned to start when the one before it ends (or when the meeting starts). */
export function newAgendaRow(
  rows: readonly AgendaRow[],
  meetingStart: string | null,
  key: string,
): AgendaRow {
  const last = rows.at(-1);
  let start = meetingStart ?? '';
  if (last) {
    const offset = clockToOffset(meetingStart, last.start);
    start =
      offset !== null && last.minutes !== null
        ? offsetToClock(meetingStart, offset + last.minutes)
        : '';
  }
  return { key, title: '', presentingUnitId: null, start, minutes: 30, documentCount: 0 };
}

/** The rows with the one at `index` moved by `delta` places (unchanged at either end). */
export function moveRow<R>(rows: readonly R[], index: number, delta: -1 | 1): R[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function agendaProblems(
  rows: readonly AgendaRow[],
  meetingStart: string | null,
): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  rows.forEach((row, index) => {
    if (!row.title.trim()) problems.push({ index, problem: 'title' });
    if (row.start && meetingStart && clockToOffset(meetingStart, row.start) === null)
      problems.push({ index, problem: 'start' });
  });
  return problems;
}

export function agendaInputOf(
  rows: readonly AgendaRow[],
  meetingStart: string | null,
): AgendaInput {
  return {
    items: rows.map((row) => ({
      ...(row.id ? { id: row.id } : {}),
      title: row.title.trim(),
      presentingUnitId: row.presentingUnitId,
      plannedStartMinutes: row.start ? clockToOffset(meetingStart, row.start) : null,
      plannedMinutes: row.minutes,
    })),
  };
}

/** How many invitations have each answer. */
export function responseCounts(
  invitations: readonly Pick<Invitation, 'response'>[],
): Record<InvitationResponse, number> {
  const counts: Record<InvitationResponse, number> = { pending: 0, attend: 0, absent: 0, proxy: 0 };
  for (const i of invitations) counts[i.response]++;
  return counts;
}

/**
 * An invitation its addressee has not opened since it last changed: never opened, or announced
 * to again (postponed, changed) after the last opening. The server counts the badge the same way.
 */
export function isUnseen(invitation: {
  seenAt: string | null;
  announcements: readonly { at: string }[];
}): boolean {
  const seen = invitation.seenAt;
  return seen === null || invitation.announcements.some((a) => a.at > seen);
}
