/**
 * Agenda management from the app (issue #4), end to end against a real server on 127.0.0.1
 * (demo seed, real SQLite) through the main-process services as the renderer calls them (the IPC
 * router, requests validated against the contract): a secretary uploads a document and a new
 * version with progress events, the uploaded copy is readable offline at once, the server's
 * refusals keep their codes and reasons and leave nothing behind, and a change of the item
 * under discussion or an upload reaches a participant in the meeting's room as `agendaChanged`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentUploadProgress } from '../../common/domain/document';
import type { IpcRequest, IpcResponse, IpcResult } from '../../common/ipc/contract';
import type { SignalingClient } from '../../common/protocol/SignalingClient';
import { createMainServices, type MainServices } from '../../main/composition';
import { FileSecretStore } from '../../main/services/FileSecretStore';
import { AgendaChannel } from '../../renderer/media/AgendaChannel';
import type { Server } from '../../sfu-server/src/Server';
import { joinRoomWithoutMedia, until } from '../helpers/signalingPeer';
import { DEMO_PASSWORD, login, startTestServer, tempDir } from '../helpers/testServer';

const MEETING = 'hd-ubnd-upcoming';
const ITEM_1 = `${MEETING}-item-1`;
const ITEM_2 = `${MEETING}-item-2`;

let server: Server;
let url: string;
let dataDir: string;
const opened: MainServices[] = [];
const peers: SignalingClient[] = [];

beforeAll(async () => {
  ({ server, url, dataDir } = await startTestServer({ workers: 1 }));
}, 60_000);
afterAll(async () => {
  for (const peer of peers) peer.close();
  for (const services of opened) services.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A real PDF of a few pages, with a random attachment to make it span many upload chunks. */
async function makePdf(title: string, paddingBytes = 0): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of [title, 'Trang 2'])
    doc.addPage([595, 842]).drawText(line, { x: 50, y: 780, size: 14, font });
  if (paddingBytes > 0)
    await doc.attach(new Uint8Array(randomBytes(paddingBytes)), 'phu-luc.bin', {
      mimeType: 'application/octet-stream',
    });
  return new Uint8Array(await doc.save());
}

/** A client computer of its own (store, secrets) signed in as `username`, with its IPC events. */
async function computer(username: string) {
  const dir = tempDir(`agenda-${username}`);
  const services = createMainServices({
    dataDir: dir,
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    defaultServerUrl: url,
    shell: 'browser',
    version: 'test',
  });
  opened.push(services);
  await services.session.login(url, username, DEMO_PASSWORD);
  const progress: DocumentUploadProgress[] = [];
  services.router.on('event', (name, payload) => {
    if (name === 'documents.uploadProgress') progress.push(payload as DocumentUploadProgress);
  });
  const invoke = async <
    C extends 'documents.upload' | 'documents.setCurrentItem' | 'documents.agenda',
  >(
    channel: C,
    request: IpcRequest<C>,
  ) => (await services.router.handle(channel, request)) as IpcResult<IpcResponse<C>>;
  return { services, progress, invoke };
}

/** What an upload may leave on the server: stored files and rows. */
function storedState() {
  const db = new Database(path.join(dataDir, 'phonghop.sqlite3'), { readonly: true });
  try {
    return {
      files: fs.readdirSync(path.join(dataDir, 'documents')).sort(),
      documents: db.prepare('SELECT count(*) AS n FROM documents').get(),
      versions: db.prepare('SELECT count(*) AS n FROM document_versions').get(),
    };
  } finally {
    db.close();
  }
}

const newDocument = (bytes: Uint8Array<ArrayBuffer>, fileName: string, itemId = ITEM_1) => ({
  uploadId: randomUUID(),
  meetingId: MEETING,
  target: { kind: 'document' as const, itemId, confidential: false },
  fileName,
  bytes,
});

