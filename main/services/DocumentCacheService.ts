/**
 * Agenda documents for offline reading (issue #4). The agenda comes from the server, or from the
 * local cache when the server cannot be reached; document versions are downloaded ahead into
 * `<dataDir>/document-cache/<sha256>.pdf` and read from there.
 *
 * - A download goes to `<sha256>.pdf.part` and resumes with `Range` + `If-Range` after a dropped
 *   link; the file is renamed into place only after its SHA-256 matched, and only then is the
 *   version marked cached. A mismatch deletes the file and fetches it once more from scratch.
 * - Every read hashes the bytes again: a file damaged or altered on disk is deleted, the version
 *   unmarked, and fetched again when the server answers (otherwise the read fails clearly).
 * - One download per content at a time; a prefetch downloads one file after another so a weak
 *   district link is not split between many transfers, while a read goes ahead of the queue.
 *
 * - Confidential documents are kept encrypted (`DocumentSealer`: AES-256-GCM, the key in the
 *   secret store) as `<sha256>.sealed`, and their downloads in progress as CTR ciphertext in
 *   `<sha256>.sealed.part`: no plaintext of theirs is written. A read decrypts in memory; a file
 *   that fails authentication or the hash is treated as damaged (deleted, fetched again). A plain
 *   `<sha256>.pdf` of a confidential document (a cache from before) is sealed when the document
 *   is next read or prefetched, and the plain file removed.
 *
 * Events: `progress` for every state change and at most every PROGRESS_INTERVAL_MS per download.
 * `close()` aborts downloads and is idempotent; nothing touches the store after it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError, serializeError } from '../../common/errors';
import {
  currentVersionOf,
  meetingAgendaSchema,
  type DocumentCacheStatus,
  type DocumentProgress,
  type LocalAgenda,
  type MeetingAgenda,
} from '../../common/domain/document';
import type { IpcResponse } from '../../common/ipc/contract';
import { buildPath } from '../../common/protocol/api';
import type { ApiClient } from '../../common/protocol/ApiClient';
import { documentPaths } from '../../common/protocol/documentsApi';
import type { DocumentCacheRepository } from '../store/repos/DocumentCacheRepository';
import type { MeetingCacheRepository } from '../store/repos/MeetingCacheRepository';
import { PART_HEADER_BYTES, type DocumentSealer } from './DocumentSealer';
import type { SessionService } from './SessionService';

const PROGRESS_INTERVAL_MS = 200;
/** A transfer with no byte for this long is abandoned (and resumed by the next attempt). */
const IDLE_TIMEOUT_MS = 30_000;

export interface DocumentCacheEvents {
  progress: [progress: DocumentProgress];
}

/** A version to fetch: where it is listed and what its bytes must hash to. */
interface VersionRef {
  meetingId: string;
  documentId: string;
  version: number;
  sha256: string;
  sizeBytes: number;
  /** Kept sealed on disk (see DocumentSealer). */
  confidential: boolean;
}

export interface PrefetchJob {
  /** Current versions of the meeting's documents. */
  total: number;
  /** Of those, already on disk and verified. */
  cached: number;
  /** Settles when every download has finished or failed (it never rejects). */
  done: Promise<{ cached: number; failed: number }>;
}

export interface DocumentCacheServiceOptions {
  /** The user's data directory; files go to `<dataDir>/document-cache/`. */
  dataDir: string;
  /** Encrypts confidential documents at rest. */
  sealer: DocumentSealer;
}

