/**
 * The server-authoritative meeting state apart from media: attendance, the speaking queue and
 * votes. Every change is one transaction in the database (so it survives a server restart and a
 * client reconnect) and one audit entry; listeners hear `changed` and send each participant the
 * snapshot shaped for them, and `floorGranted`/`floorEnded` let the room open or close the
 * speaker's microphone on the SFU.
 */
import { can } from '../../../common/domain/policy';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import {
  ForbiddenError,
  InvalidError,
  InvalidStateError,
  NotFoundError,
} from '../../../common/errors';
import {
  DEFAULT_VOTE_OPTIONS,
  type AttendanceStatus,
  type MeetingState,
  type Vote,
} from '../../../common/domain/meetingSession';
import type { User } from '../../../common/domain/user';
import type { AppDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';
import type { Database } from '../db/schema';

/** Arriving later than this after the start counts as late. */
const LATE_AFTER_MS = 15 * 60_000;
/** Who may vote: the chair and the delegates (the secretary and guests keep the record). */

export interface SessionActor {
  user: User;
  /** The user's role in this meeting (chair | secretary | delegate | guest). */
  meetingRole: string;
}

/** Whom a snapshot is for (a participant in the room, by id). */
export interface Viewer {
  userId: string;
  meetingRole: string;
}

export interface MeetingSessionEvents {
  changed: [meetingId: string];
  floorGranted: [meetingId: string, userId: string];
  floorEnded: [meetingId: string, userId: string];
}

type Executor = Kysely<Database>;

export class MeetingSessionService extends EventEmitter<MeetingSessionEvents> {
  readonly #db: AppDatabase;
  readonly #now: () => Date;

  constructor(db: AppDatabase, now: () => Date = () => new Date()) {
    super();
    this.#db = db;
    this.#now = now;
  }

  /** The actor's meeting role, or Forbidden for someone not invited. */
  async actor(meetingId: string, user: User): Promise<SessionActor> {
    const row = await this.#db
      .selectFrom('meeting_participants')
      .select('meeting_role')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (!row) throw new ForbiddenError('You are not invited to this meeting');
    return { user, meetingRole: row.meeting_role };
  }

  // ── Attendance ──────────────────────────────────────────────────────────────────────────

  /** Checks in the actor, or (chair/secretary) another participant; late after 15 minutes. */
  async checkIn(meetingId: string, actor: SessionActor, userId = actor.user.id): Promise<void> {
    if (userId !== actor.user.id) requireStaff(actor, 'check in another participant');
    await this.#change(meetingId, actor, 'attendance.check_in', userId, async (trx, at) => {
      await requireParticipant(trx, meetingId, userId);
      const meeting = await trx
        .selectFrom('meetings')
        .select('starts_at')
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow();
      const late = this.#now().getTime() > Date.parse(meeting.starts_at) + LATE_AFTER_MS;
      await upsertAttendance(trx, meetingId, userId, {
        status: late ? 'late' : 'present',
        checked_in_at: at,
        checked_in_by: actor.user.id,
        absence_reason: null,
        proxy_user_id: null,
        updated_at: at,
      });
    });
  }

  /** Records an absence with its reason and, for ủy quyền, who attends in the person's place. */
  async markAbsent(
    meetingId: string,
    actor: SessionActor,
    args: { userId: string; reason: string; proxyUserId?: string | null },
  ): Promise<void> {
    if (args.userId !== actor.user.id) requireStaff(actor, 'record another participant’s absence');
    if (args.proxyUserId === args.userId)
      throw new InvalidError('A person cannot be their own proxy');
    await this.#change(meetingId, actor, 'attendance.absent', args.userId, async (trx, at) => {
      await requireParticipant(trx, meetingId, args.userId);
      if (args.proxyUserId) await requireUser(trx, args.proxyUserId);
      await upsertAttendance(trx, meetingId, args.userId, {
        status: 'absent',
        checked_in_at: null,
        checked_in_by: actor.user.id,
        absence_reason: args.reason,
        proxy_user_id: args.proxyUserId ?? null,
        updated_at: at,
      });
    });
  }

  // ── Speaking queue ──────────────────────────────────────────────────────────────────────

  /** Đăng ký phát biểu: one waiting request per person. */
  async requestFloor(
    meetingId: string,
    actor: SessionActor,
    topic: string | null,
  ): Promise<string> {
    const id = randomUUID();
    await this.#change(meetingId, actor, 'floor.request', id, async (trx, at) => {
      const open = await trx
        .selectFrom('floor_requests')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', actor.user.id)
        .where('status', 'in', ['queued', 'speaking'])
        .executeTakeFirst();
      if (open) throw new InvalidStateError('You have already asked for the floor');
      await trx
        .insertInto('floor_requests')
        .values({
          id,
          meeting_id: meetingId,
          user_id: actor.user.id,
          topic,
          status: 'queued',
          requested_at: at,
          granted_at: null,
          ended_at: null,
          decided_by: null,
        })
        .execute();
    });
    return id;
  }

  async withdrawFloor(meetingId: string, actor: SessionActor, requestId: string): Promise<void> {
    await this.#change(meetingId, actor, 'floor.withdraw', requestId, async (trx, at) => {
      const request = await floorRequest(trx, meetingId, requestId);
      if (request.user_id !== actor.user.id) throw new ForbiddenError('Not your request');
      if (request.status !== 'queued') throw new InvalidStateError('The request is not waiting');
      await setFloorStatus(trx, requestId, { status: 'withdrawn', ended_at: at });
    });
  }

  /** The chair gives the floor; whoever had it stops. */
  async grantFloor(meetingId: string, actor: SessionActor, requestId: string): Promise<void> {
    requireStaff(actor, 'give the floor');
    let ended: string | undefined;
    let granted: string | undefined;
    await this.#change(meetingId, actor, 'floor.grant', requestId, async (trx, at) => {
      const request = await floorRequest(trx, meetingId, requestId);
      if (request.status !== 'queued') throw new InvalidStateError('The request is not waiting');
      const speaking = await trx
        .selectFrom('floor_requests')
        .select(['id', 'user_id'])
        .where('meeting_id', '=', meetingId)
        .where('status', '=', 'speaking')
        .executeTakeFirst();
      if (speaking) {
        await setFloorStatus(trx, speaking.id, { status: 'done', ended_at: at });
        ended = speaking.user_id;
      }
      await setFloorStatus(trx, requestId, {
        status: 'speaking',
        granted_at: at,
        decided_by: actor.user.id,
      });
      granted = request.user_id;
    });
    if (ended && ended !== granted) this.emit('floorEnded', meetingId, ended);
    if (granted) this.emit('floorGranted', meetingId, granted);
  }

  /** Ends the current speech (the chair, or the speaker yielding). */
  async endFloor(meetingId: string, actor: SessionActor, requestId: string): Promise<void> {
    let speaker: string | undefined;
    await this.#change(meetingId, actor, 'floor.end', requestId, async (trx, at) => {
      const request = await floorRequest(trx, meetingId, requestId);
      if (request.user_id !== actor.user.id) requireStaff(actor, 'end someone’s speech');
      if (request.status !== 'speaking')
        throw new InvalidStateError('Nobody speaks on this request');
      await setFloorStatus(trx, requestId, { status: 'done', ended_at: at });
      speaker = request.user_id;
    });
    if (speaker) this.emit('floorEnded', meetingId, speaker);
  }

  async declineFloor(meetingId: string, actor: SessionActor, requestId: string): Promise<void> {
    requireStaff(actor, 'decline a request');
    await this.#change(meetingId, actor, 'floor.decline', requestId, async (trx, at) => {
      const request = await floorRequest(trx, meetingId, requestId);
      if (request.status !== 'queued') throw new InvalidStateError('The request is not waiting');
      await setFloorStatus(trx, requestId, {
        status: 'declined',
        ended_at: at,
        decided_by: actor.user.id,
      });
    });
  }

  // ── Votes ───────────────────────────────────────────────────────────────────────────────

  async openVote(
    meetingId: string,
    actor: SessionActor,
    args: { question: string; options?: string[]; secret: boolean },
  ): Promise<string> {
    if (!can(actor.meetingRole, 'votes.run'))
      throw new ForbiddenError('Only the chair opens a vote');
    const options = args.options?.length ? args.options : [...DEFAULT_VOTE_OPTIONS];
    if (new Set(options).size !== options.length) throw new InvalidError('Options must differ');
    const id = randomUUID();
    await this.#change(meetingId, actor, 'vote.open', id, async (trx, at) => {
      await trx
        .insertInto('votes')
        .values({
          id,
          meeting_id: meetingId,
          question: args.question,
          options_json: JSON.stringify(options),
          secret: args.secret ? 1 : 0,
          status: 'open',
          opened_by: actor.user.id,
          opened_at: at,
          closed_at: null,
        })
        .execute();
      await trx
        .insertInto('vote_tallies')
        .values(options.map((_, i) => ({ vote_id: id, option_index: i, count: 0 })))
        .execute();
    });
    return id;
  }

  /** One ballot per eligible participant, only while the vote is open. */
  async castVote(
    meetingId: string,
    actor: SessionActor,
    args: { voteId: string; option: number },
  ): Promise<void> {
    if (!can(actor.meetingRole, 'votes.cast'))
      throw new ForbiddenError('Only the chair and the delegates vote');
    // The audit names who voted; what they chose only on an open ballot.
    let secret = false;
    await this.#change(
      meetingId,
      actor,
      'vote.cast',
      args.voteId,
      async (trx, at) => {
        const vote = await trx
          .selectFrom('votes')
          .selectAll()
          .where('id', '=', args.voteId)
          .where('meeting_id', '=', meetingId)
          .executeTakeFirst();
        if (!vote) throw new NotFoundError('No such vote');
        if (vote.status !== 'open') throw new InvalidStateError('The vote is closed');
        const options = JSON.parse(vote.options_json) as string[];
        if (!Number.isInteger(args.option) || args.option < 0 || args.option >= options.length)
          throw new InvalidError('No such option');
        secret = vote.secret === 1;
        const already = await trx
          .selectFrom('vote_ballots')
          .select('voter_id')
          .where('vote_id', '=', vote.id)
          .where('voter_id', '=', actor.user.id)
          .executeTakeFirst();
        if (already) throw new InvalidStateError('You have already voted');
        await trx
          .insertInto('vote_ballots')
          .values({
            vote_id: vote.id,
            voter_id: actor.user.id,
            choice: secret ? null : args.option,
            cast_at: secret ? null : at,
          })
          .execute();
        await trx
          .updateTable('vote_tallies')
          .set((eb) => ({ count: eb('count', '+', 1) }))
          .where('vote_id', '=', vote.id)
          .where('option_index', '=', args.option)
          .execute();
      },
      () => (secret ? null : { option: args.option }),
    );
  }

  async closeVote(meetingId: string, actor: SessionActor, voteId: string): Promise<void> {
    if (!can(actor.meetingRole, 'votes.run'))
      throw new ForbiddenError('Only the chair closes a vote');
    await this.#change(meetingId, actor, 'vote.close', voteId, async (trx, at) => {
      const result = await trx
        .updateTable('votes')
        .set({ status: 'closed', closed_at: at })
        .where('id', '=', voteId)
        .where('meeting_id', '=', meetingId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw new InvalidStateError('No open vote with this id');
    });
  }

  // ── Snapshot ────────────────────────────────────────────────────────────────────────────

  /** The meeting as `viewer` may see it. */
  async snapshot(meetingId: string, viewer: SessionActor | Viewer): Promise<MeetingState> {
    const db = this.#db;
    const viewerId = 'user' in viewer ? viewer.user.id : viewer.userId;
    const participants = await db
      .selectFrom('meeting_participants as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .innerJoin('units as un', 'un.id', 'u.unit_id')
      .innerJoin('sites as s', 's.id', 'u.site_id')
      .leftJoin('attendance as a', (j) =>
        j.onRef('a.meeting_id', '=', 'p.meeting_id').onRef('a.user_id', '=', 'p.user_id'),
      )
      .leftJoin('users as proxy', 'proxy.id', 'a.proxy_user_id')
      .select([
        'u.id as userId',
        'u.full_name as fullName',
        'u.title as title',
        'un.name as agencyName',
        's.id as siteId',
        's.name as siteName',
        'p.meeting_role as meetingRole',
        'a.status as status',
        'a.checked_in_at as checkedInAt',
        'a.absence_reason as absenceReason',
        'a.proxy_user_id as proxyUserId',
        'proxy.full_name as proxyName',
      ])
      .where('p.meeting_id', '=', meetingId)
      .orderBy('s.name')
      .orderBy('u.full_name')
      .execute();
    const names = new Map(participants.map((p) => [p.userId, p]));
    const requests = await db
      .selectFrom('floor_requests')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('status', 'in', ['queued', 'speaking'])
      .orderBy('requested_at')
      .orderBy('id')
      .execute();
    const toRequest = (r: (typeof requests)[number]) => ({
      id: r.id,
      userId: r.user_id,
      fullName: names.get(r.user_id)?.fullName ?? r.user_id,
      siteName: names.get(r.user_id)?.siteName ?? '',
      topic: r.topic,
      requestedAt: r.requested_at,
    });
    const speaking = requests.find((r) => r.status === 'speaking');
    const eligibleCount = participants.filter((p) => can(p.meetingRole, 'votes.cast')).length;
    const votes: Vote[] = [];
    for (const vote of await db
      .selectFrom('votes')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('opened_at', 'desc')
      .execute()) {
      const ballots = await db
        .selectFrom('vote_ballots')
        .select(['voter_id', 'choice'])
        .where('vote_id', '=', vote.id)
        .execute();
      const tallies = await db
        .selectFrom('vote_tallies')
        .select(['option_index', 'count'])
        .where('vote_id', '=', vote.id)
        .orderBy('option_index')
        .execute();
      const mine = ballots.find((b) => b.voter_id === viewerId);
      const showTally = vote.status === 'closed' || can(viewer.meetingRole, 'votes.seeTally');
      votes.push({
        id: vote.id,
        question: vote.question,
        options: JSON.parse(vote.options_json) as string[],
        secret: vote.secret === 1,
        status: vote.status as Vote['status'],
        openedAt: vote.opened_at,
        closedAt: vote.closed_at,
        eligibleCount,
        votedCount: ballots.length,
        tally: showTally ? tallies.map((t) => Number(t.count)) : null,
        myBallot: mine ? (mine.choice ?? 'secret') : null,
        eligible: can(viewer.meetingRole, 'votes.cast'),
      });
    }
    return {
      meetingId,
      attendance: participants.map((p) => ({
        userId: p.userId,
        fullName: p.fullName,
        title: p.title,
        agencyName: p.agencyName,
        siteId: p.siteId,
        siteName: p.siteName,
        meetingRole: p.meetingRole,
        status: (p.status ?? 'not_checked_in') as AttendanceStatus,
        checkedInAt: p.checkedInAt,
        absenceReason: p.absenceReason,
        proxy: p.proxyUserId ? { userId: p.proxyUserId, fullName: p.proxyName ?? '' } : null,
      })),
      floor: {
        queue: requests.filter((r) => r.status === 'queued').map(toRequest),
        current: speaking ? { ...toRequest(speaking), grantedAt: speaking.granted_at ?? '' } : null,
      },
      votes,
    };
  }

  /** Runs one change in a transaction with its audit entry, then tells listeners. */
  async #change(
    meetingId: string,
    actor: SessionActor,
    action: string,
    subject: string,
    apply: (trx: Executor, at: string) => Promise<void>,
    details: () => Record<string, unknown> | null = () => null,
  ): Promise<void> {
    const now = this.#now();
    await this.#db.transaction().execute(async (trx) => {
      await apply(trx, now.toISOString());
      await new AuditLog(trx).record(
        { userId: actor.user.id, action, subject, details: { meetingId, ...details() } },
        now,
      );
    });
    this.emit('changed', meetingId);
  }
}

