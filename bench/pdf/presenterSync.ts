/**
 * The server side of bench:pdf's presenter-sync figure: a real server on loopback with the demo
 * seed, the bench document uploaded to the demo meeting's agenda, and the chair as presenter (a
 * signaling client in this process). The follower is the viewer page (see tests/harness).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultServerConfig } from '../../sfu-server/src/config';
import { Server } from '../../sfu-server/src/Server';
import { joinRoomWithoutMedia } from '../../tests/helpers/signalingPeer';
import { login } from '../../tests/helpers/testServer';

const MEETING = 'hd-bcd-cds-review';

export async function startPresenterSync(pdf: Uint8Array) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-bench-pdf-'));
  const server = await Server.create(
    defaultServerConfig({ port: 0, dataDir, logLevel: 'silent', workers: 1, seedDemo: true }),
    pino({ level: 'silent' }),
  );
  try {
    const chairToken = await login(server.url, 'chutri');
    const agenda = (await fetch(`${server.url}/api/meetings/${MEETING}/agenda`, {
      headers: { authorization: `Bearer ${chairToken}` },
    }).then((r) => r.json())) as { items: { id: string }[] };
    const form = new FormData();
    form.append('title', 'Tài liệu đo trình chiếu');
    form.append('file', new Blob([pdf as BlobPart], { type: 'application/pdf' }), 'do-kiem.pdf');
    const uploaded = await fetch(
      `${server.url}/api/meetings/${MEETING}/agenda/${agenda.items[0]!.id}/documents`,
      { method: 'POST', headers: { authorization: `Bearer ${chairToken}` }, body: form },
    );
    if (!uploaded.ok)
      throw new Error(`upload refused: ${uploaded.status} ${await uploaded.text()}`);
    const {
      document: { id: documentId },
    } = (await uploaded.json()) as { document: { id: string } };
    const presenter = await joinRoomWithoutMedia(server.url, chairToken, MEETING);
    return {
      serverUrl: server.url,
      /** A join ticket for the follower (a district delegate). */
      async followerTicket(): Promise<{ signalingUrl: string; ticket: string }> {
        const token = await login(server.url, 'gialoc');
        const res = await fetch(`${server.url}/api/meetings/${MEETING}/join-ticket`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        return (await res.json()) as { signalingUrl: string; ticket: string };
      },
      present: () =>
        presenter.request('presentDocument', { documentId, page: 1, scale: 'page-width' }),
      turn: (page: number) => presenter.request('turnPage', { page }),
      async close() {
        presenter.close();
        await server.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
