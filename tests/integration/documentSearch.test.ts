/**
 * GET /api/meetings/:id/search on a real server, on SQLite and (where PHONGHOP_TEST_DATABASE_URL
 * names a PostgreSQL server whose role may create databases) on PostgreSQL: Vietnamese-aware
 * matching page by page, access as for the agenda, and page texts filled in at start for versions
 * stored without them (databases from before migration 0008).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSearchResponse } from '../../common/domain/documentSearch';
import { foldSearchable } from '../../common/documents/searchText';
import { ApiClient } from '../../common/protocol/ApiClient';
import { buildPath } from '../../common/protocol/api';
import { documentPaths } from '../../common/protocol/documentsApi';
import { openDatabase } from '../../sfu-server/src/db/database';
import { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer } from '../helpers/testServer';

const PAST = 'hd-bcd-cds-2022-09-27';
const REVIEW = 'hd-bcd-cds-review';
const SLOW = 120_000;

/** A PDF with the given lines on each page (Helvetica: Latin-1, so "í" but no "đ"). */
async function linesPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  }
  return doc.save();
}

const adminUrl = process.env.PHONGHOP_TEST_DATABASE_URL;
const pgDatabase = `phonghop_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

const backends = [
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
] as const;

describe.each(backends)('meeting document search on $name', { timeout: SLOW }, ({ postgres }) => {
  const skip = postgres && !adminUrl;
  let server: Server;
  let url: string;
  let dataDir: string;
  let databaseUrl: string | undefined;
  let tokens: Record<'delegate' | 'secretary' | 'admin' | 'outsider', string>;
  /** The uploaded confidential document: "kinh phí" on page 2 of 3 only. */
  let budgetId: string;

  const search = async (token: string, meetingId: string, q: string) =>
    new ApiClient({ baseUrl: url, token }).call(
      'searchMeetingDocuments',
      { id: meetingId },
      {},
      { q },
    ) as Promise<DocumentSearchResponse>;

  /** Runs `change` on the server's database through a connection of its own. */
  const onDatabase = async (
    change: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<unknown>,
  ) => {
    const opened = await openDatabase(dataDir, databaseUrl);
    try {
      await change(opened.db);
    } finally {
      await opened.close();
    }
  };

  beforeAll(async () => {
    if (skip) return;
    if (postgres) {
      await adminQuery(`create database ${pgDatabase}`);
      const target = new URL(adminUrl!);
      target.pathname = `/${pgDatabase}`;
      databaseUrl = target.toString();
    }
    ({ server, url, dataDir } = await startTestServer({ workers: 1, databaseUrl }));
    // kinhmon stays invited to the other meetings, but not to this one.
    await onDatabase((db) =>
      db
        .deleteFrom('meeting_participants')
        .where('meeting_id', '=', PAST)
        .where('user_id', '=', 'kinhmon')
        .execute(),
    );
    const [delegate, secretary, admin, outsider] = await Promise.all(
      ['sotttt', 'thuky', 'admin', 'kinhmon'].map((u) => login(url, u)),
    );
    tokens = { delegate: delegate!, secretary: secretary!, admin: admin!, outsider: outsider! };

    const form = new FormData();
    form.append('title', 'Dự toán hội nghị');
    form.append('confidential', 'true');
    const bytes = await linesPdf([
      ['Bao cao tong hop', 'Noi dung chung'],
      ['Du toan', 'Tong kinh', 'phí to chuc hoi nghi: 120 trieu dong'],
      ['Ket luan'],
    ]);
    form.append('file', new Blob([bytes as BlobPart], { type: 'application/pdf' }), 'du-toan.pdf');
    const res = await fetch(
      `${url}${buildPath(documentPaths.uploadDocument, { id: PAST, itemId: `${PAST}-item-3` })}`,
      { method: 'POST', headers: { authorization: `Bearer ${tokens.secretary}` }, body: form },
    );
    expect(res.status).toBe(201);
    budgetId = ((await res.json()) as { document: { id: string } }).document.id;
  }, SLOW);

  afterAll(async () => {
    if (skip) return;
    await server?.close();
    if (postgres) await adminQuery(`drop database if exists ${pgDatabase}`);
  }, SLOW);

  it.skipIf(skip)(
    'finds "kinh phí" typed as "kinh phi" and as "KINH PHÍ" on page 2 of the uploaded document only, across a line break',
    async () => {
      for (const q of ['kinh phi', 'KINH PHÍ', '  Kinh   Phí ']) {
        const { results } = await search(tokens.delegate, PAST, q);
        const budget = results.find((r) => r.documentId === budgetId);
        expect(budget, q).toMatchObject({
          title: 'Dự toán hội nghị',
          confidential: true,
          version: 1,
          hitCount: 1,
          pages: [2],
        });
        const [snippet] = budget!.snippets;
        expect(snippet!.page).toBe(2);
        const [[start, end]] = snippet!.marks as [[number, number]];
        // The hit as written in the PDF, its line break collapsed to a space.
        expect(snippet!.text.slice(start, end)).toBe('kinh phí');
        expect(snippet!.text).toContain('Tong kinh phí to chuc');
      }
    },
  );

  it.skipIf(skip)(
    'matches "đ" with "d" in the seeded documents, marks every hit, and ranks by hits',
    async () => {
      const { results, query } = await search(tokens.delegate, PAST, 'dau tu');
      expect(query).toBe('dau tu');
      expect(results.length).toBeGreaterThan(0);
      const marked = results.flatMap((r) =>
        r.snippets.flatMap((s) => s.marks.map(([a, b]) => s.text.slice(a, b))),
      );
      expect(marked.length).toBeGreaterThan(0);
      for (const text of marked) expect(foldSearchable(text)).toBe('dau tu');
      expect(marked.some((text) => /[đĐ]/.test(text))).toBe(true);
      for (const r of results) {
        expect(r.snippets.length).toBeLessThanOrEqual(5);
        expect(r.pages).toEqual([...r.pages].sort((a, b) => a - b));
        for (const s of r.snippets) expect(r.pages).toContain(s.page);
      }
      const untitled = results.filter((r) => !r.titleMatch).map((r) => r.hitCount);
      expect(untitled).toEqual([...untitled].sort((a, b) => b - a));
    },
  );

  it.skipIf(skip)('never returns documents of another meeting', async () => {
    const agendaIds = async (meetingId: string) => {
      const { body } = await getJson(`${url}/api/meetings/${meetingId}/agenda`, tokens.delegate);
      return body.items.flatMap((i: any) => i.documents.map((d: any) => d.id)) as string[];
    };
    const [past, review] = [await agendaIds(PAST), await agendaIds(REVIEW)];
    // The conclusion notice of the review meeting speaks of "kinh phí" too.
    const inReview = await search(tokens.delegate, REVIEW, 'kinh phi');
    expect(inReview.results.length).toBeGreaterThan(0);
    for (const r of inReview.results) expect(review).toContain(r.documentId);
    const inPast = await search(tokens.delegate, PAST, 'kinh phi');
    expect(inPast.results.length).toBeGreaterThan(1);
    for (const r of inPast.results) expect(past).toContain(r.documentId);
  });

  it.skipIf(skip)(
    'answers 403 to a user not invited, 401 without a token, 404 for an unknown meeting, and leaves confidential documents out for an admin',
    async () => {
      const path = (meetingId: string, q: string) =>
        `${url}/api/meetings/${meetingId}/search?q=${encodeURIComponent(q)}`;
      const outsider = await getJson(path(PAST, 'kinh phi'), tokens.outsider);
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.code).toBe('forbidden');
      expect((await getJson(path(PAST, 'kinh phi'))).status).toBe(401);
      expect((await getJson(path('khong-co', 'kinh phi'), tokens.delegate)).status).toBe(404);
      const asAdmin = await search(tokens.admin, PAST, 'kinh phi');
      expect(asAdmin.results.length).toBeGreaterThan(0);
      expect(asAdmin.results.map((r) => r.documentId)).not.toContain(budgetId);
    },
  );

  it.skipIf(skip)(
    'answers 400 to a query shorter than 2 or longer than 100 characters, or none',
    async () => {
      for (const q of ['k', '  k  ', 'x'.repeat(101)]) {
        const { status, body } = await getJson(
          `${url}/api/meetings/${PAST}/search?q=${encodeURIComponent(q)}`,
          tokens.delegate,
        );
        expect(status, q).toBe(400);
        expect(body.error.code).toBe('invalid');
      }
      expect((await getJson(`${url}/api/meetings/${PAST}/search`, tokens.delegate)).status).toBe(
        400,
      );
      // LIKE's own wildcards are plain characters in a query.
      expect((await search(tokens.delegate, PAST, '%_')).results).toEqual([]);
    },
  );

  it.skipIf(skip)(
    'a new version gets its page texts at upload and is searched instead of the old one',
    async () => {
      const form = new FormData();
      const bytes = await linesPdf([['Kinh phi: 95 trieu dong'], ['Phu luc']]);
      form.append('file', new Blob([bytes as BlobPart], { type: 'application/pdf' }), 'v2.pdf');
      const res = await fetch(
        `${url}${buildPath(documentPaths.uploadVersion, { id: PAST, documentId: budgetId })}`,
        { method: 'POST', headers: { authorization: `Bearer ${tokens.secretary}` }, body: form },
      );
      expect(res.status).toBe(201);
      const { results } = await search(tokens.delegate, PAST, 'kinh phi');
      expect(results.find((r) => r.documentId === budgetId)).toMatchObject({
        version: 2,
        pages: [1],
        snippets: [{ page: 1, text: 'Kinh phi: 95 trieu dong', marks: [[0, 8]] }],
      });
      expect((await search(tokens.delegate, PAST, 'to chuc hoi nghi')).results).toEqual([]);
    },
  );

  it.skipIf(skip)(
    'a version stored without page texts (before migration 0008) gets them when the server starts',
    async () => {
      const itTasks = `${PAST}-item-3-doc-1`;
      const before = await search(tokens.delegate, PAST, 'kinh phi');
      expect(before.results.map((r) => r.documentId)).toContain(itTasks);
      await server.close();
      await onDatabase((db) =>
        db.deleteFrom('document_pages').where('document_id', '=', itTasks).execute(),
      );
      ({ server, url } = await startTestServer({ workers: 1, dataDir, databaseUrl }));
      expect(await server.pageTextsFilled).toEqual({ filled: 1, failed: 0 });
      const after = await search(tokens.delegate, PAST, 'kinh phi');
      expect(after.results.find((r) => r.documentId === itTasks)).toEqual(
        before.results.find((r) => r.documentId === itTasks),
      );
    },
  );
});
