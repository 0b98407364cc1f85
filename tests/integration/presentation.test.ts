/**
 * Presenter sync over the real signaling socket (the renderer's PresentationChannel in Node, a
 * real server with the demo database): who may present and turn pages, pages clamped to the
 * document, every participant hearing each turn in order, and the chair naming a presenter.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingClient } from '../../common/protocol/SignalingClient';
import { PresentationChannel } from '../../renderer/media/PresentationChannel';
import type { Server } from '../../sfu-server/src/Server';
import { joinRoomWithoutMedia, until } from '../helpers/signalingPeer';
import { login, startTestServer } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-2022-09-27';
let server: Server;
let url: string;
let dataDir: string;
let notice: { id: string; pages: number };

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1 }));
  const token = await login(url, 'chutri');
  const agenda = (await fetch(`${url}/api/meetings/${MEETING}/agenda`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json())) as {
    items: { documents: { id: string; title: string; versions: { pageCount: number }[] }[] }[];
  };
  const doc = agenda.items
    .flatMap((i) => i.documents)
    .sort((a, b) => b.versions[0]!.pageCount - a.versions[0]!.pageCount)[0]!;
  notice = { id: doc.id, pages: doc.versions[0]!.pageCount };
}, 60_000);
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function participant(username: string) {
  const socket: { client?: SignalingClient } = {};
  const channel = new PresentationChannel((method, data) => socket.client!.request(method, data));
  const seen: number[] = [];
  const client = await joinRoomWithoutMedia(
    url,
    await login(url, username),
    MEETING,
    (method, data) => {
      if (method !== 'presentationChanged') return;
      channel.apply(data);
      const page = channel.getSnapshot().state?.presentation?.page;
      if (page !== undefined) seen.push(page);
    },
  );
  socket.client = client;
  await channel.refresh();
  return { channel, client, seen };
}

describe('presenter sync', () => {
  it('the chair presents and turns pages; delegates receive every turn in order; a delegate cannot turn or present', async () => {
    const chair = await participant('chutri');
    const delegate = await participant('gialoc');
    expect(await chair.channel.present(notice.id, 1, 1, 'page-width')).toBe(true);
    await until(() => delegate.channel.getSnapshot().state?.presentation?.documentId === notice.id);
    for (let page = 2; page <= notice.pages; page++) await chair.channel.turnPage(page);
    await until(() => delegate.seen.at(-1) === notice.pages);
    expect(delegate.seen).toEqual(Array.from({ length: notice.pages }, (_, i) => i + 1));
    expect(delegate.channel.getSnapshot().state?.presentation).toMatchObject({
      presenter: { fullName: 'Nguyễn Minh Hùng', siteName: 'Hội trường UBND thành phố' },
    });

    // Beyond the last page: clamped to it.
    await chair.client.request('turnPage', { page: notice.pages + 50 });
    expect(server.presentations.state(MEETING).presentation?.page).toBe(notice.pages);

    await expect(delegate.client.request('turnPage', { page: 1 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await delegate.channel.present(notice.id, 1, 1, 'page-width')).toBe(false);
    expect(delegate.channel.getSnapshot().error).toMatchObject({ code: 'forbidden' });
    await expect(
      chair.client.request('presentDocument', { documentId: 'not-here', page: 1, scale: 1 }),
    ).rejects.toMatchObject({ code: 'not_found' });

    expect(await chair.channel.stop()).toBe(true);
    await until(() => delegate.channel.getSnapshot().state?.presentation === null);
    chair.client.close();
    delegate.client.close();
  });

  it('a delegate named by the chair presents; naming someone else ends their presentation', async () => {
    const chair = await participant('chutri');
    const named = await participant('camgiang');
    const other = await participant('gialoc');
    expect(await other.channel.appoint('camgiang')).toBe(false);
    expect(await chair.channel.appoint('camgiang')).toBe(true);
    await until(() => named.channel.getSnapshot().state?.appointedUserId === 'camgiang');
    expect(await named.channel.present(notice.id, 1, 2, 1.25)).toBe(true);
    await until(() => other.channel.getSnapshot().state?.presentation?.page === 2);
    expect(other.channel.getSnapshot().state?.presentation?.scale).toBe(1.25);

    expect(await chair.channel.appoint('gialoc')).toBe(true);
    await until(() => other.channel.getSnapshot().state?.presentation === null);
    expect(await named.channel.present(notice.id, 1, 1, 1)).toBe(false);
    for (const p of [chair, named, other]) p.client.close();
  });

  it('a stale state never moves a follower back (messages carry a sequence number)', () => {
    const channel = new PresentationChannel(() => Promise.reject(new Error('unused')));
    const state = (seq: number, page: number) => ({
      appointedUserId: null,
      seq,
      presentation: {
        documentId: 'd',
        version: 1,
        title: 'Tài liệu',
        page,
        scale: 'page-width' as const,
        presenter: { userId: 'chutri', fullName: 'Nguyễn Minh Hùng', siteName: 'Hội trường' },
        seq,
      },
    });
    channel.apply(state(5, 5));
    channel.apply(state(4, 4));
    expect(channel.getSnapshot().state?.presentation?.page).toBe(5);
    channel.setFollowing(false);
    channel.apply(state(6, 6));
    expect(channel.getSnapshot().following).toBe(false);
  });
});
