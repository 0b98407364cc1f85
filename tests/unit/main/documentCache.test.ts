import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentProgress } from '../../../common/domain/document';
import { createMainServices, type MainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import { openDatabase } from '../../../sfu-server/src/db/database';
import { seedDemo } from '../../../sfu-server/src/seed/demoSeed';
import { DEMO_PASSWORD, startTestServer, tempDir } from '../../helpers/testServer';

const PAST = 'hd-bcd-cds-2022-09-27';
const REVIEW = 'hd-bcd-cds-review';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Started = Awaited<ReturnType<typeof startTestServer>>;
const SLOW = 120_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, SLOW);

// Real servers, each started on a copy of one seeded data directory: rendering the demo PDFs
// once instead of per server keeps this file quick on a busy two-core machine.
let template: string;
beforeAll(async () => {
  template = tempDir('server-template');
  const opened = await openDatabase(template);
  await seedDemo(opened.db, template);
  await opened.close();
}, SLOW);

function startSeededServer(): Promise<Started> {
  const dataDir = tempDir('server-docs');
  fs.cpSync(template, dataDir, { recursive: true });
  return startTestServer({ workers: 1, dataDir });
}

let shared: Started | undefined;
afterAll(async () => {
  await shared?.server.close();
}, SLOW);

/** A client signed in to a server of its own (`own`, for tests that stop it) or a shared one. */
async function serverAndClient(kind: 'own' | 'shared' = 'shared'): Promise<{
  own: Started;
  client: MainServices;
  dir: string;
  events: DocumentProgress[];
}> {
  let own: Started;
  if (kind === 'own') {
    own = await startSeededServer();
    cleanups.push(() => own.server.close());
  } else {
    shared ??= await startSeededServer();
    own = shared;
  }
  const dir = tempDir('client-docs');
  const client = createMainServices({
    dataDir: dir,
    secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
    defaultServerUrl: own.url,
    shell: 'browser',
    version: 'test',
  });
  cleanups.push(() => client.close());
  const events: DocumentProgress[] = [];
  client.router.on('event', (name, payload) => {
    if (name === 'documents.progress') events.push(payload as DocumentProgress);
  });
  const login = await client.router.handle('session.login', {
    serverUrl: own.url,
    username: 'gialoc',
    password: DEMO_PASSWORD,
  });
  expect(login.ok).toBe(true);
  return { own, client, dir, events };
}

