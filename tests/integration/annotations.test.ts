/**
 * Annotation sync over HTTP against a real server (demo seed, SQLite): push and pull, an
 * idempotent repeated push, private versus shared visibility, sharing reserved to the meeting's
 * secretary and chair, a user of another meeting refused, and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAnnotation } from '../../common/domain/annotation';
import type { AnnotationMutation } from '../../common/annotations/mutations';
import { ApiClient } from '../../common/protocol/ApiClient';
import {
  ANNOTATION_SYNC_PROTOCOL_VERSION,
  type PushedAnnotationMutation,
} from '../../common/protocol/annotationsApi';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-2022-09-27';
/** Invited to the demo's other meetings, not to this one (the test removes them from it). */
const OUTSIDER = 'camgiang';

let server: Server;
let url: string;
let documentId: string;
let version: number;

beforeAll(async () => {
  ({ server, url } = await startTestServer());
  await server.database.db
    .deleteFrom('meeting_participants')
    .where('meeting_id', '=', MEETING)
    .where('user_id', '=', OUTSIDER)
    .execute();
  const agenda = await (await apiAs('thuky')).call('meetingAgenda', { id: MEETING });
  const document = agenda.items[0]!.documents[0]!;
  documentId = document.id;
  version = document.currentVersion;
}, 60_000);
afterAll(async () => server?.close());

async function apiAs(username: string): Promise<ApiClient> {
  const anonymous = new ApiClient({ baseUrl: url });
  const { token } = await anonymous.call('login', {}, { username, password: DEMO_PASSWORD });
  return anonymous.withToken(token);
}

function ink(fields: Partial<NewAnnotation> = {}): NewAnnotation {
  return {
    id: randomUUID(),
    meetingId: MEETING,
    documentId,
    version,
    page: 1,
    color: '#d62828',
    shared: false,
    anchor: {
      text: 'Chuyển đổi số tỉnh Hải Dương',
      box: { x: 70, y: 700, width: 200, height: 12 },
    },
    shape: {
      kind: 'ink',
      strokes: [
        [
          [100, 600],
          [120, 610],
          [140, 605],
        ],
      ],
      width: 2,
    },
    ...fields,
  };
}

function push(api: ApiClient, clientId: string, mutations: AnnotationMutation[], firstId = 1) {
  const pushed: PushedAnnotationMutation[] = mutations.map((mutation, i) => ({
    id: firstId + i,
    createdAt: new Date().toISOString(),
    mutation,
  }));
  return api.call(
    'annotationsPush',
    {},
    { protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION, clientId, mutations: pushed },
  );
}

const pull = (api: ApiClient, clientId: string, since = 0) =>
  api.call(
    'annotationsPull',
    {},
    { protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION, clientId, since },
  );

const create = (annotation: NewAnnotation): AnnotationMutation => ({
  name: 'annotation.create',
  args: { annotation },
});

