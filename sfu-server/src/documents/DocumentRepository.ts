/**
 * Agenda items, documents and their versions (migration 0002). Version numbers are assigned
 * inside the inserting transaction, so two uploads of the same document get 2 and 3, never 2
 * twice (the primary key would refuse the second anyway). Made on a transaction, the writes run
 * in it (an upload's rows, audit entry and request id commit together).
 */
import type { AgendaDocument, AgendaEntry, DocumentVersion } from '../../../common/domain/document';
import type { AppDatabase } from '../db/database';
import { insertPageTexts } from './pageTexts';
import type { SearchablePage } from './readPdf';

/** What the file store and the PDF check produced for one accepted upload. */
export interface NewVersionFile {
  storedName: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  searchText: string;
  /** Each page's text as extracted, page 1 first (kept per page for search: `document_pages`). */
  pages: readonly string[];
  /** `pages` already prepared for search (off the main thread), stored instead when given. */
  searchablePages?: readonly SearchablePage[];
}

/** A version's file, as the download route needs it. */
export interface VersionFile {
  meetingId: string;
  documentId: string;
  title: string;
  confidential: boolean;
  version: number;
  storedName: string;
  sha256: string;
  sizeBytes: number;
}

export class DocumentRepository {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  /** The meeting's agenda in position order with documents (oldest first) and versions (newest first). */
  async agenda(meetingId: string): Promise<{ items: AgendaEntry[]; currentItemId: string | null }> {
    const [items, documents, versions, current] = await Promise.all([
      this.#db
        .selectFrom('agenda_items')
        .select(['id', 'position', 'title', 'presenter'])
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute(),
      this.#db
        .selectFrom('documents')
        .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
        .select([
          'documents.id',
          'documents.agenda_item_id',
          'documents.title',
          'documents.confidential',
          'documents.current_version',
        ])
        .where('agenda_items.meeting_id', '=', meetingId)
        .orderBy('documents.created_at')
        .orderBy('documents.id')
        .execute(),
      this.#db
        .selectFrom('document_versions as v')
        .innerJoin('documents', 'documents.id', 'v.document_id')
        .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
        .leftJoin('users', 'users.id', 'v.uploaded_by')
        .select([
          'v.document_id',
          'v.version',
          'v.sha256',
          'v.size_bytes',
          'v.page_count',
          'v.created_at',
          'v.uploaded_by',
          'users.full_name as uploader_name',
        ])
        .where('agenda_items.meeting_id', '=', meetingId)
        .orderBy('v.document_id')
        .orderBy('v.version', 'desc')
        .execute(),
      this.currentItemId(meetingId),
    ]);
    const versionsByDocument = new Map<string, DocumentVersion[]>();
    for (const v of versions) {
      const list = versionsByDocument.get(v.document_id) ?? [];
      list.push({
        version: v.version,
        sha256: v.sha256,
        sizeBytes: v.size_bytes,
        pageCount: v.page_count,
        uploadedBy: v.uploaded_by
          ? { id: v.uploaded_by, fullName: v.uploader_name ?? v.uploaded_by }
          : null,
        createdAt: v.created_at,
      });
      versionsByDocument.set(v.document_id, list);
    }
    const toDocument = (d: (typeof documents)[number]): AgendaDocument => ({
      id: d.id,
      agendaItemId: d.agenda_item_id,
      title: d.title,
      confidential: d.confidential !== 0,
      currentVersion: d.current_version,
      versions: versionsByDocument.get(d.id) ?? [],
    });
    return {
      currentItemId: current,
      items: items.map((item) => ({
        id: item.id,
        position: item.position,
        title: item.title,
        presenter: item.presenter,
        current: item.id === current,
        documents: documents
          .filter((d) => d.agenda_item_id === item.id && versionsByDocument.has(d.id))
          .map(toDocument),
      })),
    };
  }

