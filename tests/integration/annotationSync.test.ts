/**
 * Annotations end to end below the renderer: the main-process services of two computers (the
 * secretary's and a district delegate's), each with its own local SQLite store, against a real
 * server on 127.0.0.1, driven through the IPC router as the renderer drives them. Covers the
 * outbox (recorded offline, kept across a restart, sent when the link returns), sharing, and the
 * local refusal of what the rules refuse.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAnnotation } from '../../common/domain/annotation';
import type { IpcChannel, IpcRequest, IpcResponse } from '../../common/ipc/contract';
import { ApiClient } from '../../common/protocol/ApiClient';
import { createMainServices, type MainServices } from '../../main/composition';
import { FileSecretStore } from '../../main/services/FileSecretStore';
import type { Server } from '../../sfu-server/src/Server';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-2022-09-27';

let server: Server;
let url: string;
let documentId: string;
let version: number;

beforeAll(async () => {
  ({ server, url } = await startTestServer());
  const anonymous = new ApiClient({ baseUrl: url });
  const { token } = await anonymous.call(
    'login',
    {},
    { username: 'thuky', password: DEMO_PASSWORD },
  );
  const agenda = await anonymous.withToken(token).call('meetingAgenda', { id: MEETING });
  const document = agenda.items[1]!.documents[0]!;
  documentId = document.id;
  version = document.currentVersion;
}, 60_000);
afterAll(async () => server?.close());

interface Computer {
  services: MainServices;
  dir: string;
  /** Cuts this computer off the server (every request fails as a dropped link would). */
  online: { value: boolean };
  events: [string, unknown][];
}

function computer(dir = tempDir('annotations-client'), online = { value: true }): Computer {
  const services = createMainServices({
    dataDir: dir,
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    defaultServerUrl: url,
    shell: 'browser',
    version: 'test',
    fetch: (input, init) =>
      online.value
        ? fetch(input, init)
        : Promise.reject(new TypeError('fetch failed: link down (test)')),
  });
  const events: [string, unknown][] = [];
  services.router.on('event', (name, payload) => events.push([name, payload]));
  return { services, dir, online, events };
}

async function call<C extends IpcChannel>(
  c: Computer,
  channel: C,
  request: IpcRequest<C>,
): Promise<IpcResponse<C>> {
  const result = await c.services.router.handle(channel, request);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as IpcResponse<C>;
}

async function signIn(username: string, c = computer()): Promise<Computer> {
  await call(c, 'session.login', { serverUrl: url, username, password: DEMO_PASSWORD });
  return c;
}

function ink(fields: Partial<NewAnnotation> = {}): NewAnnotation {
  return {
    id: crypto.randomUUID(),
    meetingId: MEETING,
    documentId,
    version,
    page: 1,
    color: '#d62828',
    shared: false,
    anchor: null,
    shape: {
      kind: 'ink',
      strokes: [
        [
          [120, 500],
          [160, 520],
        ],
      ],
      width: 2,
    },
    ...fields,
  };
}

const list = (c: Computer) => call(c, 'annotations.list', { meetingId: MEETING, documentId });