describe('POST /api/annotations/push and /pull', () => {
  it('a private ink annotation of the secretary is pulled by her and by no delegate', async () => {
    const secretary = await apiAs('thuky');
    const delegate = await apiAs('gialoc');
    const mine = ink();
    const clientId = randomUUID();
    const answer = await push(secretary, clientId, [create(mine)]);
    expect(answer).toMatchObject({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });

    const own = await pull(secretary, clientId);
    const pulled = own.annotations.find((a) => a.id === mine.id);
    expect(pulled).toMatchObject({
      shape: mine.shape,
      anchor: mine.anchor,
      shared: false,
      deleted: false,
      author: { id: 'thuky', name: 'Vũ Thị Thu Hằng' },
    });
    expect(pulled!.clock).toBeGreaterThan(0);
    expect(own.lastMutationId).toBe(1);

    const theirs = await pull(delegate, randomUUID());
    expect(theirs.annotations.map((a) => a.id)).not.toContain(mine.id);
    expect(theirs.removedIds).not.toContain(mine.id);
  });

  it('an annotation the secretary shares is pulled by a delegate; made private again, the delegate is told to drop it', async () => {
    const secretary = await apiAs('thuky');
    const delegate = await apiAs('gialoc');
    const delegateClient = randomUUID();
    const before = await pull(delegate, delegateClient);
    const shared = ink();
    const clientId = randomUUID();
    await push(secretary, clientId, [
      create(shared),
      { name: 'annotation.setShared', args: { id: shared.id, shared: true } },
    ]);

    const seen = await pull(delegate, delegateClient, before.clock);
    expect(seen.annotations).toEqual([
      expect.objectContaining({ id: shared.id, shared: true, shape: shared.shape }),
    ]);

    await push(
      secretary,
      clientId,
      [{ name: 'annotation.setShared', args: { id: shared.id, shared: false } }],
      3,
    );
    const dropped = await pull(delegate, delegateClient, seen.clock);
    expect(dropped.annotations.map((a) => a.id)).not.toContain(shared.id);
    expect(dropped.removedIds).toEqual([shared.id]);
  });

  it('the same push sent twice is applied once: the second answer says duplicate', async () => {
    const secretary = await apiAs('thuky');
    const clientId = randomUUID();
    const annotation = ink({ shared: true });
    const first = await push(secretary, clientId, [create(annotation)]);
    const again = await push(secretary, clientId, [create(annotation)]);
    expect(first.results).toEqual([{ id: 1, status: 'applied' }]);
    expect(again.results).toEqual([{ id: 1, status: 'duplicate' }]);
    expect(again.clock).toBe(first.clock);

    const rows = await server.database.db
      .selectFrom('annotations')
      .select('id')
      .where('id', '=', annotation.id)
      .execute();
    expect(rows).toHaveLength(1);
    const audits = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'details_json'])
      .where('subject', '=', annotation.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'annotation.create', user_id: 'thuky' });
    expect(JSON.parse(audits[0]!.details_json!)).toMatchObject({
      clientId,
      mutationId: 1,
      documentId,
      kind: 'ink',
      shared: true,
    });
  });

  it('a delegate may annotate privately but not share, and may not touch the secretary’s annotation', async () => {
    const secretary = await apiAs('thuky');
    const delegate = await apiAs('gialoc');
    const theirs = ink({ shared: true });
    await push(secretary, randomUUID(), [create(theirs)]);

    const clientId = randomUUID();
    const own = ink({
      shape: { kind: 'note', at: [300, 500], text: 'Đề nghị làm rõ tiến độ gói thầu số 2' },
    });
    const answer = await push(delegate, clientId, [
      create(ink({ shared: true })),
      create(own),
      { name: 'annotation.setShared', args: { id: own.id, shared: true } },
      { name: 'annotation.delete', args: { id: theirs.id } },
    ]);
    expect(
      answer.results.map((r) => (r.status === 'rejected' ? r.rejection.code : r.status)),
    ).toEqual(['share_not_allowed', 'applied', 'share_not_allowed', 'not_author']);
    expect(answer.lastMutationId).toBe(4);

    const pulled = await pull(delegate, clientId);
    expect(pulled.annotations.find((a) => a.id === own.id)).toMatchObject({ shared: false });
    expect(pulled.annotations.find((a) => a.id === theirs.id)).toMatchObject({ deleted: false });
    expect(pulled.rejections.map((r) => r.rejection.code)).toEqual([
      'share_not_allowed',
      'share_not_allowed',
      'not_author',
    ]);
    // The delegate's note is private: the secretary does not get it.
    const secretaryView = await pull(secretary, randomUUID());
    expect(secretaryView.annotations.map((a) => a.id)).not.toContain(own.id);
  });

  it('the chair may share too, and an author deletes her annotation as a tombstone others drop', async () => {
    const chair = await apiAs('chutri');
    const delegate = await apiAs('sotc');
    const annotation = ink({
      shape: {
        kind: 'highlight',
        rects: [{ x: 72, y: 640, width: 300, height: 14 }],
        text: 'gia hạn Hợp đồng thực hiện các gói thầu',
      },
      shared: true,
    });
    const clientId = randomUUID();
    await push(chair, clientId, [create(annotation)]);
    const delegateClient = randomUUID();
    const first = await pull(delegate, delegateClient);
    expect(first.annotations.find((a) => a.id === annotation.id)).toMatchObject({ shared: true });

    await push(chair, clientId, [{ name: 'annotation.delete', args: { id: annotation.id } }], 2);
    const next = await pull(delegate, delegateClient, first.clock);
    expect(next.annotations.find((a) => a.id === annotation.id)).toMatchObject({ deleted: true });
  });

  it('a user invited to other meetings but not this one is refused, and sees none of its shared annotations', async () => {
    const outsider = await apiAs(OUTSIDER);
    const secretary = await apiAs('thuky');
    const shared = ink({ shared: true });
    await push(secretary, randomUUID(), [create(shared)]);

    const clientId = randomUUID();
    const answer = await push(outsider, clientId, [create(ink())]);
    expect(answer.results[0]).toMatchObject({
      status: 'rejected',
      rejection: { code: 'not_participant' },
    });
    const pulled = await pull(outsider, clientId);
    expect(pulled.annotations.filter((a) => a.meetingId === MEETING)).toEqual([]);
  });

  it('an annotation on a document of another meeting, or a page it does not have, is refused', async () => {
    const secretary = await apiAs('thuky');
    const answer = await push(secretary, randomUUID(), [
      create(ink({ documentId: 'no-such-document' })),
      create(ink({ page: 999 })),
    ]);
    expect(answer.results.map((r) => r.status === 'rejected' && r.rejection.code)).toEqual([
      'document_not_found',
      'invalid',
    ]);
  });

  it('a client id of another user is forbidden; no token is unauthorized; out-of-order ids are refused', async () => {
    const secretary = await apiAs('thuky');
    const delegate = await apiAs('gialoc');
    const clientId = randomUUID();
    await push(secretary, clientId, [create(ink())]);
    await expect(push(delegate, clientId, [create(ink())], 2)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      push(new ApiClient({ baseUrl: url }), randomUUID(), [create(ink())]),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(push(secretary, randomUUID(), [create(ink())], 5)).rejects.toMatchObject({
      code: 'invalid_state',
    });
  });

  it('a malformed annotation (too many points, a colour by name) is refused before anything is stored', async () => {
    const secretary = await apiAs('thuky');
    const many = Array.from({ length: 4001 }, (_, i) => [i % 500, 300] as [number, number]);
    await expect(
      push(secretary, randomUUID(), [
        create(ink({ shape: { kind: 'ink', strokes: [many], width: 2 } })),
      ]),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      push(secretary, randomUUID(), [create(ink({ color: 'red' }))]),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a pull of more than one page says there is more, and the next pull from its clock brings the rest', async () => {
    const chair = await apiAs('chutri');
    const clientId = randomUUID();
    const start = await pull(chair, clientId);
    const notes = Array.from({ length: 600 }, (_, i) =>
      create(ink({ shape: { kind: 'note', at: [50, 800 - i], text: `Ghi chú số ${i + 1}` } })),
    );
    for (let batch = 0; batch < 3; batch++)
      await push(chair, clientId, notes.slice(batch * 200, batch * 200 + 200), batch * 200 + 1);
    const first = await pull(chair, clientId, start.clock);
    expect(first.more).toBe(true);
    expect(first.annotations).toHaveLength(500);
    const rest = await pull(chair, clientId, first.clock);
    expect(rest.more).toBe(false);
    expect(rest.annotations).toHaveLength(100);
    const texts = [...first.annotations, ...rest.annotations].map(
      (a) => a.shape.kind === 'note' && a.shape.text,
    );
    expect(texts).toEqual(notes.map((_, i) => `Ghi chú số ${i + 1}`));
  });

  it('a protocol version this server does not speak is answered incompatible', async () => {
    const secretary = await apiAs('thuky');
    await expect(
      secretary.call(
        'annotationsPull',
        {},
        { protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION + 1, clientId: randomUUID(), since: 0 },
      ),
    ).rejects.toMatchObject({ code: 'incompatible' });
  });
});
