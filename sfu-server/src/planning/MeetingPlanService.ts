/**
 * Meetings the Office plans (issue #15 §3): validates every reference of a plan, writes it in one
 * transaction with its audit entry, sends the invitations on publication, and tells the invitees
 * what changed afterwards. Who may do what is decided by the policy (common/domain/policy.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  ForbiddenError,
  InvalidError,
  InvalidStateError,
  NotFoundError,
} from '../../../common/errors';
import type {
  AgendaInput,
  AnswerInvitation,
  CalendarEntry,
  MeetingPlan,
  MeetingPlanInput,
  MyInvitation,
  PlannablePerson,
  PlannableSite,
  PlannableUnit,
} from '../../../common/domain/meetingPlan';
import { can, organisesMeetings } from '../../../common/domain/policy';
import type { User } from '../../../common/domain/user';
import type { AppDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';
import { MeetingRepository } from '../db/repos/MeetingRepository';
import type { InvitationIssue } from '../notices/invitationPdf';
import { MeetingPlanRepository } from './MeetingPlanRepository';

const VIETNAM_OFFSET_MS = 7 * 3600_000;

export class MeetingPlanService {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  async create(user: User, input: MeetingPlanInput, now = new Date()): Promise<MeetingPlan> {
    if (!organisesMeetings(user.roles))
      throw new ForbiddenError('Only the Office’s staff create meetings');
    const id = randomUUID();
    await this.#savePlan(user, id, input, true, now);
    return (await this.get(user, id))!;
  }

  async update(
    user: User,
    meetingId: string,
    input: MeetingPlanInput,
    now = new Date(),
  ): Promise<MeetingPlan> {
    const before = await this.#requireOrganiser(user, meetingId);
    if (before.status === 'cancelled')
      throw new InvalidStateError('A cancelled meeting is not edited; plan a new one');
    await this.#savePlan(user, meetingId, input, false, now, before);
    return (await this.get(user, meetingId))!;
  }

  async get(user: User, meetingId: string): Promise<MeetingPlan> {
    const plan = await new MeetingPlanRepository(this.#db).get(meetingId);
    if (!plan) throw new NotFoundError('No such meeting');
    const role = await new MeetingRepository(this.#db).meetingRole(meetingId, user.id);
    if (!organisesMeetings(user.roles) && !can(role, 'agenda.manage', user.roles))
      throw new ForbiddenError('Only the Office, the chair and the secretary see the plan');
    return plan;
  }

  async listOwn(user: User): Promise<MeetingPlan[]> {
    const repo = new MeetingPlanRepository(this.#db);
    const ids = await repo.idsCreatedBy(user.id);
    const plans = await Promise.all(ids.map((id) => repo.get(id)));
    return plans.filter((p): p is MeetingPlan => p !== undefined);
  }

  /** Replaces the agenda: the Office, or the chair or secretary of *this* meeting. */
  async updateAgenda(
    user: User,
    meetingId: string,
    input: AgendaInput,
    now = new Date(),
  ): Promise<MeetingPlan> {
    const repo = new MeetingPlanRepository(this.#db);
    const status = await repo.status(meetingId);
    if (!status) throw new NotFoundError('No such meeting');
    const role = await new MeetingRepository(this.#db).meetingRole(meetingId, user.id);
    if (!can(role, 'agenda.manage', user.roles))
      throw new ForbiddenError('Only the Office, the chair and the secretary change the agenda');
    if (status === 'cancelled') throw new InvalidStateError('The meeting is cancelled');
    const unitIds = input.items.flatMap((i) => (i.presentingUnitId ? [i.presentingUnitId] : []));
    const refs = await repo.refs({ units: unitIds, sites: [], users: [] });
    for (const id of unitIds)
      if (!refs.units.has(id))
        throw new InvalidError(`No unit ${id}`, { field: 'presentingUnitId' });
    const current = await repo.get(meetingId);
    const known = new Set(current!.agenda.map((a) => a.id));
    for (const item of input.items)
      if (item.id && !known.has(item.id))
        throw new InvalidError('An agenda item of another meeting was named', { itemId: item.id });
    const removedWithDocuments = current!.agenda.filter(
      (a) => a.documentCount > 0 && !input.items.some((i) => i.id === a.id),
    );
    if (removedWithDocuments.length)
      throw new InvalidStateError(
        `Mục "${removedWithDocuments[0]!.title}" có tài liệu: gỡ hoặc chuyển tài liệu trước khi xóa mục.`,
      );
    const at = now.toISOString();
    await this.#db.transaction().execute(async (trx) => {
      const tx = new MeetingPlanRepository(trx);
      await tx.saveAgenda(
        meetingId,
        input,
        new Map([...refs.units].map(([id, u]) => [id, u.name])),
      );
      if (status !== 'draft')
        await tx.announce(meetingId, 'agenda_changed', 'Chương trình họp đã được điều chỉnh.', at);
      await new AuditLog(trx).record(
        {
          userId: user.id,
          action: 'meeting.agenda_changed',
          subject: meetingId,
          details: { items: input.items.length },
        },
        now,
      );
    });
    return (await repo.get(meetingId))!;
  }

  async publish(user: User, meetingId: string, now = new Date()): Promise<MeetingPlan> {
    const before = await this.#requireOrganiser(user, meetingId);
    if (before.status === 'cancelled') throw new InvalidStateError('The meeting is cancelled');
    if (before.status !== 'published') {
      if (before.units.length + before.sites.length + before.persons.length === 0)
        throw new InvalidStateError(
          'Mời ít nhất một đơn vị, điểm cầu hoặc đại biểu trước khi phát hành.',
        );
      const at = now.toISOString();
      await this.#db.transaction().execute(async (trx) => {
        const tx = new MeetingPlanRepository(trx);
        await tx.setStatus(meetingId, 'published', null, at);
        await tx.syncInvitations(meetingId, at);
        await new AuditLog(trx).record(
          { userId: user.id, action: 'meeting.published', subject: meetingId, details: null },
          now,
        );
      });
    }
    return (await new MeetingPlanRepository(this.#db).get(meetingId))!;
  }

  async setStatus(
    user: User,
    meetingId: string,
    status: 'postponed' | 'cancelled',
    reason: string,
    now = new Date(),
  ): Promise<MeetingPlan> {
    const before = await this.#requireOrganiser(user, meetingId);
    if (before.status === 'draft')
      throw new InvalidStateError('A draft is not postponed or cancelled: nobody was invited yet');
    if (before.status === 'cancelled') throw new InvalidStateError('The meeting is cancelled');
    const at = now.toISOString();
    await this.#db.transaction().execute(async (trx) => {
      const tx = new MeetingPlanRepository(trx);
      await tx.setStatus(meetingId, status, reason, at);
      await tx.announce(
        meetingId,
        status,
        `${status === 'postponed' ? 'Cuộc họp được hoãn' : 'Cuộc họp bị hủy'}: ${reason}`,
        at,
      );
      await new AuditLog(trx).record(
        { userId: user.id, action: `meeting.${status}`, subject: meetingId, details: { reason } },
        now,
      );
    });
    return (await new MeetingPlanRepository(this.#db).get(meetingId))!;
  }

  /** The user's invitations (as a person and for their unit) with the badge of unseen ones. */
  async myInvitations(
    user: User,
    now = new Date(),
  ): Promise<{ invitations: MyInvitation[]; unseen: number }> {
    const repo = new MeetingPlanRepository(this.#db);
    const refs = await repo.invitationIdsFor(user.id, user.agency.id);
    const byMeeting = new Map<string, string[]>();
    for (const r of refs) byMeeting.set(r.meetingId, [...(byMeeting.get(r.meetingId) ?? []), r.id]);
    const [seen, announcements] = await Promise.all([
      repo.seenAt(
        refs.map((r) => r.id),
        user.id,
      ),
      repo.announcements([...byMeeting.keys()]),
    ]);
    const invitations: MyInvitation[] = [];
    for (const [meetingId, ids] of byMeeting) {
      const plan = await repo.get(meetingId);
      if (!plan) continue;
      for (const invitation of await repo.invitations(meetingId, ids)) {
        invitations.push({
          ...invitation,
          seenAt: seen.get(invitation.id) ?? null,
          meeting: {
            id: plan.id,
            title: plan.title,
            kind: plan.kind,
            status: plan.status,
            startsAt: plan.startsAt,
            endsAt: plan.endsAt,
            place: placeOf(plan),
            online: plan.online,
            chairName: plan.chair.name,
          },
          canAnswer: mayAnswer(plan, now),
          announcements: (announcements.get(meetingId) ?? []) as MyInvitation['announcements'],
        });
      }
    }
    invitations.sort((a, b) => b.meeting.startsAt.localeCompare(a.meeting.startsAt));
    const unseen = invitations.filter(
      (i) => i.seenAt === null || i.announcements.some((a) => a.at > (i.seenAt ?? '')),
    ).length;
    return { invitations, unseen };
  }

  async markSeen(user: User, invitationId: string, now = new Date()): Promise<void> {
    await this.#requireAddressee(user, invitationId);
    await new MeetingPlanRepository(this.#db).markSeen(invitationId, user.id, now.toISOString());
  }

  /** Active people to choose as chair, secretary or invitee (the route allows only the Office). */
  people(): Promise<{ people: PlannablePerson[]; truncated: boolean }> {
    return new MeetingPlanRepository(this.#db).people();
  }

  /** Current units and the sites to invite (the route allows only the Office). */
  unitsAndSites(): Promise<{ units: PlannableUnit[]; sites: PlannableSite[] }> {
    return new MeetingPlanRepository(this.#db).unitsAndSites();
  }

  /** Whom the addressee may send: the active people of the invitation's unit. */
  async invitationPeople(
    user: User,
    invitationId: string,
  ): Promise<{ people: PlannablePerson[]; truncated: boolean }> {
    const row = await this.#requireAddressee(user, invitationId);
    return new MeetingPlanRepository(this.#db).people(row.unit_id);
  }

  async answer(
    user: User,
    invitationId: string,
    answer: AnswerInvitation,
    now = new Date(),
  ): Promise<MyInvitation> {
    const row = await this.#requireAddressee(user, invitationId);
    const repo = new MeetingPlanRepository(this.#db);
    const plan = (await repo.get(row.meeting_id))!;
    if (!mayAnswer(plan, now))
      throw new InvalidStateError(
        'Không thể trả lời nữa: cuộc họp đã bắt đầu, đã qua hoặc đã hủy.',
      );
    let attendee: string | null = null;
    let reason: string | null = null;
    switch (answer.response) {
      case 'attend':
        attendee = answer.attendeeUserId ?? row.user_id ?? user.id;
        break;
      case 'absent':
        reason = answer.reason;
        break;
      case 'proxy':
        attendee = answer.proxyUserId;
        reason = answer.reason ?? null;
        if (attendee === row.user_id)
          throw new InvalidError('Người dự thay phải là người khác', { field: 'proxyUserId' });
        break;
    }
    if (attendee) {
      const refs = await repo.refs({ units: [], sites: [], users: [attendee] });
      const person = refs.users.get(attendee);
      if (!person || person.disabled)
        throw new InvalidError('Không có người dùng này', { field: 'attendee' });
      if (person.unitId !== row.unit_id)
        throw new InvalidError('Người dự phải thuộc đơn vị được mời', { field: 'attendee' });
    }
    const at = now.toISOString();
    await this.#db.transaction().execute(async (trx) => {
      const tx = new MeetingPlanRepository(trx);
      await tx.answer(
        row,
        { response: answer.response, attendeeUserId: attendee, reason },
        user.id,
        at,
      );
      await tx.markSeen(invitationId, user.id, at);
      await new AuditLog(trx).record(
        {
          userId: user.id,
          action: 'invitation.answered',
          subject: invitationId,
          details: { meetingId: row.meeting_id, response: answer.response, attendee },
        },
        now,
      );
    });
    const mine = await this.myInvitations(user, now);
    return mine.invitations.find((i) => i.id === invitationId)!;
  }

  /** Facts and issue details of the giấy mời, for whoever may read it. */
  async invitationDocument(
    user: User,
    meetingId: string,
    now = new Date(),
  ): Promise<{ plan: MeetingPlan; issue: InvitationIssue }> {
    const repo = new MeetingPlanRepository(this.#db);
    const plan = await repo.get(meetingId);
    if (!plan || plan.status === 'draft') {
      if (plan && organisesMeetings(user.roles)) {
        // The Office previews a draft's invitation before publishing it.
      } else throw new NotFoundError('No such invitation');
    }
    const addressed = (await repo.invitationIdsFor(user.id, user.agency.id)).some(
      (r) => r.meetingId === meetingId,
    );
    const role = await new MeetingRepository(this.#db).meetingRole(meetingId, user.id);
    if (!addressed && !role && !organisesMeetings(user.roles))
      throw new ForbiddenError('You are not invited to this meeting');
    const province = await this.#db
      .selectFrom('units')
      .select('name')
      .where('kind', '=', 'province')
      .where('successor_id', 'is', null)
      .executeTakeFirst();
    const provinceName = province?.name ?? 'UBND tỉnh';
    const publishedYear = (plan!.publishedAt ?? now.toISOString()).slice(0, 4);
    const published = await this.#db
      .selectFrom('meetings')
      .select('id')
      .where('published_at', 'like', `${publishedYear}%`)
      .where('published_at', '<=', plan!.publishedAt ?? now.toISOString())
      .execute();
    return {
      plan: plan!,
      issue: {
        issuer: { superior: provinceName.toUpperCase(), name: 'VĂN PHÒNG' },
        number: `${Math.max(1, published.length)}/GM-VP`,
        placeName: placeNameOf(provinceName),
        issuedAt: plan!.publishedAt ? new Date(plan!.publishedAt) : now,
        recipients: ['- Như thành phần mời;', '- Lưu: VT.'],
      },
    };
  }

  /** The province's published meetings of the week containing `day` (YYYY-MM-DD, Vietnam). */
  async week(
    day: string,
    unitId: string | undefined,
  ): Promise<{ weekStart: Date; weekEnd: Date; entries: CalendarEntry[] }> {
    const { weekStart, weekEnd } = weekOf(day);
    let query = this.#db
      .selectFrom('meetings')
      .innerJoin('users as chair', 'chair.id', 'meetings.chair_user_id')
      .leftJoin('units as prep', 'prep.id', 'meetings.preparing_unit_id')
      .leftJoin('sites as hall', 'hall.id', 'meetings.hall_site_id')
      .select([
        'meetings.id',
        'meetings.title',
        'meetings.kind',
        'meetings.status',
        'meetings.starts_at',
        'meetings.ends_at',
        'meetings.place',
        'meetings.online',
        'chair.full_name as chair_name',
        'prep.name as prep_name',
        'hall.name as hall_name',
      ])
      .where('meetings.status', '!=', 'draft')
      // Stored times carry the offset they were typed with: a day's slack on each side, by date
      // prefix, then the exact instants below.
      .where('meetings.starts_at', '>=', dayBefore(weekStart))
      .where('meetings.starts_at', '<', dayBefore(new Date(weekEnd.getTime() + 2 * 86_400_000)))
      .orderBy('meetings.starts_at')
      .limit(500);
    if (unitId)
      query = query.where((eb) =>
        eb.or([
          eb('meetings.preparing_unit_id', '=', unitId),
          eb('meetings.id', 'in', (s) =>
            s.selectFrom('meeting_units').select('meeting_id').where('unit_id', '=', unitId),
          ),
          eb('meetings.id', 'in', (s) =>
            s.selectFrom('invitations').select('meeting_id').where('unit_id', '=', unitId),
          ),
        ]),
      );
    const rows = await query.execute();
    const participants = new Map<string, string[]>();
    if (rows.length) {
      const invited = await this.#db
        .selectFrom('invitations')
        .innerJoin('units', 'units.id', 'invitations.unit_id')
        .select(['invitations.meeting_id', 'units.name'])
        .where(
          'invitations.meeting_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      for (const i of invited)
        participants.set(i.meeting_id, [
          ...new Set([...(participants.get(i.meeting_id) ?? []), i.name]),
        ]);
    }
    // Times are stored with their offset as typed; compare instants, not strings, at the edges.
    const entries = rows
      .filter((r) => {
        const t = Date.parse(r.starts_at);
        return t >= weekStart.getTime() && t < weekEnd.getTime();
      })
      .map((r) => ({
        meetingId: r.id,
        title: r.title,
        kind: r.kind as CalendarEntry['kind'],
        status: r.status as CalendarEntry['status'],
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        place: [r.hall_name, r.place].filter(Boolean).join(' — '),
        online: r.online !== 0,
        chairName: r.chair_name,
        preparingUnit: r.prep_name,
        participants: (participants.get(r.id) ?? []).join(', '),
      }));
    return { weekStart, weekEnd, entries };
  }

  async #requireOrganiser(user: User, meetingId: string): Promise<MeetingPlan> {
    const plan = await new MeetingPlanRepository(this.#db).get(meetingId);
    if (!plan) throw new NotFoundError('No such meeting');
    if (!organisesMeetings(user.roles))
      throw new ForbiddenError('Only the Office’s staff edit, publish or cancel a meeting');
    return plan;
  }

  /** The invitation, if `user` is its person or (for a unit's) one of the unit's people. */
  async #requireAddressee(user: User, invitationId: string) {
    const row = await new MeetingPlanRepository(this.#db).invitationRow(invitationId);
    if (!row) throw new NotFoundError('No such invitation');
    const status = await new MeetingPlanRepository(this.#db).status(row.meeting_id);
    const mine = row.user_id ? row.user_id === user.id : row.unit_id === user.agency.id;
    if (!mine || status === 'draft')
      throw new ForbiddenError('This invitation is not addressed to you');
    return row;
  }

  async #savePlan(
    user: User,
    meetingId: string,
    input: MeetingPlanInput,
    isNew: boolean,
    now: Date,
    before?: MeetingPlan,
  ): Promise<void> {
    const repo = new MeetingPlanRepository(this.#db);
    const userIds = [
      input.chairUserId,
      ...(input.secretaryUserId ? [input.secretaryUserId] : []),
      ...input.persons.map((p) => p.userId),
    ];
    const refs = await repo.refs({
      units: [...input.unitIds, ...(input.preparingUnitId ? [input.preparingUnitId] : [])],
      sites: [...input.siteIds, ...(input.hallSiteId ? [input.hallSiteId] : [])],
      users: userIds,
    });
    for (const id of userIds) {
      const u = refs.users.get(id);
      if (!u) throw new InvalidError(`Không có người dùng ${id}`, { field: 'users', id });
      if (u.disabled)
        throw new InvalidError(`${u.name} đã bị khóa tài khoản`, { field: 'users', id });
    }
    for (const id of [
      ...input.unitIds,
      ...(input.preparingUnitId ? [input.preparingUnitId] : []),
    ]) {
      const u = refs.units.get(id);
      if (!u) throw new InvalidError(`Không có đơn vị ${id}`, { field: 'units', id });
      if (u.merged)
        throw new InvalidError(`${u.name} đã sáp nhập: mời đơn vị kế thừa`, { field: 'units', id });
    }
    for (const id of [...input.siteIds, ...(input.hallSiteId ? [input.hallSiteId] : [])])
      if (!refs.sites.has(id))
        throw new InvalidError(`Không có điểm cầu ${id}`, { field: 'sites', id });
    if (input.secretaryUserId === input.chairUserId)
      throw new InvalidError('Chủ trì và thư ký phải là hai người', { field: 'secretaryUserId' });
    const hall = input.hallSiteId ? refs.sites.get(input.hallSiteId)!.name : null;
    const place =
      [hall, input.place].filter(Boolean).join(' — ') || (input.online ? 'Trực tuyến' : '');
    if (!place) throw new InvalidError('Chọn hội trường hoặc ghi địa điểm', { field: 'place' });
    const organizer = input.preparingUnitId
      ? refs.units.get(input.preparingUnitId)!.name
      : user.agency.name;
    const at = now.toISOString();
    await this.#db.transaction().execute(async (trx) => {
      const tx = new MeetingPlanRepository(trx);
      await tx.savePlan(
        meetingId,
        { ...input },
        { place: input.place, organizer },
        user.id,
        at,
        isNew,
      );
      if (before && before.status !== 'draft') {
        await tx.syncInvitations(meetingId, at);
        const changes = describeChanges(before, input, hall);
        if (changes) await tx.announce(meetingId, 'changed', changes, at);
      }
      await new AuditLog(trx).record(
        {
          userId: user.id,
          action: isNew ? 'meeting.created' : 'meeting.updated',
          subject: meetingId,
          details: { title: input.title },
        },
        now,
      );
    });
  }
}

const dayBefore = (at: Date) => new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10);

function mayAnswer(plan: MeetingPlan, now: Date): boolean {
  return (
    (plan.status === 'published' || plan.status === 'postponed') &&
    now.getTime() < Date.parse(plan.startsAt)
  );
}

function placeOf(plan: MeetingPlan): string {
  return [plan.hallSite?.name, plan.place].filter(Boolean).join(' — ');
}

/** "UBND thành phố Hải Phòng" → "Hải Phòng", as the place line of a document writes it. */
function placeNameOf(provinceName: string): string {
  return provinceName
    .replace(/^(UBND|Ủy ban nhân dân)\s+/i, '')
    .replace(/^(tỉnh|thành phố)\s+/i, '');
}

/** The Monday 00:00 (Vietnam) of the week holding `day`, and the next Monday. */
export function weekOf(day: string): { weekStart: Date; weekEnd: Date } {
  const midnightVn = Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS;
  if (Number.isNaN(midnightVn)) throw new InvalidError('week must be a date YYYY-MM-DD');
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const weekStart = new Date(midnightVn - weekday * 86_400_000);
  return { weekStart, weekEnd: new Date(weekStart.getTime() + 7 * 86_400_000) };
}

/** What invitees are told when a published meeting's time or place changes; null: nothing to tell. */
function describeChanges(
  before: MeetingPlan,
  input: MeetingPlanInput,
  hall: string | null,
): string | null {
  const parts: string[] = [];
  if (
    Date.parse(before.startsAt) !== Date.parse(input.startsAt) ||
    Date.parse(before.endsAt) !== Date.parse(input.endsAt)
  )
    parts.push('thời gian');
  if ((before.hallSite?.name ?? null) !== hall || before.place !== input.place)
    parts.push('địa điểm');
  if (before.title !== input.title) parts.push('nội dung');
  if (before.chair.id !== input.chairUserId) parts.push('người chủ trì');
  return parts.length ? `Cuộc họp thay đổi ${parts.join(', ')}.` : null;
}
