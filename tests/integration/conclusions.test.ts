/**
 * Live conclusions over the real signaling socket: the renderer's ConclusionsChannel in Node,
 * against a real server with the demo database. The secretary types and a delegate sees it;
 * a delegate cannot edit; edits made while the link was down merge when it returns; the text
 * survives a server restart, also after the stored updates were compacted.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { conclusionsFragment, conclusionsText } from '../../common/conclusions/conclusionsDoc';
import type { SignalingClient } from '../../common/protocol/SignalingClient';
import type { SignalingNotificationData } from '../../common/protocol/signaling';
import { ConclusionsChannel } from '../../renderer/media/ConclusionsChannel';
import type { Server } from '../../sfu-server/src/Server';
import { joinRoomWithoutMedia, until } from '../helpers/signalingPeer';
import { pdfText } from '../helpers/pdfText';
import { login, startTestServer } from '../helpers/testServer';

const MEETING = 'hd-bcd-cds-review';
let server: Server;
let url: string;
let dataDir: string;

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1 }));
}, 60_000);
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Participant {
  channel: ConclusionsChannel;
  signaling: SignalingClient;
  /** Opens a new socket (a reconnect) for the same channel and runs the sync round. */
  reconnect: () => Promise<void>;
  close: () => void;
}

/** A participant in the room, as RoomClient wires the channel: join, then one sync round. */
async function participant(username: string): Promise<Participant> {
  const token = await login(url, username);
  let signaling: SignalingClient | undefined;
  const channel = new ConclusionsChannel((method, data) =>
    signaling ? signaling.request(method, data) : Promise.reject(new Error('offline')),
  );
  const connect = async () => {
    const client = await joinRoomWithoutMedia(url, token, MEETING, (method, data) => {
      if (method === 'conclusionsUpdated')
        channel.applyRemote(data as SignalingNotificationData<'conclusionsUpdated'>);
      if (method === 'conclusionsStatusChanged')
        channel.applyStatus(data as SignalingNotificationData<'conclusionsStatusChanged'>);
    });
    signaling = client;
    await channel.resync();
  };
  await connect();
  return {
    channel,
    get signaling() {
      return signaling!;
    },
    reconnect: connect,
    close: () => {
      signaling?.close();
      signaling = undefined;
      channel.disconnected();
    },
  };
}

/** Types a paragraph at the end, as the editor's binding would. */
function typeParagraph(channel: ConclusionsChannel, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = conclusionsFragment(channel.doc);
  fragment.insert(fragment.length, [paragraph]);
}

const textOf = (p: Participant) => conclusionsText(p.channel.doc);

const SENTENCE =
  'Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính hoàn thiện Đề án, trình UBND thành phố trước ngày 30/12/2026.';

