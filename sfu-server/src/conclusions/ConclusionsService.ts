/**
 * The server's copy of each meeting's live conclusions: a Yjs document rebuilt from the stored
 * updates on first use, kept in memory while the server runs, and appended to in the database
 * before an edit is applied or relayed (so what anyone has seen survives a restart). The chair
 * and the secretary edit; everyone invited reads. Listeners hear `updated` to relay an edit to
 * the room, and `statusChanged` when the conclusions are issued or reopened.
 */
import { can } from '../../../common/domain/policy';
import { EventEmitter } from 'node:events';
import type { Transaction } from 'kysely';
import * as Y from 'yjs';
import {
  type ConclusionsStatus,
  type IssueConclusionsInput,
} from '../../../common/domain/conclusions';
import { conclusionsText } from '../../../common/conclusions/conclusionsDoc';
import { fromBase64, toBase64 } from '../../../common/encoding/base64';
import { ForbiddenError, InvalidError, InvalidStateError } from '../../../common/errors';
import type { AppDatabase } from '../db/database';
import type { ConclusionsTable, Database } from '../db/schema';
import { AuditLog } from '../db/repos/AuditLog';
import { DocumentFileStore } from '../documents/DocumentFileStore';
import { PdfInspector } from '../documents/inspectPdf';
import { composeConclusionNotice } from '../notices/conclusionNotice';
import { renderTextPdf } from '../notices/officialDocumentPdf';
import type { SessionActor } from '../session/MeetingSessionService';
import { readNoticeFacts, recordNoticeDocument, storeNoticePdf } from './noticeDocument';

/** Stored updates of one version are merged into one row once there are this many. */
const COMPACT_AFTER = 200;
/**
 * Typing sends an update per keystroke; the audit log gets one "edited" entry per person and
 * meeting per this long (the updates table keeps each one with its author and time).
 */
const EDIT_AUDIT_EVERY_MS = 60_000;

export interface ConclusionsEvents {
  /** `origin` is the signaling peer that sent the edit (it has it already). */
  updated: [meetingId: string, update: Uint8Array, origin: string | undefined];
  statusChanged: [meetingId: string, status: ConclusionsStatus];
}

interface Loaded {
  doc: Y.Doc;
  status: ConclusionsStatus;
  /** Rows stored for this version since the last compaction. */
  rows: number;
}

export class ConclusionsService extends EventEmitter<ConclusionsEvents> {
  readonly #db: AppDatabase;
  readonly #now: () => Date;
  readonly #files: DocumentFileStore;
  readonly #inspector = new PdfInspector();
  readonly #audit: AuditLog;
  readonly #loaded = new Map<string, Promise<Loaded>>();
  /** Per meeting, edits and compactions run one after another (see #serial). */
  readonly #queues = new Map<string, Promise<unknown>>();
  /** When each person's edits of each meeting were last audited. */
  readonly #lastEditAudit = new Map<string, number>();

  /** `dataDir` holds the documents (the issued notice becomes one). */
  constructor(db: AppDatabase, dataDir: string, now: () => Date = () => new Date()) {
    super();
    this.#db = db;
    this.#now = now;
    this.#files = new DocumentFileStore(dataDir);
    this.#audit = new AuditLog(db);
  }