export class DocumentCacheService extends EventEmitter<DocumentCacheEvents> {
  readonly #session: SessionService;
  readonly #agendaCache: MeetingCacheRepository;
  readonly #versions: DocumentCacheRepository;
  readonly #dir: string;
  readonly #sealer: DocumentSealer;
  /** Downloads in flight by content hash, so a read and a prefetch share one transfer. */
  readonly #inFlight = new Map<string, Promise<void>>();
  /** Live status of versions queued or downloading, by `documentId@version`. */
  readonly #live = new Map<string, DocumentCacheStatus>();
  readonly #abort = new AbortController();
  /** The prefetch queue: each job starts when the one before it has settled. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    session: SessionService,
    agendaCache: MeetingCacheRepository,
    versions: DocumentCacheRepository,
    options: DocumentCacheServiceOptions,
  ) {
    super();
    this.#session = session;
    this.#agendaCache = agendaCache;
    this.#versions = versions;
    this.#dir = path.join(options.dataDir, 'document-cache');
    this.#sealer = options.sealer;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Stops every download; later calls fail with `unavailable`. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.removeAllListeners();
  }

  /** The meeting's agenda with each document's local status; from the cache when offline. */
  async agenda(meetingId: string): Promise<IpcResponse<'documents.agenda'>> {
    const { agenda, source, fetchedAt } = await this.#fetchAgenda(meetingId);
    return { agenda: this.#withCacheStatus(agenda), source, fetchedAt };
  }

  /**
   * Queues the current version of every document of the meeting that is not on disk yet and
   * returns at once; `done` settles when the queue has worked through them.
   */
  async prefetch(meetingId: string): Promise<PrefetchJob> {
    const { agenda } = await this.#fetchAgenda(meetingId);
    const refs = currentVersions(agenda);
    const pending = refs.filter((ref) => !this.#isCached(ref));
    for (const ref of pending) this.#setLive(ref, { state: 'queued', receivedBytes: 0 });
    const run = async () => {
      let failed = 0;
      for (const ref of pending) {
        if (this.#closed) break;
        await this.#ensureCached(ref).catch(() => {
          failed += 1;
        });
      }
      return { cached: pending.length - failed, failed };
    };
    const done = this.#queue.then(run, run);
    this.#queue = done;
    return { total: refs.length, cached: refs.length - pending.length, done };
  }

  /**
   * Prefetches every upcoming or in-progress meeting of the signed-in user, one after another.
   * For the desktop app at start and after sign-in; failures are left to the next attempt.
   */
  async prefetchAhead(): Promise<void> {
    const { api } = await this.#session.authorizedClient();
    const { meetings } = await api.call('listMeetings');
    for (const meeting of meetings) {
      if (this.#closed) return;
      if (meeting.phase === 'past') continue;
      const job = await this.prefetch(meeting.id).catch(() => undefined);
      await job?.done;
    }
  }

  /**
   * The bytes of a version (the current one when `version` is omitted), verified against its
   * SHA-256: from disk when cached, otherwise downloaded first.
   */
  async read(
    meetingId: string,
    documentId: string,
    version?: number,
  ): Promise<IpcResponse<'documents.read'>> {
    const ref = await this.#resolve(meetingId, documentId, version);
    let source: 'cache' | 'server' = 'cache';
    const local = await this.#readVerified(ref);
    let bytes = typeof local === 'string' ? undefined : local;
    if (!bytes) {
      source = 'server';
      try {
        await this.#ensureCached(ref);
      } catch (error) {
        if (local === 'damaged' && error instanceof AppError && error.code === 'unavailable')
          throw new AppError(
            'unavailable',
            'The saved copy of this document was damaged and has been removed; connect to the server to download it again',
          );
        throw error;
      }
      const fetched = await this.#readVerified(ref);
      if (typeof fetched === 'string')
        throw new AppError('internal', 'The downloaded document could not be read back from disk');
      bytes = fetched;
    }
    return {
      bytes,
      meetingId,
      documentId,
      version: ref.version,
      sha256: ref.sha256,
      source,
    };
  }

  /**
   * Keeps a version this computer has just uploaded: its bytes are here already, so it becomes
   * readable offline without downloading it back. The agenda is fetched first, which records the
   * new version; bytes that do not match what the server listed are not kept.
   */
  async keepUploaded(
    meetingId: string,
    documentId: string,
    version: number,
    bytes: Uint8Array,
  ): Promise<void> {
    await this.#fetchAgenda(meetingId);
    const row = this.#row(documentId, version);
    if (!row || row.meetingId !== meetingId || sha256Hex(bytes) !== row.sha256) return;
    await this.#store({ ...row, confidential: this.#confidential(meetingId, documentId) }, bytes);
  }

  async #fetchAgenda(
    meetingId: string,
  ): Promise<{ agenda: MeetingAgenda; source: 'server' | 'cache'; fetchedAt: string }> {
    this.#assertOpen();
    const { api, user } = await this.#session.authorizedClient();
    const serverUrl = this.#session.serverUrl;
    const key = `agenda:${meetingId}`;
    try {
      const agenda = await api.call('meetingAgenda', { id: meetingId });
      const fetchedAt = new Date().toISOString();
      this.#assertOpen();
      this.#agendaCache.put(serverUrl, user.id, key, agenda, fetchedAt);
      this.#versions.remember(
        serverUrl,
        user.id,
        agenda.items.flatMap((item) =>
          item.documents.flatMap((d) =>
            d.versions.map((v) => ({
              meetingId,
              documentId: d.id,
              version: v.version,
              title: d.title,
              sha256: v.sha256,
              sizeBytes: v.sizeBytes,
            })),
          ),
        ),
      );
      return { agenda, source: 'server', fetchedAt };
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized')
        await this.#session.sessionRejected();
      if (!(error instanceof AppError) || error.code !== 'unavailable') throw error;
      const cached = this.#agendaCache.get(serverUrl, user.id, key);
      if (!cached) throw error;
      return {
        agenda: meetingAgendaSchema.parse(cached.value),
        source: 'cache',
        fetchedAt: cached.fetchedAt,
      };
    }
  }

