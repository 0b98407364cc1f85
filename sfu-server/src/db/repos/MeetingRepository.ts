import {
  meetingPhase,
  type MeetingDetail,
  type MeetingSummary,
} from '../../../../common/domain/meeting';
import type { AppDatabase } from '../database';

export type MeetingRole = MeetingDetail['participants'][number]['meetingRole'];

export class MeetingRepository {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  /** Meetings the user is invited to (all of them for `everyone`, e.g. an admin), soonest first. */
  async listFor(userId: string, everyone: boolean, now = new Date()): Promise<MeetingSummary[]> {
    let query = this.#db
      .selectFrom('meetings')
      .innerJoin('users as chair', 'chair.id', 'meetings.chair_user_id')
      // The user's own participant row (one at most: the key is meeting and user).
      .leftJoin('meeting_participants as mine', (join) =>
        join.onRef('mine.meeting_id', '=', 'meetings.id').on('mine.user_id', '=', userId),
      )
      .select((eb) => [
        'meetings.id',
        'meetings.title',
        'meetings.starts_at',
        'meetings.ends_at',
        'meetings.place',
        'chair.full_name as chair_name',
        'mine.meeting_role as my_role',
        eb
          .selectFrom('meeting_sites')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('meeting_sites.meeting_id', '=', 'meetings.id')
          .as('site_count'),
      ])
      .orderBy('meetings.starts_at', 'desc');
    if (!everyone) {
      // A draft is the Office's until published.
      query = query.where('meetings.status', '!=', 'draft').where('mine.user_id', 'is not', null);
    }
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      chairName: r.chair_name,
      phase: meetingPhase(r.starts_at, r.ends_at, now),
      siteCount: Number(r.site_count ?? 0),
      myRole: (r.my_role as MeetingRole | null) ?? null,
    }));
  }

  /** The user's role in the meeting, or undefined when not invited. */
  async meetingRole(meetingId: string, userId: string): Promise<MeetingRole | undefined> {
    const row = await this.#db
      .selectFrom('meeting_participants')
      .select('meeting_role')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.meeting_role as MeetingRole | undefined;
  }

  /** The user's role in every meeting they take part in, by meeting id (one query). */
  async rolesOfUser(userId: string): Promise<Record<string, MeetingRole>> {
    const rows = await this.#db
      .selectFrom('meeting_participants')
      .select(['meeting_id', 'meeting_role'])
      .where('user_id', '=', userId)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.meeting_id, r.meeting_role as MeetingRole]));
  }

  /** The roles of several users in one meeting; users not invited are absent. */
  async meetingRoles(
    meetingId: string,
    userIds: readonly string[],
  ): Promise<Map<string, MeetingRole>> {
    const roles = new Map<string, MeetingRole>();
    for (let i = 0; i < userIds.length; i += 500) {
      const rows = await this.#db
        .selectFrom('meeting_participants')
        .select(['user_id', 'meeting_role'])
        .where('meeting_id', '=', meetingId)
        .where('user_id', 'in', userIds.slice(i, i + 500))
        .execute();
      for (const r of rows) roles.set(r.user_id, r.meeting_role as MeetingRole);
    }
    return roles;
  }

  async isParticipant(meetingId: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('meeting_participants')
      .select('user_id')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Published (or postponed, cancelled): no longer a draft only the Office sees. */
  async isPublished(meetingId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('meetings')
      .select('status')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    return row !== undefined && row.status !== 'draft';
  }

  async exists(meetingId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('meetings')
      .select('id')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async getDetail(meetingId: string, now = new Date()): Promise<MeetingDetail | undefined> {
    const m = await this.#db
      .selectFrom('meetings')
      .innerJoin('users as chair', 'chair.id', 'meetings.chair_user_id')
      .selectAll('meetings')
      .select('chair.full_name as chair_name')
      .where('meetings.id', '=', meetingId)
      .executeTakeFirst();
    if (!m) return undefined;
    const [items, docs, sites, participants, agencies] = await Promise.all([
      this.#db
        .selectFrom('agenda_items')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute(),
      this.#db
        .selectFrom('documents')
        .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
        // The current version's pages and size (documents and their versions: migration 0002).
        .innerJoin('document_versions as v', (join) =>
          join
            .onRef('v.document_id', '=', 'documents.id')
            .onRef('v.version', '=', 'documents.current_version'),
        )
        .select([
          'documents.id',
          'documents.agenda_item_id',
          'documents.title',
          'v.page_count',
          'v.size_bytes',
        ])
        .where('agenda_items.meeting_id', '=', meetingId)
        .orderBy('documents.created_at')
        .execute(),
      this.#db
        .selectFrom('meeting_sites')
        .innerJoin('sites', 'sites.id', 'meeting_sites.site_id')
        .select(['sites.id', 'sites.name', 'meeting_sites.is_host'])
        .where('meeting_id', '=', meetingId)
        .orderBy('meeting_sites.is_host', 'desc')
        .orderBy('sites.name')
        .execute(),
      this.#db
        .selectFrom('meeting_participants')
        .innerJoin('users', 'users.id', 'meeting_participants.user_id')
        .innerJoin('units', 'units.id', 'users.unit_id')
        .select([
          'users.id',
          'users.full_name',
          'users.title',
          'units.name as unit_name',
          'users.site_id',
          'meeting_participants.meeting_role',
        ])
        .where('meeting_id', '=', meetingId)
        .orderBy('users.full_name')
        .execute(),
      this.#db
        .selectFrom('units')
        .select(['id', 'name', 'short_name'])
        .where('successor_id', 'is', null)
        .orderBy('name')
        .execute(),
    ]);
    return {
      id: m.id,
      title: m.title,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      place: m.place,
      chairName: m.chair_name,
      organizer: m.organizer,
      phase: meetingPhase(m.starts_at, m.ends_at, now),
      siteCount: sites.length,
      agenda: items.map((i) => ({
        id: i.id,
        position: i.position,
        title: i.title,
        presenter: i.presenter,
        documents: docs
          .filter((d) => d.agenda_item_id === i.id)
          .map((d) => ({
            id: d.id,
            title: d.title,
            pageCount: d.page_count,
            sizeBytes: d.size_bytes,
          })),
      })),
      sites: sites.map((s) => ({ id: s.id, name: s.name, isHost: s.is_host !== 0 })),
      participants: participants.map((p) => ({
        userId: p.id,
        fullName: p.full_name,
        title: p.title,
        agencyName: p.unit_name,
        siteId: p.site_id,
        meetingRole: p.meeting_role as MeetingRole,
      })),
      agencies: agencies.map((a) => ({ id: a.id, name: a.name, shortName: a.short_name })),
    };
  }
}
