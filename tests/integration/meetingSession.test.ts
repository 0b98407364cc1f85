/**
 * MeetingSessionService on a real SQLite database with the demo province: attendance, the
 * speaking queue and the vote rules, persistence across a restart, and the audit trail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { headCountBySite } from '../../common/domain/meetingSession';
import { openDatabase, type OpenedDatabase } from '../../sfu-server/src/db/database';
import { UserRepository } from '../../sfu-server/src/db/repos/UserRepository';
import { seedDemo } from '../../sfu-server/src/seed/demoSeed';
import {
  MeetingSessionService,
  type SessionActor,
} from '../../sfu-server/src/session/MeetingSessionService';
import { tempDir } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-review';
let template: string;
let dir: string;
let opened: OpenedDatabase;
let sessions: MeetingSessionService;
let now: Date;

beforeAll(async () => {
  template = tempDir('session-template');
  const db = await openDatabase(template);
  await seedDemo(db.db, template, new Date());
  await db.close();
}, 60_000);
afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

beforeEach(async () => {
  dir = tempDir('session');
  fs.copyFileSync(path.join(template, 'phonghop.sqlite3'), path.join(dir, 'phonghop.sqlite3'));
  opened = await openDatabase(dir);
  now = new Date();
  sessions = new MeetingSessionService(opened.db, () => now);
  return async () => {
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
});

async function actor(username: string): Promise<SessionActor> {
  const user = (await new UserRepository(opened.db).get(username))!;
  return sessions.actor(MEETING, user);
}

describe('votes', () => {
  it('castVote() twice by the same delegate rejects the second ballot and counts one', async () => {
    const chair = await actor('chutri');
    const voteId = await sessions.openVote(MEETING, chair, {
      question: 'Thông qua Đề án?',
      secret: false,
    });
    const delegate = await actor('sotttt');
    await sessions.castVote(MEETING, delegate, { voteId, option: 0 });
    await expect(sessions.castVote(MEETING, delegate, { voteId, option: 1 })).rejects.toMatchObject(
      {
        code: 'invalid_state',
        message: 'You have already voted',
      },
    );
    const vote = (await sessions.snapshot(MEETING, chair)).votes[0]!;
    expect(vote.options).toEqual(['Đồng ý', 'Không đồng ý', 'Ý kiến khác']);
    expect(vote.tally).toEqual([1, 0, 0]);
    expect(vote.votedCount).toBe(1);
  });

  it('a closed vote rejects ballots, and its result is shown to everyone', async () => {
    const chair = await actor('chutri');
    const voteId = await sessions.openVote(MEETING, chair, {
      question: 'Biểu quyết',
      secret: false,
    });
    const a = await actor('sotttt');
    const b = await actor('sokhdt');
    await sessions.castVote(MEETING, a, { voteId, option: 1 });
    // While open, a delegate sees that they voted but not the tally.
    const open = (await sessions.snapshot(MEETING, b)).votes[0]!;
    expect(open.tally).toBeNull();
    expect(open.myBallot).toBeNull();
    await sessions.closeVote(MEETING, chair, voteId);
    await expect(sessions.castVote(MEETING, b, { voteId, option: 0 })).rejects.toMatchObject({
      code: 'invalid_state',
      message: 'The vote is closed',
    });
    const closed = (await sessions.snapshot(MEETING, b)).votes[0]!;
    expect(closed.status).toBe('closed');
    expect(closed.tally).toEqual([0, 1, 0]);
    expect((await sessions.snapshot(MEETING, a)).votes[0]!.myBallot).toBe(1);
  });

  it('a secret ballot stores who voted and the counts, never a voter–choice pair', async () => {
    const chair = await actor('chutri');
    const voteId = await sessions.openVote(MEETING, chair, {
      question: 'Bầu thành viên Ban Chỉ đạo',
      options: ['Đồng ý', 'Không đồng ý'],
      secret: true,
    });
    for (const [name, option] of [
      ['sotttt', 0],
      ['sokhdt', 1],
      ['sotc', 0],
    ] as const)
      await sessions.castVote(MEETING, await actor(name), { voteId, option });
    const ballots = await opened.db
      .selectFrom('vote_ballots')
      .selectAll()
      .where('vote_id', '=', voteId)
      .execute();
    expect(ballots.map((b) => b.voter_id).sort()).toEqual(['sokhdt', 'sotc', 'sotttt']);
    expect(ballots.every((b) => b.choice === null && b.cast_at === null)).toBe(true);
    const audit = await opened.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'vote.cast')
      .where('subject', '=', voteId)
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => !('option' in JSON.parse(a.details_json!)))).toBe(true);
    const view = (await sessions.snapshot(MEETING, await actor('sotttt'))).votes[0]!;
    expect(view.myBallot).toBe('secret');
    expect((await sessions.snapshot(MEETING, chair)).votes[0]!.tally).toEqual([2, 1]);
  });

  it('only the chair opens and closes votes; the secretary does not vote', async () => {
    const secretary = await actor('thuky');
    await expect(
      sessions.openVote(MEETING, secretary, { question: 'x', secret: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const voteId = await sessions.openVote(MEETING, await actor('chutri'), {
      question: 'x',
      secret: false,
    });
    await expect(
      sessions.castVote(MEETING, secretary, { voteId, option: 0 }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      sessions.castVote(MEETING, await actor('sotttt'), { voteId, option: 7 }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('speaking queue', () => {
  it('grantFloor() gives the floor in turn, tells the room whose mic to open, and ends the previous speech', async () => {
    const chair = await actor('chutri');
    const a = await actor('camgiang');
    const b = await actor('gialoc');
    const granted: string[] = [];
    const ended: string[] = [];
    sessions.on('floorGranted', (_, userId) => granted.push(userId));
    sessions.on('floorEnded', (_, userId) => ended.push(userId));
    const first = await sessions.requestFloor(MEETING, a, 'Hạ tầng mạng cấp xã');
    now = new Date(now.getTime() + 1000);
    const second = await sessions.requestFloor(MEETING, b, null);
    await expect(sessions.requestFloor(MEETING, a, 'lần hai')).rejects.toMatchObject({
      code: 'invalid_state',
    });
    let state = await sessions.snapshot(MEETING, chair);
    expect(state.floor.queue.map((r) => [r.fullName, r.topic])).toEqual([
      ['Nguyễn Văn Thịnh', 'Hạ tầng mạng cấp xã'],
      ['Lương Thị Huyền', null],
    ]);
    await expect(sessions.grantFloor(MEETING, a, first)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await sessions.grantFloor(MEETING, chair, first);
    await sessions.grantFloor(MEETING, chair, second);
    expect(granted).toEqual(['camgiang', 'gialoc']);
    expect(ended).toEqual(['camgiang']);
    state = await sessions.snapshot(MEETING, a);
    expect(state.floor.current?.userId).toBe('gialoc');
    expect(state.floor.queue).toEqual([]);
    await sessions.endFloor(MEETING, b, second); // the speaker yields
    expect(ended).toEqual(['camgiang', 'gialoc']);
    expect((await sessions.snapshot(MEETING, chair)).floor.current).toBeNull();
  });

  it('declineFloor() removes a request; order and durations are kept in the database', async () => {
    const chair = await actor('chutri');
    const id = await sessions.requestFloor(MEETING, await actor('kinhmon'), 'Kinh phí');
    await sessions.declineFloor(MEETING, chair, id);
    expect((await sessions.snapshot(MEETING, chair)).floor.queue).toEqual([]);
    const row = await opened.db
      .selectFrom('floor_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'declined', decided_by: 'chutri' });
    expect(row.ended_at).not.toBeNull();
  });
});

describe('attendance', () => {
  it('checks in on time or late, records absence with a proxy, and counts heads per site', async () => {
    const secretary = await actor('thuky');
    const delegate = await actor('camgiang');
    const meeting = await opened.db
      .selectFrom('meetings')
      .select('starts_at')
      .where('id', '=', MEETING)
      .executeTakeFirstOrThrow();
    now = new Date(Date.parse(meeting.starts_at) + 5 * 60_000);
    await sessions.checkIn(MEETING, delegate);
    now = new Date(Date.parse(meeting.starts_at) + 40 * 60_000);
    await sessions.checkIn(MEETING, secretary, 'gialoc');
    await expect(sessions.checkIn(MEETING, delegate, 'kinhmon')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await sessions.markAbsent(MEETING, secretary, {
      userId: 'sotc',
      reason: 'Đi công tác',
      proxyUserId: 'sokhdt',
    });
    const state = await sessions.snapshot(MEETING, delegate);
    const status = Object.fromEntries(state.attendance.map((a) => [a.userId, a.status]));
    expect(status).toMatchObject({
      camgiang: 'present',
      gialoc: 'late',
      sotc: 'absent',
      kinhmon: 'not_checked_in',
    });
    expect(state.attendance.find((a) => a.userId === 'sotc')).toMatchObject({
      absenceReason: 'Đi công tác',
      proxy: { userId: 'sokhdt', fullName: 'Đặng Thị Ngọc Ánh' },
    });
    const cgSite = state.attendance.find((a) => a.userId === 'camgiang')!.siteId;
    expect(headCountBySite(state.attendance).get(cgSite)).toMatchObject({ present: 1 });
  });

  it('survives a server restart: the state is read back from the database', async () => {
    const chair = await actor('chutri');
    await sessions.checkIn(MEETING, chair);
    const voteId = await sessions.openVote(MEETING, chair, {
      question: 'Giữ nguyên?',
      secret: false,
    });
    await sessions.castVote(MEETING, await actor('sotttt'), { voteId, option: 2 });
    await sessions.requestFloor(MEETING, await actor('kinhmon'), null);
    const before = await sessions.snapshot(MEETING, chair);
    await opened.close();
    opened = await openDatabase(dir);
    sessions = new MeetingSessionService(opened.db, () => now);
    expect(await sessions.snapshot(MEETING, await actor('chutri'))).toEqual(before);
  });
});
