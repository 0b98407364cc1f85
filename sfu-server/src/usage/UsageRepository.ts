/**
 * The usage figures' SQL (issue #15 §2): aggregates over one period, the same on SQLite and
 * PostgreSQL. Stored times keep the offset they were typed with ("…+07:00" for meetings, "…Z"
 * elsewhere), so every time is compared as an instant (`epochSeconds`), inside an index range a
 * couple of days wider than the period (migration 0015). Months are buckets of instants whose
 * bounds (Vietnam time) the caller computes, so no dialect's calendar functions are needed.
 *
 * Hours of conference come from the audit log's `room.join` / `room.leave` rows (written by
 * SignalingSession, paired by their `peerId`): a meeting's room time is the union of its
 * participants' connected intervals, so two sites in the room for the same hour count one hour.
 * A join with no leave (the room still open, or the server stopped before it recorded the
 * leave) counts until the meeting's planned end. A held meeting nobody joined online counts its
 * planned duration, reported apart.
 */
import { sql, type RawBuilder } from 'kysely';
import type { UsageMonthRange } from '../../../common/protocol/usageApi';
import type { AppDatabase } from '../db/database';
import { epochSeconds, jsonTextField } from '../db/dialect';

const DAY_MS = 86_400_000;

/** The period and filter every query of one report shares. */
export interface UsagePeriod {
  /** In order, contiguous; at least one. */
  months: readonly UsageMonthRange[];
  /** Meetings starting at or after this instant (ms) are not held yet. */
  heldBeforeMs: number;
  /** Meetings prepared by, and tasks led by, one of these units; null: every unit. */
  unitIds: readonly string[] | null;
}

/** Figures of one month (`monthIndex` into the period's months) and one unit. */
export interface UnitMonthRow {
  monthIndex: number;
  unitId: string | null;
  unitName: string;
}

export interface MeetingFactRow extends UnitMonthRow {
  meetings: number;
  connectedMeetings: number;
  connectedSeconds: number;
  plannedSeconds: number;
}

export interface CountRow extends UnitMonthRow {
  count: number;
}

/** Distinct sites and people that joined; `monthIndex` null: over the whole period. */
export interface ConnectedRow {
  monthIndex: number | null;
  sites: number;
  people: number;
}

const num = (value: unknown): number => Number(value ?? 0);

export class UsageRepository {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  /** The instant (seconds) of a stored text column, as SQL. */
  #epoch(column: string): RawBuilder<number> {
    return epochSeconds(this.#db, sql.ref(column));
  }