describe('annotations between two computers', () => {
  it('the secretary’s shared stroke is recorded at once, sent, and appears on the delegate’s computer', async () => {
    const secretary = await signIn('thuky');
    const delegate = await signIn('gialoc');
    const stroke = ink({ shared: true });
    const made = await call(secretary, 'annotations.mutate', {
      mutation: { name: 'annotation.create', args: { annotation: stroke } },
    });
    expect(made.annotation).toMatchObject({ id: stroke.id, shared: true, author: { id: 'thuky' } });
    const before = await list(secretary);
    expect(before).toMatchObject({ canAnnotate: true, canShare: true, userId: 'thuky' });
    expect(before.annotations.map((a) => a.id)).toContain(stroke.id);

    expect(await call(secretary, 'annotations.syncNow', {})).toMatchObject({
      status: 'synced',
      pending: 0,
    });
    expect((await list(secretary)).pendingIds).toEqual([]);

    await call(delegate, 'annotations.syncNow', {});
    const seen = await list(delegate);
    expect(seen).toMatchObject({ canAnnotate: true, canShare: false, userId: 'gialoc' });
    expect(seen.annotations.find((a) => a.id === stroke.id)).toMatchObject({
      shared: true,
      shape: stroke.shape,
      author: { id: 'thuky', name: 'Vũ Thị Thu Hằng' },
    });
    expect(delegate.events).toContainEqual([
      'annotations.changed',
      { documents: [{ meetingId: MEETING, documentId }] },
    ]);
    secretary.services.close();
    delegate.services.close();
  });

  it('a delegate’s attempt to share is refused on the computer, before anything is recorded', async () => {
    const delegate = await signIn('gialoc');
    const result = await delegate.services.router.handle('annotations.mutate', {
      mutation: { name: 'annotation.create', args: { annotation: ink({ shared: true }) } },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { rejection: 'share_not_allowed' } },
    });
    expect((await list(delegate)).sync.pending).toBe(0);
    delegate.services.close();
  });

  it('a note recorded while the link is down survives a restart and is sent when the link returns; it stays private', async () => {
    const online = { value: true };
    const dir = tempDir('annotations-offline');
    const first = await signIn('gialoc', computer(dir, online));
    // The meeting was opened once while online (its participants are cached for offline use).
    await list(first);
    online.value = false;
    const note = ink({
      shape: { kind: 'note', at: [400, 700], text: 'Cần làm rõ nguồn vốn đối ứng' },
    });
    await call(first, 'annotations.mutate', {
      mutation: { name: 'annotation.create', args: { annotation: note } },
    });
    expect(await call(first, 'annotations.syncNow', {})).toMatchObject({
      status: 'offline',
      pending: 1,
    });
    first.services.close();

    // The computer restarts, still offline: the note is there, waiting.
    const second = computer(dir, online);
    const offline = await list(second);
    expect(offline.pendingIds).toEqual([note.id]);
    expect(offline.annotations.find((a) => a.id === note.id)?.shape).toEqual(note.shape);

    online.value = true;
    expect(await call(second, 'annotations.syncNow', {})).toMatchObject({
      status: 'synced',
      pending: 0,
    });
    const stored = await server.database.db
      .selectFrom('annotations')
      .select(['author_id', 'shared'])
      .where('id', '=', note.id)
      .executeTakeFirst();
    expect(stored).toEqual({ author_id: 'gialoc', shared: 0 });

    const secretary = await signIn('thuky');
    await call(secretary, 'annotations.syncNow', {});
    expect((await list(secretary)).annotations.map((a) => a.id)).not.toContain(note.id);
    second.services.close();
    secretary.services.close();
  });

  it('unsharing and deleting reach the other computer: the annotation disappears there', async () => {
    const secretary = await signIn('thuky');
    const delegate = await signIn('sotc');
    const stroke = ink({ shared: true });
    await call(secretary, 'annotations.mutate', {
      mutation: { name: 'annotation.create', args: { annotation: stroke } },
    });
    await call(secretary, 'annotations.syncNow', {});
    await call(delegate, 'annotations.syncNow', {});
    expect((await list(delegate)).annotations.map((a) => a.id)).toContain(stroke.id);

    await call(secretary, 'annotations.mutate', {
      mutation: { name: 'annotation.setShared', args: { id: stroke.id, shared: false } },
    });
    await call(secretary, 'annotations.syncNow', {});
    await call(delegate, 'annotations.syncNow', {});
    expect((await list(delegate)).annotations.map((a) => a.id)).not.toContain(stroke.id);

    await call(secretary, 'annotations.mutate', {
      mutation: { name: 'annotation.delete', args: { id: stroke.id } },
    });
    expect((await list(secretary)).annotations.map((a) => a.id)).not.toContain(stroke.id);
    await call(secretary, 'annotations.syncNow', {});
    const row = await server.database.db
      .selectFrom('annotations')
      .select('deleted')
      .where('id', '=', stroke.id)
      .executeTakeFirst();
    expect(row).toEqual({ deleted: 1 });
    secretary.services.close();
    delegate.services.close();
  });
});

