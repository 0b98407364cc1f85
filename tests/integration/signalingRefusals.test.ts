/**
 * Refusals of the signaling socket and of the meeting's channels (issue #16), against a real
 * server on 127.0.0.1 with the demo province and real sockets: a socket without a valid ticket
 * answers nothing, and what only the chair, the secretary or the presenter may do in the room is
 * refused `forbidden` to the others, with the meeting's state read back unchanged and no audit
 * row written. Who may do what: common/domain/policy.ts.
 *
 * A socket already open when its sign-in ends is closed within seconds: that refusal is tested in
 * accounts.test.ts ("signing out closes the sockets opened with that sign-in"); here, a ticket
 * issued before the sign-out is refused when used after it.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { conclusionsFragment } from '../../common/conclusions/conclusionsDoc';
import { toBase64 } from '../../common/encoding/base64';
import { SignalingClient } from '../../common/protocol/SignalingClient';
import { SIGNALING_PATH, signalingCloseCodes } from '../../common/protocol/signaling';
import type { Server } from '../../sfu-server/src/Server';
import { joinRoomWithoutMedia, until } from '../helpers/signalingPeer';
import { getJson, login, startTestServer } from '../helpers/testServer';

/** Where the socket refusals knock; the channel refusals happen in the meeting in progress. */
const PAST_MEETING = 'hd-bcd-cds-2022-09-27';
const MEETING = 'hd-bcd-cds-review';

let server: Server;
let url: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
  for (const u of ['chutri', 'thuky', 'sotttt', 'sokhdt', 'camgiang', 'gialoc', 'kinhmon'])
    tokens[u] = await login(url, u);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Rows in `table`, optionally only those `where` holds for. */
async function count(table: string, where = sql`1 = 1`): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(server.database.db);
  return Number(rows[0]!.n);
}

const peersOf = (meetingId: string, userId: string) =>
  (server.rooms.rooms.find((r) => r.meetingId === meetingId)?.peers ?? []).filter(
    (p) => p.info.userId === userId,
  ).length;

