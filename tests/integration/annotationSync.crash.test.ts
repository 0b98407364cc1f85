/**
 * kill -9 of a client between recording annotations and the server's acknowledgement loses none
 * and makes none twice: once before the push reaches the server, once after the server applied
 * it but before the answer arrived. The client is a child process with the real replica and sync
 * engine on a SQLite file (tests/helpers/annotationSyncChild.ts); a proxy decides the moment
 * (tests/helpers/crashProxy.ts, shared with the task crash test).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../common/domain/user';
import { ApiClient } from '../../common/protocol/ApiClient';
import { ANNOTATION_SYNC_PROTOCOL_VERSION } from '../../common/protocol/annotationsApi';
import type { Server } from '../../sfu-server/src/Server';
import { crashNote } from '../helpers/annotationFixture';
import { killClientAtPush, runClientProcess } from '../helpers/crashProxy';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-2022-09-27';
const COUNT = 8;
let server: Server;
let url: string;
let token: string;
let user: User;
let document: { meetingId: string; documentId: string; version: number };

beforeAll(async () => {
  ({ server, url } = await startTestServer());
  const login = await new ApiClient({ baseUrl: url }).call(
    'login',
    {},
    { username: 'kinhmon', password: DEMO_PASSWORD },
  );
  token = login.token;
  user = login.user;
  const agenda = await new ApiClient({ baseUrl: url, token }).call('meetingAgenda', {
    id: MEETING,
  });
  const first = agenda.items[0]!.documents[0]!;
  document = { meetingId: MEETING, documentId: first.id, version: first.currentVersion };
}, 60_000);
afterAll(async () => server?.close());

function runChild(prefix: string, dataDir: string, serverUrl: string, count: number) {
  return runClientProcess('tests/helpers/annotationSyncChild.ts', {
    DATA_DIR: dataDir,
    SERVER_URL: serverUrl,
    TOKEN: token,
    USER_JSON: JSON.stringify(user),
    COUNT: String(count),
    ID_PREFIX: prefix,
    MEETING_ID: document.meetingId,
    DOCUMENT_ID: document.documentId,
    VERSION: String(document.version),
  });
}

/** The user's annotations on the server whose id starts with `prefix`, as a new client pulls them. */
async function serverAnnotations(prefix: string) {
  const api = new ApiClient({ baseUrl: url, token });
  const { annotations, more } = await api.call(
    'annotationsPull',
    {},
    { protocolVersion: ANNOTATION_SYNC_PROTOCOL_VERSION, clientId: randomUUID(), since: 0 },
  );
  expect(more).toBe(false);
  return annotations.filter((a) => a.id.startsWith(`${prefix}-`));
}

/** How many times the server applied a creation of each annotation (its audit log). */
async function creationsApplied(prefix: string): Promise<Map<string, number>> {
  const rows = await server.database.db
    .selectFrom('audit_log')
    .select('subject')
    .where('action', '=', 'annotation.create')
    .where('subject', 'like', `${prefix}-%`)
    .execute();
  const counts = new Map<string, number>();
  for (const { subject } of rows) counts.set(subject!, (counts.get(subject!) ?? 0) + 1);
  return counts;
}

describe.each([
  { when: 'before the push reaches the server', forward: false },
  { when: 'after the server applied the push, before its answer arrives', forward: true },
])('kill -9 of an annotating client $when', ({ forward }) => {
  it(`loses none of ${COUNT} recorded notes and creates none twice`, async () => {
    const prefix = `crash-note-${forward ? 'after' : 'before'}`;
    const dataDir = tempDir(prefix);
    const first = await killClientAtPush({
      serverUrl: url,
      pushPath: '/api/annotations/push',
      forward,
      start: (proxyUrl) => runChild(prefix, dataDir, proxyUrl, COUNT),
    });
    expect(first.lines).toContain(`committed ${COUNT}`);
    expect(first.lines).not.toContain('synced 0');
    expect(first.exitCode).toBeNull(); // killed, not exited
    expect(await serverAnnotations(prefix)).toHaveLength(forward ? COUNT : 0);

    // The app starts again on the same store and syncs straight to the server: the outbox is
    // still there, and the second push is either applied or recognised as already applied.
    const second = runChild(prefix, dataDir, url, 0);
    expect(await second.exited).toBe(0);
    expect(second.lines).toEqual([`committed ${COUNT}`, 'synced 0']);

    const expected = Array.from({ length: COUNT }, (_, i) => crashNote(prefix, i + 1, document));
    const stored = await serverAnnotations(prefix);
    expect(stored.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    for (const note of expected) {
      expect(stored.find((a) => a.id === note.id)).toMatchObject({
        ...note,
        author: { id: user.id },
        deleted: false,
      });
    }
    const applied = await creationsApplied(prefix);
    expect([...applied.keys()].sort()).toEqual(expected.map((a) => a.id).sort());
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    // Nothing was refused (a second creation of the same note would be, as annotation_exists).
    const refused = await server.database.db
      .selectFrom('annotation_rejections')
      .select('annotation_id')
      .where('annotation_id', 'like', `${prefix}-%`)
      .execute();
    expect(refused).toEqual([]);
  }, 60_000);
});