describe('changes the server refuses', () => {
  it('an edit of a note its author deleted on another computer is refused (annotation_not_found); annotations.list names it until dismissed, also after a restart', async () => {
    const office = await signIn('gialoc');
    const laptopDir = tempDir('annotations-laptop');
    const laptopLink = { value: true };
    const laptop = await signIn('gialoc', computer(laptopDir, laptopLink));
    const note = ink({
      page: 2,
      shape: { kind: 'note', at: [300, 600], text: 'Đề nghị bổ sung phụ lục kinh phí' },
    });
    await call(office, 'annotations.mutate', {
      mutation: { name: 'annotation.create', args: { annotation: note } },
    });
    await call(office, 'annotations.syncNow', {});
    await call(laptop, 'annotations.syncNow', {});
    expect((await list(laptop)).annotations.map((a) => a.id)).toContain(note.id);

    // The laptop is offline while the author deletes the note at the office; then, on the
    // laptop, edits it (allowed there: it still shows the note) and the link returns.
    laptopLink.value = false;
    await call(office, 'annotations.mutate', {
      mutation: { name: 'annotation.delete', args: { id: note.id } },
    });
    await call(office, 'annotations.syncNow', {});
    const edit = await call(laptop, 'annotations.mutate', {
      mutation: { name: 'annotation.update', args: { id: note.id, text: 'Sửa lại nội dung' } },
    });
    expect((await list(laptop)).rejections).toEqual([]);
    laptopLink.value = true;
    expect(await call(laptop, 'annotations.syncNow', {})).toMatchObject({ pending: 0 });

    const after = await list(laptop);
    expect(after.annotations.map((a) => a.id)).not.toContain(note.id);
    expect(after.rejections).toEqual([
      {
        mutationId: edit.mutationId,
        annotationId: note.id,
        action: 'update',
        rejection: { code: 'annotation_not_found', message: expect.any(String) },
        annotation: { kind: 'note', page: 2, excerpt: 'Sửa lại nội dung' },
        at: expect.any(String),
      },
    ]);
    // Other documents of the meeting do not show it.
    const other = await call(laptop, 'annotations.list', {
      meetingId: MEETING,
      documentId: 'another-document',
    });
    expect(other.rejections).toEqual([]);

    laptop.events.length = 0;
    expect(
      await call(laptop, 'annotations.dismissRejections', { mutationIds: [edit.mutationId] }),
    ).toEqual({ dismissed: 1 });
    expect((await list(laptop)).rejections).toEqual([]);
    expect(laptop.events).toContainEqual([
      'annotations.changed',
      { documents: [{ meetingId: MEETING, documentId }] },
    ]);
    expect(
      await call(laptop, 'annotations.dismissRejections', { mutationIds: [edit.mutationId] }),
    ).toEqual({ dismissed: 0 });
    laptop.services.close();

    // Restarted and synced again: the dismissed refusal stays dismissed.
    const restarted = computer(laptopDir, laptopLink);
    await call(restarted, 'annotations.syncNow', {});
    expect((await list(restarted)).rejections).toEqual([]);
    expect(restarted.services.annotations.rejections()).toMatchObject([
      { mutationId: edit.mutationId, dismissedAt: expect.any(String) },
    ]);
    restarted.services.close();
    office.services.close();
  });

  it('a share by a delegate whose secretary role was withdrawn meanwhile is refused (share_not_allowed) and named in annotations.list', async () => {
    const role = (meetingRole: string) =>
      server.database.db
        .updateTable('meeting_participants')
        .set({ meeting_role: meetingRole })
        .where('meeting_id', '=', MEETING)
        .where('user_id', '=', 'sogddt')
        .execute();
    await role('secretary');
    try {
      // The computer learnt the role when the meeting was opened; the role is withdrawn after.
      const c = await signIn('sogddt');
      expect(await list(c)).toMatchObject({ canShare: true });
      await role('delegate');
      const highlight = ink({
        page: 1,
        shape: {
          kind: 'highlight',
          rects: [{ x: 72, y: 640, width: 300, height: 14 }],
          text: 'Phân bổ kinh phí ứng dụng công nghệ thông tin năm 2022',
        },
      });
      const made = await call(c, 'annotations.mutate', {
        mutation: { name: 'annotation.create', args: { annotation: highlight } },
      });
      const shared = await call(c, 'annotations.mutate', {
        mutation: { name: 'annotation.setShared', args: { id: highlight.id, shared: true } },
      });
      expect(await call(c, 'annotations.syncNow', {})).toMatchObject({ pending: 0 });

      const seen = await list(c);
      // The highlight itself was accepted, privately; only sharing it was refused.
      expect(seen.annotations.find((a) => a.id === highlight.id)).toMatchObject({ shared: false });
      expect(seen.rejections).toEqual([
        expect.objectContaining({
          mutationId: shared.mutationId,
          annotationId: highlight.id,
          action: 'share',
          rejection: expect.objectContaining({ code: 'share_not_allowed' }),
          annotation: {
            kind: 'highlight',
            page: 1,
            excerpt: 'Phân bổ kinh phí ứng dụng công nghệ thông tin năm 2022',
          },
        }),
      ]);
      expect(seen.rejections.map((r) => r.mutationId)).not.toContain(made.mutationId);
      c.services.close();
    } finally {
      await role('delegate');
    }
  });
});