  /** Which of the period's months an instant (seconds, already within the period) falls in. */
  #monthIndex(seconds: string, months: readonly UsageMonthRange[]): RawBuilder<number> {
    if (months.length === 1) return sql<number>`${sql.lit(0)}`;
    const whens = months
      .slice(0, -1)
      .map((m, i) => sql`when ${sql.ref(seconds)} < ${m.endMs / 1000} then ${sql.lit(i)}`);
    return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(months.length - 1)} end`;
  }

  /**
   * `column` (ISO text) within a couple of days of the period, as text: an index range holding
   * every instant of the period whatever offset it was written with.
   */
  #roughly(column: string, period: UsagePeriod): RawBuilder<boolean> {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const from = day(period.months[0]!.startMs - 2 * DAY_MS);
    const to = day(period.months.at(-1)!.endMs + 2 * DAY_MS);
    return sql<boolean>`${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to}`;
  }

  #bounds(period: UsagePeriod): { start: number; end: number } {
    return { start: period.months[0]!.startMs / 1000, end: period.months.at(-1)!.endMs / 1000 };
  }

  /** `column in (unitIds)`, or true without a unit filter. */
  #ofUnits(column: string, period: UsagePeriod): RawBuilder<boolean> {
    if (period.unitIds === null) return sql<boolean>`1 = 1`;
    if (period.unitIds.length === 0) return sql<boolean>`1 = 0`;
    return sql<boolean>`${sql.ref(column)} in (${sql.join(period.unitIds)})`;
  }

  /** The meetings held in the period (CTE `held`: id, unit_id, unit_name, s, e in seconds). */
  #heldMeetings(period: UsagePeriod) {
    const { start } = this.#bounds(period);
    const end = Math.min(this.#bounds(period).end, period.heldBeforeMs / 1000);
    return sql`
      published as (
        select m.id, m.preparing_unit_id as unit_id, coalesce(u.name, m.organizer) as unit_name,
          ${this.#epoch('m.starts_at')} as s, ${this.#epoch('m.ends_at')} as e
        from meetings m
        left join units u on u.id = m.preparing_unit_id
        where m.status = 'published'
          and ${this.#roughly('m.starts_at', period)}
          and ${this.#ofUnits('m.preparing_unit_id', period)}
      ),
      held as (select * from published where s >= ${start} and s < ${end})`;
  }

  /**
   * Per month and preparing unit (or organiser): meetings held, how many had their room used,
   * the rooms' actual time and the others' planned time (seconds, not rounded).
   */
  async meetingFacts(period: UsagePeriod): Promise<MeetingFactRow[]> {
    const peer = (alias: string) =>
      jsonTextField(this.#db, sql.ref(`${alias}.details_json`), 'peerId');
    const { rows } = await sql<Record<string, unknown>>`
      with ${this.#heldMeetings(period)},
      joins as (
        select a.subject as meeting_id, ${peer('a')} as peer, ${this.#epoch('a.at')} as t
        from audit_log a
        where a.action = 'room.join' and a.subject in (select id from held)
      ),
      leaves as (
        select ${peer('a')} as peer, min(${this.#epoch('a.at')}) as t
        from audit_log a
        where a.action = 'room.leave' and a.subject in (select id from held)
        group by 1
      ),
      spans as (
        select j.meeting_id, j.t as s,
          case
            when l.t is not null and l.t >= j.t then l.t
            when h.e > j.t then h.e
            else j.t
          end as e
        from joins j
        join held h on h.id = j.meeting_id
        left join leaves l on l.peer = j.peer
      ),
      reached as (
        select meeting_id, s, e,
          max(e) over (
            partition by meeting_id order by s, e
            rows between unbounded preceding and 1 preceding
          ) as reach
        from spans
      ),
      islands as (
        select meeting_id, s, e,
          sum(case when reach is null or s > reach then 1 else 0 end) over (
            partition by meeting_id order by s, e rows unbounded preceding
          ) as island
        from reached
      ),
      room as (
        select meeting_id, sum(e - s) as seconds
        from (
          select meeting_id, min(s) as s, max(e) as e from islands group by meeting_id, island
        ) as joined
        group by meeting_id
      )
      select ${this.#monthIndex('h.s', period.months)} as month_index, h.unit_id, h.unit_name,
        count(*) as meetings,
        sum(case when r.seconds is null then 0 else 1 end) as connected_meetings,
        coalesce(sum(r.seconds), 0) as connected_seconds,
        coalesce(sum(case when r.seconds is null then h.e - h.s else 0 end), 0) as planned_seconds
      from held h
      left join room r on r.meeting_id = h.id
      group by 1, 2, 3
    `.execute(this.#db);
    return rows.map((r) => ({
      monthIndex: num(r.month_index),
      unitId: (r.unit_id as string | null) ?? null,
      unitName: String(r.unit_name),
      meetings: num(r.meetings),
      connectedMeetings: num(r.connected_meetings),
      connectedSeconds: num(r.connected_seconds),
      plannedSeconds: num(r.planned_seconds),
    }));
  }

  /** Distinct sites and people that joined a held meeting's room, per month and in all. */
  async connected(period: UsagePeriod): Promise<ConnectedRow[]> {
    const site = jsonTextField(this.#db, sql.ref('a.details_json'), 'siteId');
    const { rows } = await sql<Record<string, unknown>>`
      with ${this.#heldMeetings(period)},
      joined as (
        select ${this.#monthIndex('h.s', period.months)} as month_index, ${site} as site_id, a.user_id
        from audit_log a
        join held h on h.id = a.subject
        -- The IN list steers SQLite to the (subject, action) index, not every join ever logged.
        where a.action = 'room.join' and a.subject in (select id from held)
      )
      select month_index, count(distinct site_id) as sites, count(distinct user_id) as people
      from joined group by month_index
      union all
      select null, count(distinct site_id), count(distinct user_id) from joined
    `.execute(this.#db);
    return rows.map((r) => ({
      monthIndex: r.month_index === null ? null : num(r.month_index),
      sites: num(r.sites),
      people: num(r.people),
    }));
  }

  /** Document files uploaded in the period, per month and the meeting's preparing unit. */
  async documents(period: UsagePeriod): Promise<CountRow[]> {
    const { start, end } = this.#bounds(period);
    const { rows } = await sql<Record<string, unknown>>`
      with uploaded as (
        select i.meeting_id, ${this.#epoch('v.created_at')} as t
        from document_versions v
        join documents d on d.id = v.document_id
        join agenda_items i on i.id = d.agenda_item_id
        where ${this.#roughly('v.created_at', period)}
      )
      select ${this.#monthIndex('x.t', period.months)} as month_index,
        m.preparing_unit_id as unit_id, coalesce(u.name, m.organizer) as unit_name,
        count(*) as n
      from uploaded x
      join meetings m on m.id = x.meeting_id
      left join units u on u.id = m.preparing_unit_id
      where x.t >= ${start} and x.t < ${end} and ${this.#ofUnits('m.preparing_unit_id', period)}
      group by 1, 2, 3
    `.execute(this.#db);
    return rows.map(countRow);
  }

  /** Tasks created in the period, per month and lead unit (by name where no one unit leads). */
  async tasks(period: UsagePeriod): Promise<CountRow[]> {
    const { start, end } = this.#bounds(period);
    const { rows } = await sql<Record<string, unknown>>`
      with created as (
        select t.lead_unit_id, t.lead_unit_name, ${this.#epoch('t.created_at')} as t
        from tasks t
        where ${this.#roughly('t.created_at', period)}
          and ${this.#ofUnits('t.lead_unit_id', period)}
      )
      select ${this.#monthIndex('x.t', period.months)} as month_index,
        x.lead_unit_id as unit_id, coalesce(u.name, x.lead_unit_name) as unit_name,
        count(*) as n
      from created x
      left join units u on u.id = x.lead_unit_id
      where x.t >= ${start} and x.t < ${end}
      group by 1, 2, 3
    `.execute(this.#db);
    return rows.map(countRow);
  }

  /** The unit's name, or undefined when there is no such unit. */
  async unitName(unitId: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('units')
      .select('name')
      .where('id', '=', unitId)
      .executeTakeFirst();
    return row?.name;
  }
}

function countRow(r: Record<string, unknown>): CountRow {
  return {
    monthIndex: num(r.month_index),
    unitId: (r.unit_id as string | null) ?? null,
    unitName: String(r.unit_name),
    count: num(r.n),
  };
}