  /** One sync round: what the caller lacks, the server's state vector, and the status. */
  async sync(meetingId: string, stateVectorB64: string) {
    const { doc, status } = await this.#load(meetingId);
    const stateVector = decode(stateVectorB64, 'state vector');
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(doc, stateVector);
    } catch {
      throw new InvalidError('Malformed state vector');
    }
    return { update: toBase64(update), stateVector: toBase64(Y.encodeStateVector(doc)), status };
  }

  /** Applies an edit by the chair or the secretary to the draft, stored first, then relayed. */
  async edit(
    meetingId: string,
    actor: SessionActor,
    updateB64: string,
    origin?: string,
  ): Promise<void> {
    requireEditor(actor);
    const update = decode(updateB64, 'update');
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new InvalidError('Malformed conclusions update');
    }
    await this.#serial(meetingId, async () => {
      const loaded = await this.#load(meetingId);
      if (loaded.status.state !== 'draft')
        throw new InvalidStateError('The conclusions are issued; a change needs a new version');
      await this.#db
        .insertInto('conclusion_updates')
        .values({
          meeting_id: meetingId,
          version: loaded.status.version,
          update_b64: updateB64,
          user_id: actor.user.id,
          created_at: this.#now().toISOString(),
        })
        .execute();
      Y.applyUpdate(loaded.doc, update, origin);
      if (++loaded.rows >= COMPACT_AFTER) await this.#compact(meetingId, loaded);
      await this.#auditEdit(meetingId, actor, loaded.status.version);
    });
    this.emit('updated', meetingId, update, origin);
  }

  /**
   * Issues the conclusion notice: renders the current text as the official PDF, stores it as the
   * meeting's notice document (a new version after a revision) and locks the conclusions, all
   * after the edits already received and before any later one.
   */
  async issue(
    meetingId: string,
    actor: SessionActor,
    input: IssueConclusionsInput,
  ): Promise<ConclusionsStatus> {
    requireEditor(actor);
    const status = await this.#serial(meetingId, async () => {
      const loaded = await this.#load(meetingId);
      if (loaded.status.state !== 'draft')
        throw new InvalidStateError('The conclusions are already issued');
      const text = conclusionsText(loaded.doc, { emphasis: true });
      if (!text.trim()) throw new InvalidError('The conclusions are empty; nothing to issue');
      const now = this.#now();
      const facts = await readNoticeFacts(this.#db, meetingId);
      const pdf = await renderTextPdf(composeConclusionNotice(facts, text, input, now));
      const file = await storeNoticePdf(this.#files, this.#inspector, pdf);
      const { version } = loaded.status;
      const title = `Thông báo kết luận số ${input.number}${version > 1 ? ` (phiên bản ${version})` : ''}`;
      const documentId = await this.#db.transaction().execute(async (trx) => {
        const id = await recordNoticeDocument(trx, meetingId, title, file, actor.user.id, now);
        await upsertStatus(trx, meetingId, {
          version,
          state: 'issued',
          issued_at: now.toISOString(),
          issued_by: actor.user.id,
          notice_document_id: id,
          updated_at: now.toISOString(),
        });
        return id;
      });
      await this.#audit.record(
        {
          userId: actor.user.id,
          action: 'conclusions.issue',
          subject: meetingId,
          details: { version, number: input.number, documentId, sha256: file.sha256 },
        },
        now,
      );
      loaded.status = {
        version,
        state: 'issued',
        issuedAt: now.toISOString(),
        issuedBy: actor.user.fullName,
        noticeDocumentId: documentId,
      };
      return loaded.status;
    });
    this.emit('statusChanged', meetingId, status);
    return status;
  }

  /** Opens the next version of issued conclusions as a draft holding their text. */
  async revise(meetingId: string, actor: SessionActor): Promise<ConclusionsStatus> {
    requireEditor(actor);
    const status = await this.#serial(meetingId, async () => {
      const loaded = await this.#load(meetingId);
      if (loaded.status.state !== 'issued')
        throw new InvalidStateError('The conclusions are a draft already');
      const now = this.#now();
      const version = loaded.status.version + 1;
      await this.#db.transaction().execute(async (trx) => {
        await trx
          .insertInto('conclusion_updates')
          .values({
            meeting_id: meetingId,
            version,
            update_b64: toBase64(Y.encodeStateAsUpdate(loaded.doc)),
            user_id: null,
            created_at: now.toISOString(),
          })
          .execute();
        await upsertStatus(trx, meetingId, {
          version,
          state: 'draft',
          issued_at: null,
          issued_by: null,
          notice_document_id: loaded.status.noticeDocumentId,
          updated_at: now.toISOString(),
        });
      });
      await this.#audit.record(
        {
          userId: actor.user.id,
          action: 'conclusions.revise',
          subject: meetingId,
          details: { version },
        },
        now,
      );
      loaded.rows = 1;
      loaded.status = {
        version,
        state: 'draft',
        issuedAt: null,
        issuedBy: null,
        noticeDocumentId: loaded.status.noticeDocumentId,
      };
      return loaded.status;
    });
    this.emit('statusChanged', meetingId, status);
    return status;
  }

  async status(meetingId: string): Promise<ConclusionsStatus> {
    return (await this.#load(meetingId)).status;
  }

  /** The conclusions as plain text, as the task parser and the notice read them. */
  async text(meetingId: string): Promise<string> {
    return conclusionsText((await this.#load(meetingId)).doc);
  }

  /**
   * The server's shutdown: lets the edits already received finish storing (the database closes
   * next), then drops the in-memory copies.
   */
  async close(): Promise<void> {
    await Promise.all(this.#queues.values());
    for (const loaded of this.#loaded.values())
      loaded.then((l) => l.doc.destroy()).catch(() => undefined);
    this.#loaded.clear();
  }

  #load(meetingId: string): Promise<Loaded> {
    let loading = this.#loaded.get(meetingId);
    if (!loading) {
      loading = this.#read(meetingId);
      loading.catch(() => this.#loaded.delete(meetingId));
      this.#loaded.set(meetingId, loading);
    }
    return loading;
  }

  async #read(meetingId: string): Promise<Loaded> {
    const row = await this.#db
      .selectFrom('conclusions')
      .leftJoin('users', 'users.id', 'conclusions.issued_by')
      .select([
        'conclusions.version',
        'conclusions.state',
        'conclusions.issued_at',
        'conclusions.notice_document_id',
        'users.full_name as issued_by_name',
      ])
      .where('conclusions.meeting_id', '=', meetingId)
      .executeTakeFirst();
    const status: ConclusionsStatus = row
      ? {
          version: row.version,
          state: row.state === 'issued' ? 'issued' : 'draft',
          issuedAt: row.issued_at,
          issuedBy: row.issued_by_name ?? null,
          noticeDocumentId: row.notice_document_id,
        }
      : { version: 1, state: 'draft', issuedAt: null, issuedBy: null, noticeDocumentId: null };
    const updates = await this.#db
      .selectFrom('conclusion_updates')
      .select('update_b64')
      .where('meeting_id', '=', meetingId)
      .where('version', '=', status.version)
      .orderBy('id')
      .execute();
    const doc = new Y.Doc({ gc: true });
    if (updates.length > 0)
      Y.applyUpdate(doc, Y.mergeUpdates(updates.map((u) => fromBase64(u.update_b64))));
    return { doc, status, rows: updates.length };
  }

  async #auditEdit(meetingId: string, actor: SessionActor, version: number): Promise<void> {
    const key = `${meetingId} ${actor.user.id}`;
    const now = this.#now();
    if (now.getTime() - (this.#lastEditAudit.get(key) ?? -Infinity) < EDIT_AUDIT_EVERY_MS) return;
    this.#lastEditAudit.set(key, now.getTime());
    await this.#audit.record(
      {
        userId: actor.user.id,
        action: 'conclusions.edit',
        subject: meetingId,
        details: { version },
      },
      now,
    );
  }

  /** Replaces the version's rows by one holding the whole document, in one transaction. */
  async #compact(meetingId: string, loaded: Loaded): Promise<void> {
    const merged = toBase64(Y.encodeStateAsUpdate(loaded.doc));
    await this.#db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('conclusion_updates')
        .where('meeting_id', '=', meetingId)
        .where('version', '=', loaded.status.version)
        .execute();
      await tx
        .insertInto('conclusion_updates')
        .values({
          meeting_id: meetingId,
          version: loaded.status.version,
          update_b64: merged,
          user_id: null,
          created_at: this.#now().toISOString(),
        })
        .execute();
    });
    loaded.rows = 1;
  }

  /** Runs `work` after the meeting's earlier edits, so a compaction never misses one. */
  #serial<T>(meetingId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(meetingId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#queues.set(meetingId, settled);
    void settled.then(() => {
      if (this.#queues.get(meetingId) === settled) this.#queues.delete(meetingId);
    });
    return next;
  }
}

function requireEditor(actor: SessionActor): void {
  if (!can(actor.meetingRole, 'conclusions.edit'))
    throw new ForbiddenError('Only the chair and the secretary edit and issue the conclusions');
}

type StatusRow = Omit<ConclusionsTable, 'meeting_id'>;

/** Insert-or-update of the meeting's status row; both dialects know `on conflict`. */
async function upsertStatus(
  trx: Transaction<Database>,
  meetingId: string,
  row: StatusRow,
): Promise<void> {
  await trx
    .insertInto('conclusions')
    .values({ meeting_id: meetingId, ...row })
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet(row))
    .execute();
}

function decode(text: string, what: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    throw new InvalidError(`Malformed ${what}`);
  }
}
