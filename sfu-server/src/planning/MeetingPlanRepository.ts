/**
 * The rows of a planned meeting: the meeting, its invited units, sites and persons, its agenda,
 * invitations and announcements. Reads assemble a `MeetingPlan`; writes are called inside the
 * service's transactions (pass the transaction as `db`).
 */
import { randomUUID } from 'node:crypto';
import {
  PEOPLE_LIST_MAX,
  type AgendaInput,
  type Invitation,
  type MeetingPlan,
  type MeetingPlanInput,
  type MeetingStatus,
  type PlannablePerson,
  type PlannableSite,
  type PlannableUnit,
} from '../../../common/domain/meetingPlan';
import type { MeetingRole } from '../../../common/domain/policy';
import type { AppDatabase } from '../db/database';

type Ref = { id: string; name: string };

export class MeetingPlanRepository {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  async status(meetingId: string): Promise<MeetingStatus | undefined> {
    const row = await this.#db
      .selectFrom('meetings')
      .select('status')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    return row?.status as MeetingStatus | undefined;
  }

  /** Ids of the meetings `userId` created (the Office's own list), newest first. */
  async idsCreatedBy(userId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('meetings')
      .select('id')
      .where('created_by', '=', userId)
      .orderBy('starts_at', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => r.id);
  }

