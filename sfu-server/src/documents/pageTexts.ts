/**
 * The text of every page of a document version, for search (migration 0008): written with the
 * version (upload, conclusion notice, demo seed), and filled in from the stored PDF for versions
 * that have none (databases from before 0008) by `fillMissingPageTexts` when the server starts.
 */
import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database } from '../db/schema';
import { DocumentFileStore } from './DocumentFileStore';
import { PdfInspector } from './inspectPdf';
import { searchablePage, type SearchablePage } from './readPdf';

/**
 * Rows per INSERT: five parameters each stays far below SQLite's and PostgreSQL's limits, and
 * each batch is short work for the main thread (a 500-page agenda's text is about 2 MB).
 */
const ROWS_PER_INSERT = 50;

/**
 * Stores `pages` (page 1 first: as extracted, or already prepared for search by the inspection
 * worker) for a version; pages already there are kept. Other work runs between batches.
 */
export async function insertPageTexts(
  db: Kysely<Database>,
  documentId: string,
  version: number,
  pages: readonly (string | SearchablePage)[],
): Promise<void> {
  for (let start = 0; start < pages.length; start += ROWS_PER_INSERT) {
    if (start > 0) await nextTurn();
    const rows = pages.slice(start, start + ROWS_PER_INSERT).map((page, index) => {
      const { text, folded } = typeof page === 'string' ? searchablePage(page) : page;
      return {
        document_id: documentId,
        version,
        page: start + index + 1,
        text,
        folded_text: folded,
      };
    });
    await db
      .insertInto('document_pages')
      .values(rows)
      .onConflict((oc) => oc.columns(['document_id', 'version', 'page']).doNothing())
      .execute();
  }
}

/**
 * Extracts and stores the page texts of every version that has none, one after another; a
 * version whose file is missing or unreadable is logged and tried again at the next start.
 * Stops early when `signal` is aborted. Never rejects (it runs in the background).
 */
export async function fillMissingPageTexts(
  db: Kysely<Database>,
  dataDir: string,
  options: { logger?: Logger; signal?: AbortSignal; inspector?: PdfInspector } = {},
): Promise<{ filled: number; failed: number }> {
  const files = new DocumentFileStore(dataDir);
  const inspector = options.inspector ?? new PdfInspector();
  const missing = await db
    .selectFrom('document_versions as v')
    .select(['v.document_id', 'v.version', 'v.stored_name'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('document_pages as p')
            .select('p.page')
            .whereRef('p.document_id', '=', 'v.document_id')
            .whereRef('p.version', '=', 'v.version'),
        ),
      ),
    )
    .orderBy('v.created_at')
    .orderBy('v.document_id')
    .orderBy('v.version')
    .execute()
    .catch((error: unknown) => {
      options.logger?.warn({ err: error }, 'document versions without page texts not listed');
      return [];
    });
  let filled = 0;
  let failed = 0;
  try {
    for (const v of missing) {
      if (options.signal?.aborted) break;
      try {
        // Uploads never wait behind this backlog: they are in their meetings' queues, and the
        // inspector serves the queues in turn.
        const facts = await inspector.inspect(files.pathOf(v.stored_name), {
          queue: 'background:page-texts',
        });
        if (options.signal?.aborted) break;
        await db
          .transaction()
          .execute((trx) => insertPageTexts(trx, v.document_id, v.version, facts.searchablePages));
        filled += 1;
      } catch (error) {
        // Stopped by shutdown (the inspector refuses once closed): not a failure of this file.
        if (options.signal?.aborted) break;
        failed += 1;
        options.logger?.warn(
          { documentId: v.document_id, version: v.version, err: error },
          'page texts of a document version could not be extracted',
        );
      }
    }
  } finally {
    // An inspector made here is this call's own: its worker ends with it.
    if (!options.inspector) await inspector.close();
  }
  if (filled > 0 || failed > 0)
    options.logger?.info({ filled, failed }, 'page texts of older document versions extracted');
  return { filled, failed };
}
