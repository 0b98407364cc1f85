/**
 * Issuing the conclusion notice, apart from the conclusions themselves: the facts its opening
 * paragraph needs, and the notice stored as a document of the meeting (on an agenda item of its
 * own, "Thông báo kết luận"), so every participant reads it in the app's viewer, keeps it offline,
 * and a later version of the conclusions adds a version of the same document.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AppDatabase } from '../db/database';
import type { DocumentFileStore } from '../documents/DocumentFileStore';
import { versionRow, type NewVersionFile } from '../documents/DocumentRepository';
import type { PdfInspector } from '../documents/inspectPdf';
import { insertPageTexts } from '../documents/pageTexts';
import type { NoticeFacts } from '../notices/conclusionNotice';

export const noticeAgendaItemId = (meetingId: string) => `${meetingId}--ket-luan`;
export const noticeDocumentId = (meetingId: string) => `${meetingId}--thong-bao-ket-luan`;

export async function readNoticeFacts(db: AppDatabase, meetingId: string): Promise<NoticeFacts> {
  const meeting = await db
    .selectFrom('meetings')
    .innerJoin('users as chair', 'chair.id', 'meetings.chair_user_id')
    .select([
      'meetings.title',
      'meetings.starts_at',
      'meetings.place',
      'chair.full_name',
      'chair.title as chair_title',
    ])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const province = await db
    .selectFrom('units')
    .select('name')
    .where('kind', '=', 'province')
    .where('successor_id', 'is', null)
    .executeTakeFirst();
  const attending = await db
    .selectFrom('attendance')
    .innerJoin('users', 'users.id', 'attendance.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select('units.name')
    .where('attendance.meeting_id', '=', meetingId)
    .where('attendance.status', 'in', ['present', 'late'])
    .orderBy('attendance.checked_in_at')
    .execute();
  return {
    meetingTitle: meeting.title,
    startsAt: meeting.starts_at,
    place: meeting.place,
    chair: { fullName: meeting.full_name, title: meeting.chair_title },
    province: province?.name ?? 'UBND tỉnh',
    attendingAgencies: [...new Set(attending.map((a) => a.name))],
  };
}

/** Writes the PDF into the document store (durably) and reads back its pages and text. */
export async function storeNoticePdf(
  files: DocumentFileStore,
  inspector: PdfInspector,
  pdf: Uint8Array,
): Promise<NewVersionFile> {
  const temp = await files.tempPath();
  try {
    await fs.writeFile(temp, pdf, { flag: 'wx' });
    const facts = await inspector.inspect(temp);
    const storedName = await files.commit(temp);
    return {
      storedName,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      sizeBytes: pdf.byteLength,
      pageCount: facts.pageCount,
      searchText: facts.text,
      pages: facts.pages,
    };
  } catch (error) {
    await files.discard(temp);
    throw error;
  }
}

/** Adds the notice to the meeting's documents (first issue) or as its next version. */
export async function recordNoticeDocument(
  trx: Transaction<Database>,
  meetingId: string,
  title: string,
  file: NewVersionFile,
  userId: string,
  now: Date,
): Promise<string> {
  const itemId = noticeAgendaItemId(meetingId);
  const documentId = noticeDocumentId(meetingId);
  const createdAt = now.toISOString();
  const item = await trx
    .selectFrom('agenda_items')
    .select('id')
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) {
    const last = await trx
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('position').as('n'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    await trx
      .insertInto('agenda_items')
      .values({
        id: itemId,
        meeting_id: meetingId,
        position: Number(last?.n ?? 0) + 1,
        title: 'Thông báo kết luận',
        presenter: 'Văn phòng UBND tỉnh',
      })
      .execute();
  }
  const existing = await trx
    .selectFrom('document_versions')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('document_id', '=', documentId)
    .executeTakeFirst()
    .then((row) => (row?.n == null ? undefined : Number(row.n)));
  const version = existing === undefined ? 1 : existing + 1;
  if (existing === undefined)
    await trx
      .insertInto('documents')
      .values({
        id: documentId,
        agenda_item_id: itemId,
        title,
        confidential: 0,
        current_version: 1,
        created_at: createdAt,
      })
      .execute();
  await trx
    .insertInto('document_versions')
    .values(versionRow(documentId, version, file, userId, createdAt))
    .execute();
  await insertPageTexts(trx, documentId, version, file.pages);
  if (existing !== undefined)
    await trx
      .updateTable('documents')
      .set({ current_version: version, title })
      .where('id', '=', documentId)
      .execute();
  return documentId;
}