  async currentItemId(meetingId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('agenda_current')
      .select('agenda_item_id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    return row?.agenda_item_id ?? null;
  }

  /** Sets (or, with null, clears) the item being discussed. */
  async setCurrentItem(
    meetingId: string,
    itemId: string | null,
    userId: string,
    now = new Date(),
  ): Promise<void> {
    if (itemId === null) {
      await this.#db.deleteFrom('agenda_current').where('meeting_id', '=', meetingId).execute();
      return;
    }
    await this.#db
      .insertInto('agenda_current')
      .values({
        meeting_id: meetingId,
        agenda_item_id: itemId,
        set_by: userId,
        set_at: now.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('meeting_id').doUpdateSet({
          agenda_item_id: itemId,
          set_by: userId,
          set_at: now.toISOString(),
        }),
      )
      .execute();
  }

  async itemBelongsTo(itemId: string, meetingId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('agenda_items')
      .select('id')
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The document if it is on an agenda item of this meeting. */
  async documentIn(
    meetingId: string,
    documentId: string,
  ): Promise<{ id: string; title: string; confidential: boolean } | undefined> {
    const row = await this.#db
      .selectFrom('documents')
      .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
      .select(['documents.id', 'documents.title', 'documents.confidential'])
      .where('documents.id', '=', documentId)
      .where('agenda_items.meeting_id', '=', meetingId)
      .executeTakeFirst();
    return row && { id: row.id, title: row.title, confidential: row.confidential !== 0 };
  }

  async versionFile(
    meetingId: string,
    documentId: string,
    version: number,
  ): Promise<VersionFile | undefined> {
    const row = await this.#db
      .selectFrom('document_versions as v')
      .innerJoin('documents', 'documents.id', 'v.document_id')
      .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
      .select([
        'agenda_items.meeting_id',
        'documents.id',
        'documents.title',
        'documents.confidential',
        'v.version',
        'v.stored_name',
        'v.sha256',
        'v.size_bytes',
      ])
      .where('v.document_id', '=', documentId)
      .where('v.version', '=', version)
      .where('agenda_items.meeting_id', '=', meetingId)
      .executeTakeFirst();
    return (
      row && {
        meetingId: row.meeting_id,
        documentId: row.id,
        title: row.title,
        confidential: row.confidential !== 0,
        version: row.version,
        storedName: row.stored_name,
        sha256: row.sha256,
        sizeBytes: row.size_bytes,
      }
    );
  }

  /** A new document on an agenda item with `file` as its version 1. */
  async createDocument(
    input: {
      id: string;
      agendaItemId: string;
      title: string;
      confidential: boolean;
      uploadedBy: string;
      file: NewVersionFile;
    },
    now = new Date(),
  ): Promise<void> {
    const createdAt = now.toISOString();
    await this.#inTransaction(async (trx) => {
      await trx
        .insertInto('documents')
        .values({
          id: input.id,
          agenda_item_id: input.agendaItemId,
          title: input.title,
          confidential: input.confidential ? 1 : 0,
          current_version: 1,
          created_at: createdAt,
        })
        .execute();
      await trx
        .insertInto('document_versions')
        .values(versionRow(input.id, 1, input.file, input.uploadedBy, createdAt))
        .execute();
      await insertPageTexts(trx, input.id, 1, input.file.searchablePages ?? input.file.pages);
    });
  }

  /** Adds the next version of a document and makes it current; returns its number. */
  async addVersion(
    documentId: string,
    file: NewVersionFile,
    uploadedBy: string,
    now = new Date(),
  ): Promise<number> {
    const createdAt = now.toISOString();
    return this.#inTransaction(async (trx) => {
      const last = await trx
        .selectFrom('document_versions')
        .select((eb) => eb.fn.max('version').as('n'))
        .where('document_id', '=', documentId)
        .executeTakeFirst();
      const version = Number(last?.n ?? 0) + 1;
      await trx
        .insertInto('document_versions')
        .values(versionRow(documentId, version, file, uploadedBy, createdAt))
        .execute();
      await insertPageTexts(trx, documentId, version, file.searchablePages ?? file.pages);
      await trx
        .updateTable('documents')
        .set({ current_version: version })
        .where('id', '=', documentId)
        .execute();
      return version;
    });
  }

  /**
   * Runs `write` in the transaction this repository was made on (an upload writes its rows, its
   * audit entry and its request id in one), or in a transaction of its own.
   */
  #inTransaction<T>(write: (trx: AppDatabase) => Promise<T>): Promise<T> {
    return this.#db.isTransaction ? write(this.#db) : this.#db.transaction().execute(write);
  }

  /** One document of the meeting's agenda, as listed. */
  async document(meetingId: string, documentId: string): Promise<AgendaDocument | undefined> {
    const { items } = await this.agenda(meetingId);
    for (const item of items) {
      const found = item.documents.find((d) => d.id === documentId);
      if (found) return found;
    }
    return undefined;
  }
}

export function versionRow(
  documentId: string,
  version: number,
  file: NewVersionFile,
  uploadedBy: string,
  createdAt: string,
) {
  return {
    document_id: documentId,
    version,
    stored_name: file.storedName,
    sha256: file.sha256,
    size_bytes: file.sizeBytes,
    page_count: file.pageCount,
    search_text: file.searchText,
    uploaded_by: uploadedBy,
    created_at: createdAt,
  };
}