  async get(meetingId: string): Promise<MeetingPlan | undefined> {
    const m = await this.#db
      .selectFrom('meetings')
      .innerJoin('users as chair', 'chair.id', 'meetings.chair_user_id')
      .leftJoin('units as prep', 'prep.id', 'meetings.preparing_unit_id')
      .leftJoin('sites as hall', 'hall.id', 'meetings.hall_site_id')
      .selectAll('meetings')
      .select(['chair.full_name as chair_name', 'prep.name as prep_name', 'hall.name as hall_name'])
      .where('meetings.id', '=', meetingId)
      .executeTakeFirst();
    if (!m) return undefined;
    const [units, sites, persons, items, documentCounts, invitations] = await Promise.all([
      this.#db
        .selectFrom('meeting_units')
        .innerJoin('units', 'units.id', 'meeting_units.unit_id')
        .select(['units.id', 'units.name'])
        .where('meeting_id', '=', meetingId)
        .orderBy('units.name')
        .execute(),
      this.#db
        .selectFrom('meeting_sites')
        .innerJoin('sites', 'sites.id', 'meeting_sites.site_id')
        .select(['sites.id', 'sites.name'])
        .where('meeting_id', '=', meetingId)
        .where('meeting_sites.is_host', '=', 0)
        .orderBy('sites.name')
        .execute(),
      this.#db
        .selectFrom('meeting_participants as p')
        .innerJoin('users', 'users.id', 'p.user_id')
        .innerJoin('units', 'units.id', 'users.unit_id')
        .select([
          'users.id',
          'users.full_name',
          'units.id as unit_id',
          'units.name as unit_name',
          'p.meeting_role',
        ])
        .where('p.meeting_id', '=', meetingId)
        .where('p.invitation_id', 'is', null)
        .orderBy('users.full_name')
        .execute(),
      this.#db
        .selectFrom('agenda_items')
        .leftJoin('units', 'units.id', 'agenda_items.presenting_unit_id')
        .select([
          'agenda_items.id',
          'agenda_items.position',
          'agenda_items.title',
          'agenda_items.presenter',
          'agenda_items.presenting_unit_id',
          'agenda_items.planned_start_minutes',
          'agenda_items.planned_minutes',
          'units.name as unit_name',
        ])
        .where('agenda_items.meeting_id', '=', meetingId)
        .orderBy('agenda_items.position')
        .execute(),
      this.#db
        .selectFrom('documents')
        .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
        .select(['documents.agenda_item_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('agenda_items.meeting_id', '=', meetingId)
        .groupBy('documents.agenda_item_id')
        .execute(),
      this.invitations(meetingId),
    ]);
    const secretary = persons.find((p) => p.meeting_role === 'secretary');
    const counts = new Map(documentCounts.map((d) => [d.agenda_item_id, Number(d.n)]));
    return {
      id: m.id,
      status: m.status as MeetingStatus,
      title: m.title,
      kind: m.kind as MeetingPlan['kind'],
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      chair: { id: m.chair_user_id, name: m.chair_name },
      secretary: secretary ? { id: secretary.id, name: secretary.full_name } : null,
      preparingUnit: m.preparing_unit_id ? { id: m.preparing_unit_id, name: m.prep_name! } : null,
      hallSite: m.hall_site_id ? { id: m.hall_site_id, name: m.hall_name! } : null,
      place: m.place,
      online: m.online !== 0,
      units,
      sites,
      persons: persons
        .filter((p) => p.meeting_role !== 'chair' && p.meeting_role !== 'secretary')
        .map((p) => ({
          user: { id: p.id, name: p.full_name },
          unit: { id: p.unit_id, name: p.unit_name },
          role: p.meeting_role as MeetingRole,
        })),
      signer: m.signer_json ? (JSON.parse(m.signer_json) as MeetingPlan['signer']) : null,
      agenda: items.map((i) => ({
        id: i.id,
        position: i.position,
        title: i.title,
        presentingUnit: i.presenting_unit_id
          ? { id: i.presenting_unit_id, name: i.unit_name ?? i.presenter ?? '' }
          : null,
        plannedStartMinutes: i.planned_start_minutes,
        plannedMinutes: i.planned_minutes,
        documentCount: counts.get(i.id) ?? 0,
      })),
      invitations,
      invitationDocumentId: null,
      publishedAt: m.published_at,
      statusReason: m.status_reason,
      updatedAt: m.updated_at ?? m.created_at,
    };
  }

  /** Every invitation of a meeting, units first, with who answered and who attends. */
  async invitations(meetingId: string, ids?: readonly string[]): Promise<Invitation[]> {
    let query = this.#db
      .selectFrom('invitations as i')
      .innerJoin('units', 'units.id', 'i.unit_id')
      .leftJoin('users as person', 'person.id', 'i.user_id')
      .leftJoin('sites', 'sites.id', 'i.site_id')
      .leftJoin('users as attendee', 'attendee.id', 'i.attendee_user_id')
      .leftJoin('users as responder', 'responder.id', 'i.responded_by')
      .select([
        'i.id',
        'i.meeting_id',
        'i.unit_id',
        'units.name as unit_name',
        'i.user_id',
        'person.full_name as person_name',
        'i.site_id',
        'sites.name as site_name',
        'i.response',
        'i.attendee_user_id',
        'attendee.full_name as attendee_name',
        'i.reason',
        'i.responded_by',
        'responder.full_name as responder_name',
        'i.responded_at',
      ])
      .where('i.meeting_id', '=', meetingId)
      .orderBy('i.user_id', 'asc')
      .orderBy('units.name');
    if (ids) query = query.where('i.id', 'in', ids.length ? [...ids] : ['']);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      addressee: r.user_id
        ? {
            kind: 'person' as const,
            user: { id: r.user_id, name: r.person_name! },
            unit: { id: r.unit_id, name: r.unit_name },
          }
        : { kind: 'unit' as const, unit: { id: r.unit_id, name: r.unit_name } },
      site: r.site_id ? { id: r.site_id, name: r.site_name! } : null,
      response: r.response as Invitation['response'],
      attendee: r.attendee_user_id ? { id: r.attendee_user_id, name: r.attendee_name! } : null,
      reason: r.reason,
      respondedBy: r.responded_by ? { id: r.responded_by, name: r.responder_name! } : null,
      respondedAt: r.responded_at,
      seenAt: null,
    }));
  }

  /** Writes the plan's own rows: the meeting, its units, sites and named participants. */
  async savePlan(
    meetingId: string,
    input: MeetingPlanInput,
    names: { place: string; organizer: string },
    actorId: string,
    now: string,
    isNew: boolean,
  ): Promise<void> {
    const values = {
      title: input.title,
      organizer: names.organizer,
      place: names.place,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      chair_user_id: input.chairUserId,
      kind: input.kind,
      online: input.online ? 1 : 0,
      preparing_unit_id: input.preparingUnitId,
      hall_site_id: input.hallSiteId,
      signer_json: input.signer ? JSON.stringify(input.signer) : null,
      updated_at: now,
    };
    if (isNew) {
      await this.#db
        .insertInto('meetings')
        .values({
          id: meetingId,
          ...values,
          status: 'draft',
          created_at: now,
          created_by: actorId,
          status_reason: null,
          published_at: null,
        })
        .execute();
    } else {
      await this.#db.updateTable('meetings').set(values).where('id', '=', meetingId).execute();
    }
    await this.#db.deleteFrom('meeting_units').where('meeting_id', '=', meetingId).execute();
    if (input.unitIds.length)
      await this.#db
        .insertInto('meeting_units')
        .values([...new Set(input.unitIds)].map((unit_id) => ({ meeting_id: meetingId, unit_id })))
        .execute();
    await this.#db.deleteFrom('meeting_sites').where('meeting_id', '=', meetingId).execute();
    const sites = new Map<string, number>();
    if (input.hallSiteId) sites.set(input.hallSiteId, 1);
    for (const id of input.siteIds) if (!sites.has(id)) sites.set(id, 0);
    if (sites.size)
      await this.#db
        .insertInto('meeting_sites')
        .values(
          [...sites].map(([site_id, is_host]) => ({ meeting_id: meetingId, site_id, is_host })),
        )
        .execute();
    // Named participants are replaced; those taking part through a unit's answer stay.
    await this.#db
      .deleteFrom('meeting_participants')
      .where('meeting_id', '=', meetingId)
      .where('invitation_id', 'is', null)
      .execute();
    const roles = new Map<string, MeetingRole>();
    for (const p of input.persons) roles.set(p.userId, p.role);
    if (input.secretaryUserId) roles.set(input.secretaryUserId, 'secretary');
    roles.set(input.chairUserId, 'chair');
    // A named role outranks a seat through a unit's answer: drop that seat to keep one row.
    await this.#db
      .deleteFrom('meeting_participants')
      .where('meeting_id', '=', meetingId)
      .where('user_id', 'in', [...roles.keys()])
      .execute();
    await this.#db
      .insertInto('meeting_participants')
      .values(
        [...roles].map(([user_id, meeting_role]) => ({
          meeting_id: meetingId,
          user_id,
          meeting_role,
          invitation_id: null,
        })),
      )
      .execute();
  }

  /** Replaces the agenda; items keep their id (and documents) when listed again. */
  async saveAgenda(
    meetingId: string,
    input: AgendaInput,
    unitNames: ReadonlyMap<string, string>,
  ): Promise<void> {
    const existing = await this.#db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .execute();
    const kept = new Set(input.items.flatMap((i) => (i.id ? [i.id] : [])));
    const removed = existing.map((e) => e.id).filter((id) => !kept.has(id));
    if (removed.length)
      await this.#db.deleteFrom('agenda_items').where('id', 'in', removed).execute();
    // Positions move through negatives first: (meeting, position) may be unique.
    for (const [index, item] of input.items.entries()) {
      const values = {
        position: -(index + 1),
        title: item.title,
        presenter: item.presentingUnitId ? (unitNames.get(item.presentingUnitId) ?? null) : null,
        presenting_unit_id: item.presentingUnitId,
        planned_start_minutes: item.plannedStartMinutes,
        planned_minutes: item.plannedMinutes,
      };
      if (item.id)
        await this.#db.updateTable('agenda_items').set(values).where('id', '=', item.id).execute();
      else
        await this.#db
          .insertInto('agenda_items')
          .values({ id: randomUUID(), meeting_id: meetingId, ...values })
          .execute();
    }
    await this.#db
      .updateTable('agenda_items')
      .set((eb) => ({ position: eb.neg(eb.ref('position')) }))
      .where('meeting_id', '=', meetingId)
      .where('position', '<', 0)
      .execute();
  }

  async setStatus(
    meetingId: string,
    status: MeetingStatus,
    reason: string | null,
    now: string,
  ): Promise<void> {
    await this.#db
      .updateTable('meetings')
      .set({
        status,
        status_reason: reason,
        updated_at: now,
        ...(status === 'published' ? { published_at: now } : {}),
      })
      .where('id', '=', meetingId)
      .execute();
  }

  async announce(meetingId: string, kind: string, text: string, now: string): Promise<void> {
    await this.#db
      .insertInto('meeting_announcements')
      .values({ id: randomUUID(), meeting_id: meetingId, kind, text, at: now })
      .execute();
  }

  /**
   * Makes the invitations match the plan: one per invited unit (sites add their unit) and one per
   * named person other than the chair and the secretary. Invitations no longer matching are
   * removed with the seats taken through them; answered ones that still match are kept.
   */
  async syncInvitations(meetingId: string, now: string): Promise<void> {
    const [units, sites, persons, existing] = await Promise.all([
      this.#db
        .selectFrom('meeting_units')
        .select('unit_id')
        .where('meeting_id', '=', meetingId)
        .execute(),
      this.#db
        .selectFrom('meeting_sites')
        .innerJoin('sites', 'sites.id', 'meeting_sites.site_id')
        .select(['sites.id', 'sites.unit_id'])
        .where('meeting_id', '=', meetingId)
        .where('meeting_sites.is_host', '=', 0)
        .execute(),
      this.#db
        .selectFrom('meeting_participants as p')
        .innerJoin('users', 'users.id', 'p.user_id')
        .select(['users.id', 'users.unit_id', 'users.site_id'])
        .where('p.meeting_id', '=', meetingId)
        .where('p.invitation_id', 'is', null)
        .where('p.meeting_role', 'not in', ['chair', 'secretary'])
        .execute(),
      this.#db
        .selectFrom('invitations')
        .select(['id', 'unit_id', 'user_id', 'site_id'])
        .where('meeting_id', '=', meetingId)
        .execute(),
    ]);
    const wanted = new Map<
      string,
      { unit_id: string; user_id: string | null; site_id: string | null }
    >();
    const siteOfUnit = new Map(sites.map((s) => [s.unit_id, s.id]));
    for (const u of units)
      wanted.set(`u:${u.unit_id}`, {
        unit_id: u.unit_id,
        user_id: null,
        site_id: siteOfUnit.get(u.unit_id) ?? null,
      });
    for (const s of sites)
      if (!wanted.has(`u:${s.unit_id}`))
        wanted.set(`u:${s.unit_id}`, { unit_id: s.unit_id, user_id: null, site_id: s.id });
    for (const p of persons)
      wanted.set(`p:${p.id}`, { unit_id: p.unit_id, user_id: p.id, site_id: p.site_id });
    const keyOf = (r: { unit_id: string; user_id: string | null }) =>
      r.user_id ? `p:${r.user_id}` : `u:${r.unit_id}`;
    const stale = existing.filter((e) => !wanted.has(keyOf(e))).map((e) => e.id);
    if (stale.length) {
      await this.#db
        .deleteFrom('meeting_participants')
        .where('meeting_id', '=', meetingId)
        .where('invitation_id', 'in', stale)
        .execute();
      await this.#db.deleteFrom('invitations').where('id', 'in', stale).execute();
    }
    const have = new Set(existing.map(keyOf));
    const fresh = [...wanted].filter(([key]) => !have.has(key));
    if (fresh.length)
      await this.#db
        .insertInto('invitations')
        .values(
          fresh.map(([, w]) => ({
            id: randomUUID(),
            meeting_id: meetingId,
            ...w,
            created_at: now,
          })),
        )
        .execute();
  }

  /** Invitation ids addressed to `userId` or to their unit, of meetings not in draft. */
  async invitationIdsFor(
    userId: string,
    unitId: string,
  ): Promise<{ id: string; meetingId: string }[]> {
    const rows = await this.#db
      .selectFrom('invitations as i')
      .innerJoin('meetings', 'meetings.id', 'i.meeting_id')
      .select(['i.id', 'i.meeting_id'])
      .where('meetings.status', '!=', 'draft')
      .where((eb) =>
        eb.or([
          eb('i.user_id', '=', userId),
          eb.and([eb('i.user_id', 'is', null), eb('i.unit_id', '=', unitId)]),
        ]),
      )
      .orderBy('meetings.starts_at', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => ({ id: r.id, meetingId: r.meeting_id }));
  }

  async seenAt(invitationIds: readonly string[], userId: string): Promise<Map<string, string>> {
    if (invitationIds.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('invitation_views')
      .select(['invitation_id', 'seen_at'])
      .where('user_id', '=', userId)
      .where('invitation_id', 'in', [...invitationIds])
      .execute();
    return new Map(rows.map((r) => [r.invitation_id, r.seen_at]));
  }

  async markSeen(invitationId: string, userId: string, now: string): Promise<void> {
    await this.#db
      .insertInto('invitation_views')
      .values({ invitation_id: invitationId, user_id: userId, seen_at: now })
      .onConflict((oc) => oc.columns(['invitation_id', 'user_id']).doUpdateSet({ seen_at: now }))
      .execute();
  }

  async announcements(
    meetingIds: readonly string[],
  ): Promise<Map<string, { at: string; kind: string; text: string }[]>> {
    const byMeeting = new Map<string, { at: string; kind: string; text: string }[]>();
    if (meetingIds.length === 0) return byMeeting;
    const rows = await this.#db
      .selectFrom('meeting_announcements')
      .select(['meeting_id', 'at', 'kind', 'text'])
      .where('meeting_id', 'in', [...meetingIds])
      .orderBy('at', 'desc')
      .execute();
    for (const r of rows) byMeeting.set(r.meeting_id, [...(byMeeting.get(r.meeting_id) ?? []), r]);
    return byMeeting;
  }

  async invitationRow(invitationId: string) {
    return this.#db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', invitationId)
      .executeTakeFirst();
  }

  /** Records an answer and gives the attendee (or proxy) a seat; the previous seat goes. */
  async answer(
    invitation: { id: string; meeting_id: string; user_id: string | null },
    answer: { response: string; attendeeUserId: string | null; reason: string | null },
    responderId: string,
    now: string,
  ): Promise<void> {
    await this.#db
      .updateTable('invitations')
      .set({
        response: answer.response,
        attendee_user_id: answer.attendeeUserId,
        reason: answer.reason,
        responded_by: responderId,
        responded_at: now,
      })
      .where('id', '=', invitation.id)
      .execute();
    await this.#db
      .deleteFrom('meeting_participants')
      .where('meeting_id', '=', invitation.meeting_id)
      .where('invitation_id', '=', invitation.id)
      .execute();
    // A person's proxy attends in their place: the invitee stays listed, absent, with the proxy.
    if (invitation.user_id) {
      await this.#db
        .deleteFrom('attendance')
        .where('meeting_id', '=', invitation.meeting_id)
        .where('user_id', '=', invitation.user_id)
        .where('checked_in_at', 'is', null)
        .execute();
      if (answer.response !== 'attend')
        await this.#db
          .insertInto('attendance')
          .values({
            meeting_id: invitation.meeting_id,
            user_id: invitation.user_id,
            status: 'absent',
            checked_in_at: null,
            checked_in_by: null,
            absence_reason: answer.reason,
            proxy_user_id: answer.response === 'proxy' ? answer.attendeeUserId : null,
            updated_at: now,
          })
          .execute();
    }
    const seat = answer.attendeeUserId;
    if (!seat || seat === invitation.user_id) return;
    const already = await this.#db
      .selectFrom('meeting_participants')
      .select('user_id')
      .where('meeting_id', '=', invitation.meeting_id)
      .where('user_id', '=', seat)
      .executeTakeFirst();
    if (!already)
      await this.#db
        .insertInto('meeting_participants')
        .values({
          meeting_id: invitation.meeting_id,
          user_id: seat,
          meeting_role: 'delegate',
          invitation_id: invitation.id,
        })
        .execute();
  }

  /** Names of units and sites and whether users exist, for validating a plan in one round. */
  async refs(ids: {
    units: readonly string[];
    sites: readonly string[];
    users: readonly string[];
  }): Promise<{
    units: Map<string, { name: string; merged: boolean }>;
    sites: Map<string, Ref & { unitId: string }>;
    users: Map<string, { name: string; unitId: string; disabled: boolean }>;
  }> {
    const none = [''];
    const [units, sites, users] = await Promise.all([
      this.#db
        .selectFrom('units')
        .select(['id', 'name', 'successor_id'])
        .where('id', 'in', ids.units.length ? [...ids.units] : none)
        .execute(),
      this.#db
        .selectFrom('sites')
        .select(['id', 'name', 'unit_id'])
        .where('id', 'in', ids.sites.length ? [...ids.sites] : none)
        .execute(),
      this.#db
        .selectFrom('users')
        .select(['id', 'full_name', 'unit_id', 'disabled'])
        .where('id', 'in', ids.users.length ? [...ids.users] : none)
        .execute(),
    ]);
    return {
      units: new Map(units.map((u) => [u.id, { name: u.name, merged: u.successor_id !== null }])),
      sites: new Map(sites.map((s) => [s.id, { id: s.id, name: s.name, unitId: s.unit_id }])),
      users: new Map(
        users.map((u) => [
          u.id,
          { name: u.full_name, unitId: u.unit_id, disabled: u.disabled !== 0 },
        ]),
      ),
    };
  }

  /**
   * Active people by name (of one unit when `unitId` is given), at most `PEOPLE_LIST_MAX`;
   * `truncated` when there were more.
   */
  async people(unitId?: string): Promise<{ people: PlannablePerson[]; truncated: boolean }> {
    let query = this.#db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .innerJoin('sites', 'sites.id', 'users.site_id')
      .select([
        'users.id',
        'users.full_name',
        'users.title',
        'units.id as unit_id',
        'units.name as unit_name',
        'sites.id as site_id',
        'sites.name as site_name',
      ])
      .where('users.disabled', '=', 0)
      .orderBy('users.full_name')
      .orderBy('users.id')
      .limit(PEOPLE_LIST_MAX + 1);
    if (unitId) query = query.where('users.unit_id', '=', unitId);
    const rows = await query.execute();
    return {
      people: rows.slice(0, PEOPLE_LIST_MAX).map((r) => ({
        id: r.id,
        fullName: r.full_name,
        title: r.title,
        unit: { id: r.unit_id, name: r.unit_name },
        site: { id: r.site_id, name: r.site_name },
      })),
      truncated: rows.length > PEOPLE_LIST_MAX,
    };
  }

  /** Current (not merged) units, parents before children and siblings by name; every site. */
  async unitsAndSites(): Promise<{ units: PlannableUnit[]; sites: PlannableSite[] }> {
    const [units, sites] = await Promise.all([
      this.#db
        .selectFrom('units')
        .select(['id', 'name', 'short_name', 'kind', 'parent_id'])
        .where('successor_id', 'is', null)
        .orderBy('name')
        .execute(),
      this.#db
        .selectFrom('sites')
        .innerJoin('units', 'units.id', 'sites.unit_id')
        .select(['sites.id', 'sites.name', 'units.id as unit_id', 'units.name as unit_name'])
        .orderBy('sites.name')
        .execute(),
    ]);
    // Tree order: each unit after its parent, siblings by name (the query's order).
    const children = new Map<string | null, typeof units>();
    const ids = new Set(units.map((u) => u.id));
    for (const u of units) {
      const parent = u.parent_id && ids.has(u.parent_id) ? u.parent_id : null;
      children.set(parent, [...(children.get(parent) ?? []), u]);
    }
    const ordered: PlannableUnit[] = [];
    const visit = (parent: string | null) => {
      for (const u of children.get(parent) ?? []) {
        ordered.push({
          id: u.id,
          name: u.name,
          shortName: u.short_name,
          kind: u.kind,
          parentId: u.parent_id,
        });
        visit(u.id);
      }
    };
    visit(null);
    return {
      units: ordered,
      sites: sites.map((s) => ({
        id: s.id,
        name: s.name,
        unit: { id: s.unit_id, name: s.unit_name },
      })),
    };
  }
}