describe('documents.upload', () => {
  it('by the secretary streams the PDF with progress up to 100 %, lists it, and keeps the copy offline; a new version becomes current', async () => {
    const secretary = await computer('thuky');
    const bytes = await makePdf('Bao cao cai cach hanh chinh', 700 * 1024);
    const request = newDocument(bytes, 'Báo cáo cải cách hành chính quý III.pdf');
    const result = await secretary.invoke('documents.upload', request);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const { document } = result.value;
    expect(document).toMatchObject({
      agendaItemId: ITEM_1,
      title: 'Báo cáo cải cách hành chính quý III',
      confidential: false,
      currentVersion: 1,
    });
    expect(document.versions[0]).toMatchObject({ sizeBytes: bytes.byteLength, pageCount: 2 });

    const events = secretary.progress.filter((p) => p.uploadId === request.uploadId);
    const percents = events
      .filter((p) => p.phase === 'sending' || p.phase === 'checking')
      .map((p) => Math.floor((p.sentBytes / p.totalBytes) * 100));
    // 700 KB in 64 KB chunks: many steps, never going back, ending at 100.
    expect(percents.length).toBeGreaterThan(5);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(events.map((p) => p.phase).slice(-2)).toEqual(['checking', 'done']);
    expect(events.at(-1)!.totalBytes).toBeGreaterThan(bytes.byteLength);

    const agenda = await secretary.invoke('documents.agenda', { meetingId: MEETING });
    if (!agenda.ok) throw new Error(agenda.error.message);
    const listed = agenda.value.agenda.items[0]!.documents.find((d) => d.id === document.id);
    // The uploader's own copy is on this computer already, without downloading it back.
    expect(listed?.cache.state).toBe('cached');

    const second = await makePdf('Bao cao (ban sua)');
    const version = await secretary.invoke('documents.upload', {
      uploadId: randomUUID(),
      meetingId: MEETING,
      target: { kind: 'version', documentId: document.id },
      fileName: 'bao-cao-sua.pdf',
      bytes: second,
    });
    expect(version).toMatchObject({
      ok: true,
      value: { document: { id: document.id, currentVersion: 2, title: document.title } },
    });
  });

  it('refuses a PNG renamed .pdf as invalid with reason not_pdf, leaving no file and no row', async () => {
    const secretary = await computer('thuky');
    const before = storedState();
    // A PNG's signature, then anything.
    const png = new Uint8Array(randomBytes(4000));
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const request = newDocument(png, 'anh-chup.pdf');
    const result = await secretary.invoke('documents.upload', request);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid', details: { reason: 'not_pdf', kind: 'png' } },
    });
    expect(storedState()).toEqual(before);
    expect(secretary.progress.filter((p) => p.uploadId === request.uploadId).at(-1)?.phase).toBe(
      'failed',
    );
  });

  it('refuses a delegate as forbidden, storing nothing; the delegate cannot set the current item either', async () => {
    const delegate = await computer('gialoc');
    const before = storedState();
    const result = await delegate.invoke(
      'documents.upload',
      newDocument(await makePdf('Y kien huyen Gia Loc'), 'y-kien.pdf', ITEM_2),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(storedState()).toEqual(before);
    const current = await delegate.invoke('documents.setCurrentItem', {
      meetingId: MEETING,
      itemId: ITEM_2,
    });
    expect(current).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The agenda tells the renderer not to offer the buttons.
    const agenda = await delegate.invoke('documents.agenda', { meetingId: MEETING });
    expect(agenda).toMatchObject({ ok: true, value: { agenda: { canManage: false } } });
  });
});

describe('agendaChanged', () => {
  it('reaches a participant in the room when the secretary sets the item under discussion and when she uploads', async () => {
    const secretary = await computer('thuky');
    const heard = new AgendaChannel();
    peers.push(
      await joinRoomWithoutMedia(url, await login(url, 'camgiang'), MEETING, (method, data) => {
        if (method === 'agendaChanged') heard.apply(data);
      }),
    );

    const set = await secretary.invoke('documents.setCurrentItem', {
      meetingId: MEETING,
      itemId: ITEM_2,
    });
    expect(set).toEqual({ ok: true, value: { currentItemId: ITEM_2 } });
    await until(() => heard.getSnapshot().revision === 1);
    expect(heard.getSnapshot().last).toEqual({
      meetingId: MEETING,
      currentItemId: ITEM_2,
      cause: 'currentItem',
    });

    const upload = await secretary.invoke(
      'documents.upload',
      newDocument(await makePdf('Tong hop y kien'), 'tong-hop-y-kien.pdf', ITEM_2),
    );
    if (!upload.ok) throw new Error(upload.error.message);
    await until(() => heard.getSnapshot().revision === 2);
    expect(heard.getSnapshot().last).toEqual({
      meetingId: MEETING,
      currentItemId: ITEM_2,
      cause: 'document',
      documentId: upload.value.document.id,
    });
  });
});