  #withCacheStatus(agenda: MeetingAgenda): LocalAgenda {
    return {
      ...agenda,
      items: agenda.items.map((item) => ({
        ...item,
        documents: item.documents.map((document) => {
          const current = currentVersionOf(document);
          const ref = {
            meetingId: agenda.meetingId,
            documentId: document.id,
            version: current.version,
            sha256: current.sha256,
            sizeBytes: current.sizeBytes,
            confidential: document.confidential,
          };
          return { ...document, cache: this.#status(ref) };
        }),
      })),
    };
  }

  #status(ref: VersionRef): DocumentCacheStatus {
    const live = this.#live.get(liveKey(ref));
    if (live) return live;
    return this.#isCached(ref)
      ? { state: 'cached', receivedBytes: ref.sizeBytes, totalBytes: ref.sizeBytes }
      : { state: 'missing', receivedBytes: 0, totalBytes: ref.sizeBytes };
  }

  /** Marked verified in the store and still on disk (a read checks the hash itself). */
  #isCached(ref: VersionRef): boolean {
    const row = this.#row(ref.documentId, ref.version);
    return row?.cachedAt != null && row.sha256 === ref.sha256 && fs.existsSync(this.#fileOf(ref));
  }

  #row(documentId: string, version: number) {
    const { serverUrl, userId } = this.#scope();
    return this.#versions.get(serverUrl, userId, documentId, version);
  }

  #scope(): { serverUrl: string; userId: string } {
    const state = this.#session.state();
    if (state.status !== 'signed_in') throw new AppError('unauthorized', 'Not signed in');
    return { serverUrl: state.serverUrl, userId: state.user.id };
  }

  /** Finds what a version must hash to: from the store, or from the agenda when not listed yet. */
  async #resolve(meetingId: string, documentId: string, version?: number): Promise<VersionRef> {
    this.#assertOpen();
    if (version !== undefined) {
      const row = this.#row(documentId, version);
      if (row && row.meetingId === meetingId)
        return { ...row, meetingId, confidential: this.#confidential(meetingId, documentId) };
    }
    const { agenda } = await this.#fetchAgenda(meetingId);
    const document = agenda.items.flatMap((i) => i.documents).find((d) => d.id === documentId);
    const found =
      document &&
      (version === undefined
        ? currentVersionOf(document)
        : document.versions.find((v) => v.version === version));
    if (!found) throw new AppError('not_found', 'No such document version in this meeting');
    return {
      meetingId,
      documentId,
      version: found.version,
      sha256: found.sha256,
      sizeBytes: found.sizeBytes,
      confidential: document.confidential,
    };
  }

  /**
   * Whether the meeting's agenda, as last fetched, marks the document confidential; true when it
   * is not known (sealing a document that need not be costs little, the other way round a leak).
   */
  #confidential(meetingId: string, documentId: string): boolean {
    const { serverUrl, userId } = this.#scope();
    const cached = this.#agendaCache.get(serverUrl, userId, `agenda:${meetingId}`);
    const agenda = cached && meetingAgendaSchema.safeParse(cached.value);
    const document = agenda?.success
      ? agenda.data.items.flatMap((i) => i.documents).find((d) => d.id === documentId)
      : undefined;
    return document?.confidential ?? true;
  }

  /** Writes verified bytes as the version's file (sealed when confidential) and marks it cached. */
  async #store(ref: VersionRef, plain: Uint8Array): Promise<void> {
    await fsp.mkdir(this.#dir, { recursive: true });
    const bytes = ref.confidential ? await this.#sealer.seal(plain) : plain;
    // Written aside and renamed, so a reader never meets half a file under the final name.
    const aside = `${this.#fileOf(ref)}.${randomUUID()}.tmp`;
    await fsp.writeFile(aside, bytes);
    await fsp.rename(aside, this.#fileOf(ref));
    this.#assertOpen();
    this.#versions.markCached(ref.sha256, new Date().toISOString());
  }

  /**
   * A confidential version cached in plain by an earlier version of the app: sealed now (when its
   * hash still holds) and the plain file removed, before anything reads or downloads it.
   */
  async #sealPlainCopy(ref: VersionRef): Promise<void> {
    const plainFile = this.#plainFileOf(ref.sha256);
    await fsp.rm(`${plainFile}.part`, { force: true });
    if (fs.existsSync(this.#fileOf(ref))) return;
    const plain = await fsp.readFile(plainFile).catch(() => undefined);
    if (!plain) return;
    if (sha256Hex(plain) === ref.sha256) await this.#store(ref, plain);
    await fsp.rm(plainFile, { force: true });
  }

  /** The file's bytes if present and matching; a damaged file is deleted and unmarked. */
  async #readVerified(ref: VersionRef): Promise<Uint8Array<ArrayBuffer> | 'missing' | 'damaged'> {
    if (ref.confidential) await this.#sealPlainCopy(ref);
    let buffer: Buffer | undefined;
    try {
      buffer = await fsp.readFile(this.#fileOf(ref));
    } catch {
      this.#assertOpen();
      this.#versions.markMissing(ref.sha256);
      return 'missing';
    }
    // A sealed file that fails authentication (altered, or sealed under a lost key) is damaged.
    if (ref.confidential) buffer = await this.#sealer.open(buffer);
    if (!buffer || sha256Hex(buffer) !== ref.sha256) {
      await fsp.rm(this.#fileOf(ref), { force: true });
      this.#assertOpen();
      this.#versions.markMissing(ref.sha256);
      return 'damaged';
    }
    // readFile gives a Buffer of its own (not pooled) over a plain ArrayBuffer.
    return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
  }

  /** Downloads the version unless its file is already there and verified. */
  async #ensureCached(ref: VersionRef): Promise<void> {
    this.#assertOpen();
    if (ref.confidential) await this.#sealPlainCopy(ref);
    if (this.#isCached(ref)) {
      this.#live.delete(liveKey(ref));
      return;
    }
    let transfer = this.#inFlight.get(ref.sha256);
    if (!transfer) {
      transfer = this.#download(ref).finally(() => this.#inFlight.delete(ref.sha256));
      this.#inFlight.set(ref.sha256, transfer);
    }
    try {
      await transfer;
      if (this.#closed) return;
      this.#live.delete(liveKey(ref));
      this.#emit(ref, {
        state: 'cached',
        receivedBytes: ref.sizeBytes,
      });
    } catch (error) {
      if (this.#closed) throw error;
      const failure = serializeError(error);
      this.#setLive(ref, {
        state: 'failed',
        receivedBytes: 0,
        error: {
          code: failure.code,
          message: error instanceof AppError ? error.message : failure.message,
        },
      });
      throw error;
    }
  }

  /** Fetches into `.part` (resuming), checks the hash, renames into place; a bad hash retries once. */
  async #download(ref: VersionRef): Promise<void> {
    await fsp.mkdir(this.#dir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      await this.#transfer(ref);
      const part = this.#partOf(ref);
      if (ref.confidential) {
        const plain = await this.#sealer.openPart(await fsp.readFile(part));
        if (sha256Hex(plain) === ref.sha256) {
          await this.#store(ref, plain);
          await fsp.rm(part, { force: true });
          return;
        }
      } else if ((await hashFile(part)) === ref.sha256) {
        await fsp.rename(part, this.#fileOf(ref));
        this.#assertOpen();
        this.#versions.markCached(ref.sha256, new Date().toISOString());
        return;
      }
      await fsp.rm(part, { force: true });
      if (attempt >= 2)
        throw new AppError(
          'invalid_state',
          'The downloaded document does not match its checksum; try again later',
        );
    }
  }

  async #transfer(ref: VersionRef): Promise<void> {
    const { api } = await this.#client();
    const part = this.#partOf(ref);
    // A sealed part starts with its IV; only the bytes after it are the document's.
    const header = ref.confidential ? PART_HEADER_BYTES : 0;
    const have = await fsp.stat(part).then(
      (s) => Math.max(0, s.size - header),
      () => 0,
    );
    if (have >= ref.sizeBytes) {
      // Complete already (or too long, which the hash check will catch and restart).
      if (have > ref.sizeBytes) await fsp.rm(part, { force: true });
      else return;
    }
    const offset = have > ref.sizeBytes ? 0 : have;
    const idle = new AbortController();
    const signal = AbortSignal.any([this.#abort.signal, idle.signal]);
    let idleTimer = setTimeout(() => idle.abort(), IDLE_TIMEOUT_MS);
    const touch = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => idle.abort(), IDLE_TIMEOUT_MS);
    };
    try {
      const response = await api.fetchBytes(
        buildPath(documentPaths.versionContent, {
          id: ref.meetingId,
          documentId: ref.documentId,
          version: String(ref.version),
        }),
        {
          headers: offset > 0 ? { range: `bytes=${offset}-`, 'if-range': `"${ref.sha256}"` } : {},
          signal,
        },
      );
      if (response.status === 416) return; // nothing left to fetch; the hash decides
      const resumed = response.status === 206;
      if (resumed && !response.headers.get('content-range')?.startsWith(`bytes ${offset}-`))
        throw new AppError('incompatible', 'The server answered a different range than asked');
      let received = resumed ? offset : 0;
      this.#emit(ref, { state: 'downloading', receivedBytes: received });
      let encrypt: ((chunk: Uint8Array) => Uint8Array) | undefined;
      let iv: Buffer | undefined;
      if (ref.confidential) {
        iv = resumed ? await readHeader(part) : this.#sealer.newPartIv();
        encrypt = await this.#sealer.partCipher(iv, received);
      }
      const out = fs.createWriteStream(part, { flags: resumed ? 'a' : 'w' });
      if (iv && !resumed) out.write(iv);
      const closed = new Promise<void>((resolve, reject) => {
        out.on('close', resolve);
        out.on('error', reject);
      });
      let lastEmit = Date.now();
      try {
        if (!response.body) throw new AppError('internal', 'The server sent no content');
        const reader = response.body.getReader();
        for (;;) {
          const { done, value: chunk } = await reader.read();
          if (done) break;
          touch();
          received += chunk.byteLength;
          if (received > ref.sizeBytes)
            throw new AppError('invalid_state', 'The server sent more bytes than the document has');
          if (!out.write(encrypt ? encrypt(chunk) : chunk))
            await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          if (Date.now() - lastEmit >= PROGRESS_INTERVAL_MS) {
            lastEmit = Date.now();
            this.#emit(ref, { state: 'downloading', receivedBytes: received });
          }
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('unavailable', 'The download was interrupted; it will resume', {
          cause: String(error),
        });
      } finally {
        out.end();
        await closed;
      }
    } finally {
      clearTimeout(idleTimer);
    }
  }

  async #client(): Promise<{ api: ApiClient }> {
    this.#assertOpen();
    return this.#session.authorizedClient();
  }

  #setLive(ref: VersionRef, status: Omit<DocumentCacheStatus, 'totalBytes'>): void {
    this.#emit(ref, status);
  }

  #emit(ref: VersionRef, status: Omit<DocumentCacheStatus, 'totalBytes'>): void {
    if (this.#closed) return;
    const full: DocumentCacheStatus = { ...status, totalBytes: ref.sizeBytes };
    if (status.state === 'cached') this.#live.delete(liveKey(ref));
    else this.#live.set(liveKey(ref), full);
    this.emit('progress', {
      ...full,
      meetingId: ref.meetingId,
      documentId: ref.documentId,
      version: ref.version,
    });
  }

  /** The version's file: sealed for a confidential document, the plain PDF otherwise. */
  #fileOf(ref: VersionRef): string {
    return ref.confidential
      ? path.join(this.#dir, `${ref.sha256}.sealed`)
      : this.#plainFileOf(ref.sha256);
  }

  #plainFileOf(sha256: string): string {
    return path.join(this.#dir, `${sha256}.pdf`);
  }

  #partOf(ref: VersionRef): string {
    return `${this.#fileOf(ref)}.part`;
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('unavailable', 'The document cache is closed');
  }
}

function liveKey(ref: { documentId: string; version: number }): string {
  return `${ref.documentId}@${ref.version}`;
}

function currentVersions(agenda: MeetingAgenda): VersionRef[] {
  return agenda.items.flatMap((item) =>
    item.documents.map((document) => {
      const current = currentVersionOf(document);
      return {
        meetingId: agenda.meetingId,
        documentId: document.id,
        version: current.version,
        sha256: current.sha256,
        sizeBytes: current.sizeBytes,
        confidential: document.confidential,
      };
    }),
  );
}

/** The IV at the start of a sealed download in progress. */
async function readHeader(part: string): Promise<Buffer> {
  const handle = await fsp.open(part, 'r');
  try {
    const header = Buffer.alloc(PART_HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, PART_HEADER_BYTES, 0);
    if (bytesRead !== PART_HEADER_BYTES)
      throw new AppError('internal', 'A partial download has no header');
    return header;
  } finally {
    await handle.close();
  }
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
