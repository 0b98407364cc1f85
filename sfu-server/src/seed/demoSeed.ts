/**
 * Seeds the demo into an empty database: Hải Phòng city's units and sites of today with the Hải
 * Dương units of 2022 they took over, twelve accounts, Hải Dương's steering committee meeting of
 * 27/9/2022 with its documents and the eight tasks of its conclusion notice, and the city's
 * follow-up meeting in progress now and its meeting next week (demoData.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { z } from 'zod';
import type { Role } from '../../../common/domain/user';
import { hashPassword } from '../auth/passwords';
import { AuditLog } from '../db/repos/AuditLog';
import type { AppDatabase } from '../db/database';
import { storeContentAddressed, type StoredFile } from './contentStore';
import {
  DEMO_PASSWORD,
  DEMO_SITES,
  DEMO_UNITS,
  DEMO_USERS,
  demoMeetings,
  meetingRoleOf,
  type DemoMeeting,
} from './demoData';
import { loadDemoDocuments, type DemoDocumentKey } from './demoDocuments';
import { insertDemoTasks } from './demoTasks';
import { renderTextPdf } from '../notices/officialDocumentPdf';
import { readPdfFacts } from '../documents/readPdf';
import { insertPageTexts } from '../documents/pageTexts';
import { resourcePath } from './resources';

/** A seeded login, for the start-up banner and the demo login screen. */
export interface DemoAccount {
  username: string;
  password: string;
  fullName: string;
  roles: Role[];
  /** Name of the site the user joins from. */
  site: string;
}

interface StoredDocument extends StoredFile {
  title: string;
  pageCount: number;
  /** What pdf.js extracts from the written file, as for an upload: all pages, and each one. */
  searchText: string;
  pages: string[];
}

type StoredDocuments = Record<DemoDocumentKey, StoredDocument>;

const expectedTasksSchema = z.object({
  tasks: z.array(
    z.object({
      lead: z.string(),
      cooperating: z.array(z.string()),
      due: z.string().nullable(),
      reportTo: z.string().nullable(),
      recurrence: z.string().nullable(),
      content: z.string(),
    }),
  ),
});

async function hasUsers(db: AppDatabase): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  // Counted from the bytes written, not from the renderer, so the row matches the file.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPageCount();
}

/** Renders every demo PDF and stores it under `<dataDir>/documents/`, one after another (CPU-bound). */
async function storeDocuments(dataDir: string): Promise<StoredDocuments> {
  const documents = await loadDemoDocuments();
  const dir = path.join(dataDir, 'documents');
  const stored: Partial<StoredDocuments> = {};
  for (const [key, document] of Object.entries(documents) as [
    DemoDocumentKey,
    (typeof documents)[DemoDocumentKey],
  ][]) {
    const bytes = await renderTextPdf(document.pdf);
    const file = await storeContentAddressed(dir, bytes, 'pdf');
    // Read back with pdf.js like an upload, so the demo is searchable page by page. On this
    // thread, not in the inspection worker: the seed's own PDFs, before the server listens.
    const facts = await readPdfFacts(path.join(dir, file.storedName), Number.MAX_SAFE_INTEGER);
    stored[key] = {
      ...file,
      title: document.title,
      pageCount: await pageCount(bytes),
      searchText: facts.text,
      pages: facts.pages,
    };
  }
  return stored as StoredDocuments;
}

async function loadNoticeTasks(): Promise<z.infer<typeof expectedTasksSchema>['tasks']> {
  const text = await fs.readFile(
    resourcePath('demo', 'notices', 'hai-duong-2022-10-conclusion.expected.json'),
    'utf8',
  );
  return expectedTasksSchema.parse(JSON.parse(text)).tasks;
}

async function insertOrganisation(db: AppDatabase): Promise<void> {
  // Parents and successors come first in DEMO_UNITS, so the self-references hold row by row.
  await db
    .insertInto('units')
    .values(
      DEMO_UNITS.map((u) => ({
        id: u.id,
        name: u.name,
        short_name: u.shortName,
        parent_id: u.parentId,
        kind: u.kind,
        successor_id: u.successorId,
      })),
    )
    .execute();
  await db
    .insertInto('sites')
    .values(DEMO_SITES.map((s) => ({ id: s.id, name: s.name, unit_id: s.unitId })))
    .execute();
}

async function insertUsers(db: AppDatabase, passwordHash: string, now: Date): Promise<void> {
  await db
    .insertInto('users')
    .values(
      DEMO_USERS.map((u) => ({
        id: u.id,
        username: u.id,
        password_hash: passwordHash,
        full_name: u.fullName,
        title: u.title,
        unit_id: u.unitId,
        site_id: u.siteId,
        disabled: 0,
        created_at: now.toISOString(),
      })),
    )
    .execute();
  await db
    .insertInto('user_roles')
    .values(DEMO_USERS.flatMap((u) => u.roles.map((role) => ({ user_id: u.id, role }))))
    .execute();
}