describe('live conclusions', () => {
  it('what the secretary types reaches a delegate; a delegate’s own edit is refused', async () => {
    const secretary = await participant('thuky');
    const delegate = await participant('sotttt');
    typeParagraph(secretary.channel, SENTENCE);
    await until(() => textOf(delegate).includes(SENTENCE));
    expect(await server.conclusions.text(MEETING)).toContain(SENTENCE);
    // The audit log says who edited (once a minute per person, not per keystroke).
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'action'])
      .where('subject', '=', MEETING)
      .where('action', '=', 'conclusions.edit')
      .execute();
    expect(audit).toEqual([{ user_id: 'thuky', action: 'conclusions.edit' }]);

    typeParagraph(delegate.channel, 'Sửa trái phép');
    await until(() => delegate.channel.getSnapshot().error !== null);
    expect(delegate.channel.getSnapshot().error).toMatchObject({ code: 'forbidden' });
    expect(await server.conclusions.text(MEETING)).not.toContain('Sửa trái phép');
    expect(textOf(secretary)).not.toContain('Sửa trái phép');
    secretary.close();
    delegate.close();
  });

  it('edits typed while the link is down merge with the chair’s edits when it returns', async () => {
    const secretary = await participant('thuky');
    const chair = await participant('chutri');
    const reader = await participant('camgiang');
    secretary.close();
    typeParagraph(secretary.channel, 'Đoạn thư ký gõ khi mất kết nối.');
    expect(secretary.channel.getSnapshot().pendingEdits).toBe(true);
    typeParagraph(chair.channel, 'Đoạn chủ trì đọc trong lúc đó.');
    await until(() => textOf(reader).includes('Đoạn chủ trì đọc trong lúc đó.'));
    expect(textOf(reader)).not.toContain('Đoạn thư ký gõ khi mất kết nối.');

    await secretary.reconnect();
    await until(() => !secretary.channel.getSnapshot().pendingEdits);
    for (const p of [secretary, chair, reader])
      await until(
        () =>
          textOf(p).includes('Đoạn thư ký gõ khi mất kết nối.') &&
          textOf(p).includes('Đoạn chủ trì đọc trong lúc đó.'),
      );
    const serverText = await server.conclusions.text(MEETING);
    expect(textOf(secretary)).toBe(serverText);
    expect(textOf(chair)).toBe(serverText);
    expect(textOf(reader)).toBe(serverText);
    for (const p of [secretary, chair, reader]) p.close();
  });

  it('bad updates are refused with a clear error and change nothing', async () => {
    const secretary = await participant('thuky');
    const before = await server.conclusions.text(MEETING);
    await expect(
      secretary.signaling.request('editConclusions', { update: 'AAEC' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      secretary.signaling.request('editConclusions', { update: 'not base64!' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(await server.conclusions.text(MEETING)).toBe(before);
    secretary.close();
  });

  it('the text survives a server restart, also after its updates were compacted', async () => {
    const secretary = await participant('thuky');
    // More edits than the compaction threshold (one update per keystroke, as typing sends them).
    const fragment = conclusionsFragment(secretary.channel.doc);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('');
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
    const typed = 'Hàng tuần báo cáo tiến độ về Văn phòng UBND thành phố. '.repeat(5);
    for (const ch of typed) text.insert(text.length, ch);
    // Every keystroke stored, the last one (a space) too: the server's text is the secretary's.
    await until(async () => (await server.conclusions.text(MEETING)) === textOf(secretary), 20_000);
    const expected = await server.conclusions.text(MEETING);
    secretary.close();

    const rows = await server.database.db
      .selectFrom('conclusion_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meeting_id', '=', MEETING)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeLessThan(typed.length);

    await server.close();
    ({ server, url } = await startTestServer({ workers: 1, dataDir }));
    const reader = await participant('sotttt');
    expect(textOf(reader)).toBe(expected);
    reader.close();
  });
});

describe('the conclusion notice', () => {
  const issueInput = {
    number: '125/TB-VP',
    signerAuthority: 'TL. CHỦ TỊCH',
    signerPosition: 'CHÁNH VĂN PHÒNG',
    signerName: 'Nguyễn Viết Hải',
    recipients: ['- Sở Tài chính;', '- Sở Khoa học và Công nghệ;', '- Lưu: VT.'],
  };

  it('is issued as a PDF document of the meeting with its text; the conclusions lock until revised', async () => {
    const secretary = await participant('thuky');
    const delegate = await participant('sotttt');
    typeParagraph(secretary.channel, SENTENCE);
    await until(async () => (await server.conclusions.text(MEETING)).includes(SENTENCE));

    await expect(delegate.channel.issue(issueInput)).rejects.toMatchObject({ code: 'forbidden' });
    const status = await secretary.channel.issue(issueInput);
    expect(status).toMatchObject({ state: 'issued', version: 1, issuedBy: 'Vũ Thị Thu Hằng' });
    expect(status.noticeDocumentId).toBeTruthy();

    // Everyone in the room hears of it; a later edit is refused and changes nothing.
    await until(() => delegate.channel.getSnapshot().status?.state === 'issued');
    typeParagraph(secretary.channel, 'Sửa sau khi ban hành');
    await until(() => secretary.channel.getSnapshot().error !== null);
    expect(secretary.channel.getSnapshot().error).toMatchObject({ code: 'invalid_state' });
    expect(await server.conclusions.text(MEETING)).not.toContain('Sửa sau khi ban hành');

    // The notice is on the meeting's agenda, downloadable by a participant, and says what was typed.
    const token = await login(url, 'sotttt');
    const agenda = await fetch(`${url}/api/meetings/${MEETING}/agenda`, {
      headers: { authorization: `Bearer ${token}` },
    }).then(
      (r) => r.json() as Promise<{ items: { title: string; documents: { id: string }[] }[] }>,
    );
    const item = agenda.items.find((i) => i.title === 'Thông báo kết luận');
    expect(item?.documents.map((d) => d.id)).toEqual([status.noticeDocumentId]);
    const pdf = await fetch(
      `${url}/api/meetings/${MEETING}/documents/${status.noticeDocumentId}/versions/1/content`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = pdfText(bytes).normalize('NFC');
    for (const expected of [
      // The review meeting is Hải Phòng city's (Hải Dương merged into it in 2025).
      'UBND THÀNH PHỐ HẢI PHÒNG',
      'VĂN PHÒNG',
      'Số: 125/TB-VP',
      'Hải Phòng, ngày',
      'THÔNG BÁO',
      'Nơi nhận:',
      'CHÁNH VĂN PHÒNG',
      'Nguyễn Viết Hải',
      'Giao Sở Khoa học và Công nghệ chủ trì',
      'trước ngày 30/12/2026',
    ])
      expect(text).toContain(expected);

    // A revision opens version 2 as a draft with the same text; editing works again.
    const revised = await secretary.channel.revise();
    expect(revised).toMatchObject({ state: 'draft', version: 2 });
    typeParagraph(secretary.channel, 'Bổ sung ở phiên bản 2.');
    await until(async () =>
      (await server.conclusions.text(MEETING)).includes('Bổ sung ở phiên bản 2.'),
    );
    expect(await server.conclusions.text(MEETING)).toContain(SENTENCE);
    // What was typed in the moment the lock was on its way is kept in the new version, not lost.
    expect(await server.conclusions.text(MEETING)).toContain('Sửa sau khi ban hành');
    secretary.close();
    delegate.close();
  });
});
