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
 * Events: `progress` for every state change and at most every PROGRESS_INTERVAL_MS per download.
 * `close()` aborts downloads and is idempotent; nothing touches the store after it.
 */
import { createHash } from 'node:crypto';
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
}

export class DocumentCacheService extends EventEmitter<DocumentCacheEvents> {
  readonly #session: SessionService;
  readonly #agendaCache: MeetingCacheRepository;
  readonly #versions: DocumentCacheRepository;
  readonly #dir: string;
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
    return (
      row?.cachedAt != null && row.sha256 === ref.sha256 && fs.existsSync(this.#fileOf(ref.sha256))
    );
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
      if (row && row.meetingId === meetingId) return { ...row, meetingId };
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
    };
  }

  /** The file's bytes if present and matching; a damaged file is deleted and unmarked. */
  async #readVerified(ref: VersionRef): Promise<Uint8Array<ArrayBuffer> | 'missing' | 'damaged'> {
    let buffer: Buffer;
    try {
      buffer = await fsp.readFile(this.#fileOf(ref.sha256));
    } catch {
      this.#assertOpen();
      this.#versions.markMissing(ref.sha256);
      return 'missing';
    }
    if (sha256Hex(buffer) !== ref.sha256) {
      await fsp.rm(this.#fileOf(ref.sha256), { force: true });
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
      const part = this.#partOf(ref.sha256);
      if ((await hashFile(part)) === ref.sha256) {
        await fsp.rename(part, this.#fileOf(ref.sha256));
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
    const part = this.#partOf(ref.sha256);
    const have = await fsp.stat(part).then(
      (s) => s.size,
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
      const out = fs.createWriteStream(part, { flags: resumed ? 'a' : 'w' });
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
          if (!out.write(chunk))
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

  #fileOf(sha256: string): string {
    return path.join(this.#dir, `${sha256}.pdf`);
  }

  #partOf(sha256: string): string {
    return path.join(this.#dir, `${sha256}.pdf.part`);
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
      };
    }),
  );
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