async function insertMeeting(
  db: AppDatabase,
  meeting: DemoMeeting,
  documents: StoredDocuments,
  now: Date,
): Promise<number> {
  const createdAt = now.toISOString();
  await db
    .insertInto('meetings')
    .values({
      id: meeting.id,
      title: meeting.title,
      organizer: meeting.organizer,
      place: meeting.place,
      starts_at: meeting.startsAt,
      ends_at: meeting.endsAt,
      chair_user_id: meeting.chairId,
      created_at: createdAt,
      // Planned by the Office as issue #15 §3 plans meetings; published (the column's default).
      kind: meeting.kind,
      online: 1,
      preparing_unit_id: meeting.preparingUnitId,
      hall_site_id: meeting.hallSiteId,
    })
    .execute();
  await db
    .insertInto('meeting_sites')
    .values([
      { meeting_id: meeting.id, site_id: meeting.hallSiteId, is_host: 1 },
      ...meeting.siteIds.map((id) => ({ meeting_id: meeting.id, site_id: id, is_host: 0 })),
    ])
    .execute();
  await db
    .insertInto('meeting_participants')
    .values(
      DEMO_USERS.filter((u) => !u.roles.includes('admin')).map((u) => ({
        meeting_id: meeting.id,
        user_id: u.id,
        meeting_role: meetingRoleOf(u),
      })),
    )
    .execute();
  let documentCount = 0;
  for (const [index, item] of meeting.agenda.entries()) {
    const itemId = `${meeting.id}-item-${index + 1}`;
    await db
      .insertInto('agenda_items')
      .values({
        id: itemId,
        meeting_id: meeting.id,
        position: index + 1,
        title: item.title,
        presenter: item.presenter,
        presenting_unit_id: item.presentingUnitId ?? null,
      })
      .execute();
    if (!item.document) continue;
    const doc = documents[item.document];
    const documentId = `${itemId}-doc-1`;
    await db
      .insertInto('documents')
      .values({
        id: documentId,
        agenda_item_id: itemId,
        title: doc.title,
        confidential: 0,
        current_version: 1,
        created_at: createdAt,
      })
      .execute();
    await db
      .insertInto('document_versions')
      .values({
        document_id: documentId,
        version: 1,
        stored_name: doc.storedName,
        sha256: doc.sha256,
        size_bytes: doc.sizeBytes,
        page_count: doc.pageCount,
        search_text: doc.searchText,
        uploaded_by: null,
        created_at: createdAt,
      })
      .execute();
    await insertPageTexts(db, documentId, 1, doc.pages);
    documentCount += 1;
  }
  return documentCount;
}

function demoAccounts(): DemoAccount[] {
  return DEMO_USERS.map((u) => ({
    username: u.id,
    password: DEMO_PASSWORD,
    fullName: u.fullName,
    roles: [...u.roles],
    site: DEMO_SITES.find((s) => s.id === u.siteId)?.name ?? u.siteId,
  }));
}

/**
 * Seeds the demo data if the database has no users yet; returns the demo accounts, or [] when it
 * did nothing. All rows go in one transaction. The PDFs are written before it, content-addressed
 * under `<dataDir>/documents/`, so a failed seed leaves only unreferenced files, and a retry
 * reuses them.
 */
export async function seedDemo(
  db: AppDatabase,
  dataDir: string,
  now = new Date(),
): Promise<DemoAccount[]> {
  if (await hasUsers(db)) return [];
  // Slow work (PDF rendering, scrypt) happens before the transaction, which then holds the
  // database only for the inserts.
  const documents = await storeDocuments(dataDir);
  const tasks = await loadNoticeTasks();
  // The demo password is published, so per-account salts would protect nothing here; one scrypt
  // instead of twelve keeps the first start (and every test server) quick.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await db.transaction().execute(async (trx) => {
    // Another process on the same data directory may have seeded meanwhile.
    if (await hasUsers(trx)) return false;
    await insertOrganisation(trx);
    await insertUsers(trx, passwordHash, now);
    const meetings = demoMeetings(now);
    let documentCount = 0;
    for (const meeting of meetings)
      documentCount += await insertMeeting(trx, meeting, documents, now);
    const taskCount = await insertDemoTasks(trx, tasks, now);
    await new AuditLog(trx).record(
      {
        userId: null,
        action: 'seed.demo',
        subject: null,
        details: {
          users: DEMO_USERS.length,
          meetings: meetings.map((m) => m.id),
          documents: documentCount,
          tasks: taskCount,
        },
      },
      now,
    );
    return true;
  });
  return seeded ? demoAccounts() : [];
}