function requireStaff(actor: SessionActor, what: string): void {
  if (!can(actor.meetingRole, 'session.run'))
    throw new ForbiddenError(`Only the chair or the secretary may ${what}`);
}

async function requireParticipant(trx: Executor, meetingId: string, userId: string) {
  const row = await trx
    .selectFrom('meeting_participants')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Not a participant of this meeting');
}

async function requireUser(trx: Executor, userId: string) {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('No such user');
}

async function upsertAttendance(
  trx: Executor,
  meetingId: string,
  userId: string,
  values: Omit<Database['attendance'], 'meeting_id' | 'user_id'>,
) {
  await trx
    .insertInto('attendance')
    .values({ meeting_id: meetingId, user_id: userId, ...values })
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet(values))
    .execute();
}

async function floorRequest(trx: Executor, meetingId: string, id: string) {
  const row = await trx
    .selectFrom('floor_requests')
    .selectAll()
    .where('id', '=', id)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('No such request');
  return row;
}

async function setFloorStatus(
  trx: Executor,
  id: string,
  values: Partial<
    Pick<Database['floor_requests'], 'status' | 'granted_at' | 'ended_at' | 'decided_by'>
  >,
) {
  await trx.updateTable('floor_requests').set(values).where('id', '=', id).execute();
}