async function call<T = any>(client: MainServices, channel: string, request: unknown): Promise<T> {
  const result = await client.router.handle(channel, request);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

/** Waits until every current version of the meeting's documents is cached. */
async function prefetchAll(client: MainServices, meetingId: string): Promise<any> {
  const started = await call(client, 'documents.prefetch', { meetingId });
  for (let i = 0; i < 200; i++) {
    const { agenda } = await call(client, 'documents.agenda', { meetingId });
    const documents = agenda.items.flatMap((item: any) => item.documents);
    if (documents.every((d: any) => d.cache.state === 'cached')) return { started, agenda };
    if (documents.some((d: any) => d.cache.state === 'failed'))
      throw new Error(`a download failed: ${JSON.stringify(documents.map((d: any) => d.cache))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('prefetch did not finish');
}

function serverFile(own: Started, sha: string): Uint8Array {
  return fs.readFileSync(path.join(own.dataDir, 'documents', `${sha}.pdf`));
}

describe('DocumentCacheService behind the IPC router', { timeout: SLOW }, () => {
  it('documents.prefetch downloads every document; with the server stopped, documents.read still returns the verified bytes', async () => {
    const { own, client, events } = await serverAndClient('own');
    const before = await call(client, 'documents.agenda', { meetingId: PAST });
    expect(before.source).toBe('server');
    const documents = before.agenda.items.flatMap((i: any) => i.documents);
    expect(documents).toHaveLength(4);
    expect(documents.map((d: any) => d.cache.state)).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
    ]);

    const { started } = await prefetchAll(client, PAST);
    expect(started).toEqual({ total: 4, cached: 0 });
    const cachedEvents = events.filter((e) => e.state === 'cached').map((e) => e.documentId);
    expect(new Set(cachedEvents)).toEqual(new Set(documents.map((d: any) => d.id)));
    expect(events.some((e) => e.state === 'queued' && e.meetingId === PAST)).toBe(true);
    const expected = documents.map((d: any) => serverFile(own, d.versions[0].sha256));

    await own.server.close();

    const offline = await call(client, 'documents.agenda', { meetingId: PAST });
    expect(offline.source).toBe('cache');
    expect(
      offline.agenda.items.flatMap((i: any) => i.documents).map((d: any) => d.cache.state),
    ).toEqual(['cached', 'cached', 'cached', 'cached']);
    for (const [index, document] of documents.entries()) {
      const read = await call(client, 'documents.read', {
        meetingId: PAST,
        documentId: document.id,
      });
      expect(read.source).toBe('cache');
      expect(read.bytes).toBeInstanceOf(Uint8Array);
      expect(read.sha256).toBe(document.versions[0].sha256);
      expect(Buffer.from(read.bytes).equals(Buffer.from(expected[index]))).toBe(true);
    }
    // A second prefetch finds everything in place and downloads nothing.
    expect(await call(client, 'documents.prefetch', { meetingId: PAST })).toEqual({
      total: 4,
      cached: 4,
    });
  });

  it('documents.read detects a tampered cached file by SHA-256: fetched again online, a clear error offline', async () => {
    const { own, client, dir } = await serverAndClient('own');
    const { agenda } = await prefetchAll(client, REVIEW);
    const document = agenda.items[0].documents[0];
    const sha = document.versions[0].sha256 as string;
    const cached = path.join(dir, 'document-cache', `${sha}.pdf`);
    const original = fs.readFileSync(cached);
    expect(sha256(original)).toBe(sha);

    // Same size, one byte changed: only the hash can tell.
    const tampered = Buffer.from(original);
    tampered[200] = tampered[200]! ^ 0xff;
    fs.writeFileSync(cached, tampered);
    const repaired = await call(client, 'documents.read', {
      meetingId: REVIEW,
      documentId: document.id,
    });
    expect(repaired.source).toBe('server');
    expect(sha256(repaired.bytes)).toBe(sha);
    expect(sha256(fs.readFileSync(cached))).toBe(sha);

    fs.writeFileSync(cached, tampered);
    await own.server.close();
    const offline = await client.router.handle('documents.read', {
      meetingId: REVIEW,
      documentId: document.id,
    });
    expect(offline).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/damaged/) },
    });
    expect(fs.existsSync(cached)).toBe(false);
    const after = await call(client, 'documents.agenda', { meetingId: REVIEW });
    expect(after.agenda.items[0].documents[0].cache).toMatchObject({
      state: 'failed',
      error: { code: 'unavailable' },
    });
  });

  it('documents.read of a version not cached downloads it, resuming a partial file with Range', async () => {
    const { own, client, dir } = await serverAndClient();
    const { agenda } = await call(client, 'documents.agenda', { meetingId: REVIEW });
    const document = agenda.items[0].documents[0];
    const sha = document.versions[0].sha256 as string;
    const full = serverFile(own, sha);
    // Half a file left by a dropped link.
    fs.mkdirSync(path.join(dir, 'document-cache'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'document-cache', `${sha}.pdf.part`),
      full.subarray(0, Math.floor(full.byteLength / 2)),
    );
    const read = await call(client, 'documents.read', {
      meetingId: REVIEW,
      documentId: document.id,
      version: 1,
    });
    expect(read.source).toBe('server');
    expect(Buffer.from(read.bytes).equals(full)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'document-cache', `${sha}.pdf.part`))).toBe(false);
  });

  it('a partial file with wrong bytes is caught by the hash and fetched again whole', async () => {
    const { own, client, dir } = await serverAndClient();
    const { agenda } = await call(client, 'documents.agenda', { meetingId: REVIEW });
    const document = agenda.items[0].documents[0];
    const sha = document.versions[0].sha256 as string;
    fs.mkdirSync(path.join(dir, 'document-cache'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'document-cache', `${sha}.pdf.part`), Buffer.alloc(1000, 1));
    const read = await call(client, 'documents.read', {
      meetingId: REVIEW,
      documentId: document.id,
    });
    expect(Buffer.from(read.bytes).equals(serverFile(own, sha))).toBe(true);
  });

  it('with prefetchDocumentsAhead, signing in downloads the documents of meetings not yet past', async () => {
    shared ??= await startSeededServer();
    const dir = tempDir('client-docs');
    const client = createMainServices({
      dataDir: dir,
      secrets: new FileSecretStore(path.join(dir, 'secrets.json')),
      defaultServerUrl: shared.url,
      shell: 'browser',
      version: 'test',
      prefetchDocumentsAhead: true,
    });
    cleanups.push(() => client.close());
    const cached = new Promise<DocumentProgress>((resolve) =>
      client.router.on('event', (name, payload) => {
        if (name === 'documents.progress' && (payload as DocumentProgress).state === 'cached')
          resolve(payload as DocumentProgress);
      }),
    );
    await call(client, 'session.login', {
      serverUrl: shared.url,
      username: 'camgiang',
      password: DEMO_PASSWORD,
    });
    // The review meeting is in progress; the meeting of 27/9/2022 is past and left alone.
    expect((await cached).meetingId).toBe(REVIEW);
    const past = await call(client, 'documents.agenda', { meetingId: PAST });
    expect(
      past.agenda.items.flatMap((i: any) => i.documents).map((d: any) => d.cache.state),
    ).not.toContain('cached');
  });

  it('documents.read of an unknown document answers not_found', async () => {
    const { client } = await serverAndClient();
    expect(
      await client.router.handle('documents.read', { meetingId: REVIEW, documentId: 'khong-co' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
