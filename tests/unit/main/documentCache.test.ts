import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentProgress } from '../../../common/domain/document';
import { buildPath } from '../../../common/protocol/api';
import { documentPaths } from '../../../common/protocol/documentsApi';
import { createMainServices, type MainServices } from '../../../main/composition';
import { DocumentSealer } from '../../../main/services/DocumentSealer';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import { openDatabase } from '../../../sfu-server/src/db/database';
import { seedDemo } from '../../../sfu-server/src/seed/demoSeed';
import { DEMO_PASSWORD, login, startTestServer, tempDir } from '../../helpers/testServer';

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
async function serverAndClient(
  kind: 'own' | 'shared' = 'shared',
  fetchVia?: typeof fetch,
): Promise<{
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
    ...(fetchVia ? { fetch: fetchVia } : {}),
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
    // What the client asked for the file and what the server answered, seen on the wire.
    const contentRequests: { range: string | null; status: number; length: number }[] = [];
    const watching: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith('/content'))
        contentRequests.push({
          range: new Headers(init?.headers).get('range'),
          status: response.status,
          length: Number(response.headers.get('content-length')),
        });
      return response;
    };
    const { own, client, dir } = await serverAndClient('shared', watching);
    const { agenda } = await call(client, 'documents.agenda', { meetingId: REVIEW });
    const document = agenda.items[0].documents[0];
    const sha = document.versions[0].sha256 as string;
    const full = serverFile(own, sha);
    // Half a file left by a dropped link.
    const half = Math.floor(full.byteLength / 2);
    fs.mkdirSync(path.join(dir, 'document-cache'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'document-cache', `${sha}.pdf.part`), full.subarray(0, half));
    const read = await call(client, 'documents.read', {
      meetingId: REVIEW,
      documentId: document.id,
      version: 1,
    });
    expect(read.source).toBe('server');
    expect(Buffer.from(read.bytes).equals(full)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'document-cache', `${sha}.pdf.part`))).toBe(false);
    // Only the second half crossed the link.
    expect(contentRequests).toEqual([
      { range: `bytes=${half}-`, status: 206, length: full.byteLength - half },
    ]);
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

const UPCOMING = 'hd-ubnd-upcoming';
/** Words of the confidential test document, written as they are in its bytes (uncompressed). */
const SECRET_WORDS = 'Noi dung mat: du toan kinh phi 120 trieu dong';

/** A one-page PDF whose content stream is not compressed: its words stand in its bytes. */
function plainTextPdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 50 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Uploads the test document to the upcoming meeting as its secretary; returns its id and hash. */
async function uploadSecret(
  own: Started,
  confidential: boolean,
): Promise<{ id: string; sha: string; bytes: Buffer }> {
  const bytes = plainTextPdf(SECRET_WORDS);
  const form = new FormData();
  form.append('title', 'Dự toán kinh phí (mật)');
  form.append('confidential', String(confidential));
  form.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }),
    'du-toan.pdf',
  );
  const res = await fetch(
    `${own.url}${buildPath(documentPaths.uploadDocument, { id: UPCOMING, itemId: `${UPCOMING}-item-1` })}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${await login(own.url, 'thuky')}` },
      body: form,
    },
  );
  expect(res.status).toBe(201);
  const { document } = (await res.json()) as { document: { id: string } };
  return { id: document.id, sha: sha256(bytes), bytes };
}

const cacheFile = (dir: string, name: string) => path.join(dir, 'document-cache', name);