describe('the signaling socket', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function ticketFor(username: string, token = tokens[username]) {
    const res = await fetch(`${url}/api/meetings/${PAST_MEETING}/join-ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { ticket: string; signalingUrl: string; expiresAt: string };
  }

  /**
   * Opens the socket with `query` as a client would and sends its first request at once; says
   * how the server closed it and what it answered before (code 0: not closed within 3 s).
   */
  async function knock(
    query: string,
  ): Promise<{ code: number; reason: string; answers: unknown[] }> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${SIGNALING_PATH}${query}`);
    const answers: unknown[] = [];
    ws.on('message', (raw) => answers.push(JSON.parse(String(raw))));
    ws.on('open', () =>
      ws.send(
        JSON.stringify({ type: 'request', id: 1, method: 'getRouterRtpCapabilities', data: {} }),
      ),
    );
    return new Promise((resolve, reject) => {
      ws.once('error', reject);
      ws.once('close', (code, reason) => resolve({ code, reason: String(reason), answers }));
      // Let in: still open after a while (code 0), with whatever it answered.
      setTimeout(() => {
        resolve({ code: 0, reason: 'still open', answers });
        ws.terminate();
      }, 3000).unref();
    });
  }

  /** Whether a socket opened with `ticket` is let in: it answers a request. */
  async function admitted(signalingUrl: string, ticket: string): Promise<SignalingClient> {
    const client = await SignalingClient.connect(signalingUrl, ticket);
    await client.request('getRouterRtpCapabilities', {});
    return client;
  }

  /** What a refused socket must not have left: a peer in the room or an audit row. */
  const traces = async (userId: string) => ({
    peers: peersOf(PAST_MEETING, userId),
    audits: await count('audit_log', sql`user_id = ${userId}`),
  });

  it('without a ticket, or with one the server never issued, is closed 4401 and answers nothing', async () => {
    const audits = await count('audit_log');
    for (const [query, reason] of [
      ['?v=1', 'ticket required'],
      ['', 'ticket required'],
      [`?ticket=${'A'.repeat(32)}&v=1`, 'invalid or expired ticket'],
    ] as const) {
      const refused = await knock(query);
      expect(refused).toEqual({ code: signalingCloseCodes.unauthorized, reason, answers: [] });
    }
    // No room was opened for anyone, and nothing was recorded.
    expect(server.rooms.rooms.find((r) => r.meetingId === PAST_MEETING)).toBeUndefined();
    expect(await count('audit_log')).toBe(audits);
  });

  it('a ticket works once: used again it is closed 4401, and its user is in the room once', async () => {
    const { ticket, signalingUrl } = await ticketFor('gialoc');
    const first = await admitted(signalingUrl, ticket);
    const { routerRtpCapabilities } = await first.request('getRouterRtpCapabilities', {});
    await first.request('join', { rtpCapabilities: routerRtpCapabilities });
    await until(async () => (await count('audit_log', sql`action = 'room.join'`)) === 1);
    const before = await traces('gialoc');
    expect(before.peers).toBe(1);

    const again = await knock(`?ticket=${encodeURIComponent(ticket)}&v=1`);
    expect(again).toEqual({
      code: signalingCloseCodes.unauthorized,
      reason: 'invalid or expired ticket',
      answers: [],
    });
    expect(await traces('gialoc')).toEqual(before);
    first.close();
  });

  it('a ticket is let in up to its expiry (60 s) and refused from then on', async () => {
    // Two tickets issued now; the server's clock (Date, this process's) is then moved forward.
    const early = await ticketFor('kinhmon');
    const late = await ticketFor('camgiang');
    const before = await traces('camgiang');

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(early.expiresAt) - 1);
    const stillValid = await admitted(early.signalingUrl, early.ticket);
    stillValid.close();

    vi.setSystemTime(Date.parse(late.expiresAt));
    const expired = await knock(`?ticket=${encodeURIComponent(late.ticket)}&v=1`);
    vi.useRealTimers();
    expect(Date.parse(late.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    expect(expired).toEqual({
      code: signalingCloseCodes.unauthorized,
      reason: 'invalid or expired ticket',
      answers: [],
    });
    expect(await traces('camgiang')).toEqual(before);
  });

  it('a ticket issued before its sign-in ended is refused once signed out', async () => {
    const token = await login(url, 'sogddt');
    const { ticket } = await ticketFor('sogddt', token);
    const signedOut = await fetch(`${url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(signedOut.status).toBe(200);
    const before = await traces('sogddt');
    const refused = await knock(`?ticket=${encodeURIComponent(ticket)}&v=1`);
    expect(refused).toEqual({
      code: signalingCloseCodes.unauthorized,
      reason: 'invalid or expired ticket',
      answers: [],
    });
    expect(await traces('sogddt')).toEqual(before);
  });
});

describe('the meeting channel', () => {
  let chair: SignalingClient;
  let secretary: SignalingClient;
  /** Delegates: sotttt asks nothing of the floor; sokhdt and camgiang do. */
  let delegate: SignalingClient;
  let waiting: SignalingClient;
  let speaking: SignalingClient;

  beforeAll(async () => {
    const join = (username: string) => joinRoomWithoutMedia(url, tokens[username]!, MEETING);
    [chair, secretary, delegate, waiting, speaking] = await Promise.all([
      join('chutri'),
      join('thuky'),
      join('sotttt'),
      join('sokhdt'),
      join('camgiang'),
    ]);
    // Joins are audited beside the media path: wait for them, so the count holds still below.
    await until(
      async () =>
        (await count('audit_log', sql`action = 'room.join' and subject = ${MEETING}`)) === 5,
    );
  });
  afterAll(() => {
    for (const peer of [chair, secretary, delegate, waiting, speaking]) peer?.close();
  });

  const auditRows = () => count('audit_log');
  const meetingState = () => chair.request('getMeetingState', {});

  it('markAbsent of someone else by a delegate is refused; the attendance is unchanged', async () => {
    const attendanceOf = async () =>
      (await meetingState()).attendance.find((a) => a.userId === 'sokhdt');
    const before = {
      shown: await attendanceOf(),
      rows: await count('attendance', sql`meeting_id = ${MEETING}`),
      audits: await auditRows(),
    };
    expect(before.shown?.status).toBe('not_checked_in');
    await expect(
      delegate.request('markAbsent', {
        userId: 'sokhdt',
        reason: 'Đi công tác',
        proxyUserId: null,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect({
      shown: await attendanceOf(),
      rows: await count('attendance', sql`meeting_id = ${MEETING}`),
      audits: await auditRows(),
    }).toEqual(before);
  });

  describe('the speaking queue', () => {
    let queued: string;
    let current: string;

    beforeAll(async () => {
      ({ requestId: queued } = await waiting.request('requestFloor', { topic: 'Kinh phí 2023' }));
      ({ requestId: current } = await speaking.request('requestFloor', { topic: null }));
      await chair.request('grantFloor', { requestId: current });
    });

    const floor = async () => ({
      shown: (await meetingState()).floor,
      rows: await server.database.db
        .selectFrom('floor_requests')
        .select(['id', 'status', 'ended_at', 'decided_by'])
        .where('meeting_id', '=', MEETING)
        .orderBy('id')
        .execute(),
      audits: await auditRows(),
    });

    it('declineFloor and endFloor by a delegate are refused; the queue and the speaker stay', async () => {
      const before = await floor();
      expect(before.shown.queue.map((r) => r.id)).toEqual([queued]);
      expect(before.shown.current?.id).toBe(current);
      await expect(delegate.request('declineFloor', { requestId: queued })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(delegate.request('endFloor', { requestId: current })).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(await floor()).toEqual(before);
    });

    it('withdrawFloor of someone else’s request is refused; it stays in the queue', async () => {
      const before = await floor();
      for (const other of [delegate, speaking])
        await expect(other.request('withdrawFloor', { requestId: queued })).rejects.toMatchObject({
          code: 'forbidden',
        });
      expect(await floor()).toEqual(before);
      expect(before.shown.queue.map((r) => r.id)).toEqual([queued]);
    });
  });

  it('closeVote by the secretary or a delegate is refused; the vote stays open', async () => {
    const { voteId } = await chair.request('openVote', {
      question: 'Thông qua kế hoạch chuyển đổi số năm 2023?',
      secret: false,
    });
    const vote = async () => ({
      shown: (await meetingState()).votes.find((v) => v.id === voteId),
      row: await server.database.db
        .selectFrom('votes')
        .select(['status', 'closed_at'])
        .where('id', '=', voteId)
        .executeTakeFirst(),
      audits: await auditRows(),
    });
    const before = await vote();
    expect(before.row).toEqual({ status: 'open', closed_at: null });
    for (const refused of [secretary, delegate])
      await expect(refused.request('closeVote', { voteId })).rejects.toMatchObject({
        code: 'forbidden',
      });
    expect(await vote()).toEqual(before);
    expect(before.shown?.status).toBe('open');
  });

  it('reviseConclusions by a delegate is refused; the issued conclusions stay issued', async () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [
      new Y.XmlText('Giao Sở Tài chính chủ trì thẩm định kinh phí, trước ngày 15/12/2026.'),
    ]);
    conclusionsFragment(doc).insert(0, [paragraph]);
    await secretary.request('editConclusions', { update: toBase64(Y.encodeStateAsUpdate(doc)) });
    const issued = await secretary.request('issueConclusions', {
      number: '130/TB-VP',
      signerAuthority: 'TL. CHỦ TỊCH',
      signerPosition: 'CHÁNH VĂN PHÒNG',
      signerName: 'Nguyễn Viết Hải',
      recipients: ['- Sở Tài chính;', '- Lưu: VT.'],
    });
    expect(issued.status).toMatchObject({ state: 'issued', version: 1 });

    const conclusions = async () => ({
      status: await server.conclusions.status(MEETING),
      row: await server.database.db
        .selectFrom('conclusions')
        .selectAll()
        .where('meeting_id', '=', MEETING)
        .executeTakeFirst(),
      updates: await count('conclusion_updates', sql`meeting_id = ${MEETING}`),
      audits: await auditRows(),
    });
    const before = await conclusions();
    await expect(delegate.request('reviseConclusions', {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await conclusions()).toEqual(before);
    expect(before.status).toMatchObject({ state: 'issued', version: 1 });
  });

  it('stopPresenting by a delegate who is not the presenter is refused; the presentation goes on', async () => {
    const agenda = await getJson(`${url}/api/meetings/${MEETING}/agenda`, tokens.chutri);
    const documentId = agenda.body.items[0].documents[0].id as string;
    await chair.request('presentDocument', { documentId, page: 1, scale: 'page-width' });
    const presentation = async () => ({
      shown: await delegate.request('getPresentation', {}),
      audits: await auditRows(),
    });
    const before = await presentation();
    expect(before.shown.presentation).toMatchObject({
      documentId,
      presenter: { userId: 'chutri' },
    });
    await expect(delegate.request('stopPresenting', {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await presentation()).toEqual(before);
  });
});