describe('DocumentCacheService with confidential documents', { timeout: SLOW }, () => {
  it('keeps a confidential document sealed (no %PDF, none of its words on disk) and reads back the exact bytes, offline too; others stay plain', async () => {
    const { own, client, dir } = await serverAndClient('own');
    const secret = await uploadSecret(own, true);
    const original = secret.bytes;
    // The check below means something: the plain file shows its words.
    expect(original.includes(SECRET_WORDS)).toBe(true);

    await prefetchAll(client, UPCOMING);
    await prefetchAll(client, PAST);
    const sealed = fs.readFileSync(cacheFile(dir, `${secret.sha}.sealed`));
    expect(fs.existsSync(cacheFile(dir, `${secret.sha}.pdf`))).toBe(false);
    expect(sealed.includes('%PDF')).toBe(false);
    expect(sealed.includes(SECRET_WORDS)).toBe(false);
    expect(sealed.includes('kinh phi')).toBe(false);
    // The key is in the secret store, not beside the files.
    const secrets = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8'));
    expect(Buffer.from(secrets.documentCacheKey, 'base64')).toHaveLength(32);

    // Non-confidential documents are cached as they were: the plain PDF under its hash.
    const { agenda } = await call(client, 'documents.agenda', { meetingId: PAST });
    for (const document of agenda.items.flatMap((i: any) => i.documents)) {
      const sha = document.versions[0].sha256 as string;
      expect(fs.readFileSync(cacheFile(dir, `${sha}.pdf`)).equals(serverFile(own, sha))).toBe(true);
      expect(fs.existsSync(cacheFile(dir, `${sha}.sealed`))).toBe(false);
    }

    const online = await call(client, 'documents.read', {
      meetingId: UPCOMING,
      documentId: secret.id,
    });
    expect(online.source).toBe('cache');
    expect(Buffer.from(online.bytes).equals(original)).toBe(true);
    await own.server.close();
    const offline = await call(client, 'documents.read', {
      meetingId: UPCOMING,
      documentId: secret.id,
    });
    expect(offline.source).toBe('cache');
    expect(Buffer.from(offline.bytes).equals(original)).toBe(true);
  });

  it('a sealed file with one byte flipped fails authentication: documents.read downloads it again and returns the right bytes', async () => {
    const { own, client, dir } = await serverAndClient('own');
    const secret = await uploadSecret(own, true);
    await prefetchAll(client, UPCOMING);
    const file = cacheFile(dir, `${secret.sha}.sealed`);
    const tampered = fs.readFileSync(file);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    fs.writeFileSync(file, tampered);

    const read = await call(client, 'documents.read', {
      meetingId: UPCOMING,
      documentId: secret.id,
    });
    expect(read.source).toBe('server');
    expect(Buffer.from(read.bytes).equals(secret.bytes)).toBe(true);
    const resealed = fs.readFileSync(file);
    expect(resealed.equals(tampered)).toBe(false);
    expect(resealed.includes(SECRET_WORDS)).toBe(false);
  });

  it('a sealed partial download resumes with Range and never holds plaintext', async () => {
    const { own, client, dir, events } = await serverAndClient('own');
    const secret = await uploadSecret(own, true);
    await call(client, 'documents.agenda', { meetingId: UPCOMING });
    const full = secret.bytes;
    // What a dropped link leaves: the IV, then the first bytes (an odd count) in CTR.
    const sealer = new DocumentSealer(new FileSecretStore(path.join(dir, 'secrets.json')));
    const iv = sealer.newPartIv();
    const encrypt = await sealer.partCipher(iv, 0);
    const half = full.subarray(0, Math.floor(full.length / 2) | 1);
    fs.mkdirSync(path.join(dir, 'document-cache'), { recursive: true });
    fs.writeFileSync(
      cacheFile(dir, `${secret.sha}.sealed.part`),
      Buffer.concat([iv, encrypt(half)]),
    );
    const read = await call(client, 'documents.read', {
      meetingId: UPCOMING,
      documentId: secret.id,
    });
    expect(Buffer.from(read.bytes).equals(full)).toBe(true);
    // Resumed where the part ended (a 206), not fetched from the start.
    const downloading = events.filter(
      (e) => e.documentId === secret.id && e.state === 'downloading',
    );
    expect(downloading[0]?.receivedBytes).toBe(half.length);
    expect(fs.existsSync(cacheFile(dir, `${secret.sha}.sealed.part`))).toBe(false);
  });

  it('a confidential document cached in plain by an older version is sealed on the next prefetch, without downloading it again', async () => {
    const { own, client, dir, events } = await serverAndClient('own');
    const secret = await uploadSecret(own, false);
    await prefetchAll(client, UPCOMING);
    const plainFile = cacheFile(dir, `${secret.sha}.pdf`);
    expect(fs.readFileSync(plainFile).includes(SECRET_WORDS)).toBe(true);
    // The document is (now) confidential: as if cached by a version without sealing.
    const db = new Database(path.join(own.dataDir, 'phonghop.sqlite3'));
    db.prepare('UPDATE documents SET confidential = 1 WHERE id = ?').run(secret.id);
    db.close();

    events.length = 0;
    await prefetchAll(client, UPCOMING);
    expect(events.filter((e) => e.state === 'downloading')).toEqual([]);
    expect(fs.existsSync(plainFile)).toBe(false);
    const sealed = fs.readFileSync(cacheFile(dir, `${secret.sha}.sealed`));
    expect(sealed.includes(SECRET_WORDS)).toBe(false);
    await own.server.close();
    const read = await call(client, 'documents.read', {
      meetingId: UPCOMING,
      documentId: secret.id,
    });
    expect(read.source).toBe('cache');
    expect(sha256(read.bytes)).toBe(secret.sha);
  });

  it('a plain copy of a confidential document is sealed when it is next read, offline too', async () => {
    const { own, client, dir } = await serverAndClient('own');
    const secret = await uploadSecret(own, false);
    await prefetchAll(client, UPCOMING);
    const db = new Database(path.join(own.dataDir, 'phonghop.sqlite3'));
    db.prepare('UPDATE documents SET confidential = 1 WHERE id = ?').run(secret.id);
    db.close();
    // The agenda as last fetched says confidential; the server is gone before the read.
    await call(client, 'documents.agenda', { meetingId: UPCOMING });
    await own.server.close();
    const read = await call(client, 'documents.read', {
      meetingId: UPCOMING,
      documentId: secret.id,
      version: 1,
    });
    expect(read.source).toBe('cache');
    expect(sha256(read.bytes)).toBe(secret.sha);
    expect(fs.existsSync(cacheFile(dir, `${secret.sha}.pdf`))).toBe(false);
    expect(fs.readFileSync(cacheFile(dir, `${secret.sha}.sealed`)).includes('%PDF')).toBe(false);
  });
});
