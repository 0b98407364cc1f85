/**
 * Search across the current versions of a meeting's documents (issue #4), page by page.
 *
 * Where the matching happens: the database picks the pages with a LIKE on `folded_text` (the page
 * folded when it was stored, see common/documents/searchText.ts) against the folded query; the
 * application then finds each hit in the pages returned and cuts the snippets. Why: LIKE on a
 * plain text column behaves the same on SQLite and PostgreSQL once both sides are folded (no
 * ICU, `unaccent` or full-text extension that exists on one of them only, no collation rules:
 * the folded text is lower case, so SQLite's ASCII-only case folding does not matter), only the
 * pages that match leave the database, and the folding is the one function the client shares.
 * A meeting has tens of documents and hundreds of pages, which a scan reads in milliseconds; a
 * trigram or full-text index can come later without changing the route.
 */
import { sql } from 'kysely';
import {
  SEARCH_SNIPPETS_PER_DOCUMENT,
  type DocumentSearchResponse,
  type DocumentSearchResult,
} from '../../../common/domain/documentSearch';
import {
  foldSearchable,
  likeContaining,
  occurrences,
  pageSnippets,
  searchablePageText,
  searchNeedle,
} from '../../../common/documents/searchText';
import type { AppDatabase } from '../db/database';

export class DocumentSearch {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  /**
   * The documents whose current version contains `query` (or whose title does), best first:
   * title matches, then more hits, then agenda order. Confidential documents only with
   * `includeConfidential` (the asker is an invited participant).
   */
  async search(
    meetingId: string,
    query: string,
    options: { includeConfidential: boolean },
  ): Promise<DocumentSearchResponse> {
    const needle = searchNeedle(query);
    let documents = this.#db
      .selectFrom('documents as d')
      .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
      .select([
        'd.id',
        'd.title',
        'd.confidential',
        'd.current_version',
        'd.agenda_item_id',
        'a.title as item_title',
      ])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('a.position')
      .orderBy('d.created_at')
      .orderBy('d.id');
    let pages = this.#db
      .selectFrom('document_pages as p')
      .innerJoin('documents as d', (join) =>
        join.onRef('d.id', '=', 'p.document_id').onRef('d.current_version', '=', 'p.version'),
      )
      .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
      .select(['p.document_id', 'p.page', 'p.text', 'p.folded_text'])
      .where('a.meeting_id', '=', meetingId)
      .where(sql<boolean>`p.folded_text like ${likeContaining(needle)} escape '\\'`)
      .orderBy('p.document_id')
      .orderBy('p.page');
    if (!options.includeConfidential) {
      documents = documents.where('d.confidential', '=', 0);
      pages = pages.where('d.confidential', '=', 0);
    }
    const [documentRows, pageRows] = await Promise.all([documents.execute(), pages.execute()]);

    const found = new Map<string, Pick<DocumentSearchResult, 'hitCount' | 'pages' | 'snippets'>>();
    for (const row of pageRows) {
      const starts = occurrences(row.folded_text, needle);
      if (starts.length === 0) continue;
      const hits = found.get(row.document_id) ?? { hitCount: 0, pages: [], snippets: [] };
      hits.hitCount += starts.length;
      hits.pages.push(row.page);
      const room = SEARCH_SNIPPETS_PER_DOCUMENT - hits.snippets.length;
      if (room > 0)
        hits.snippets.push(...pageSnippets(row.text, starts, needle.length, row.page, room));
      found.set(row.document_id, hits);
    }

    const results = documentRows.flatMap((d, order) => {
      const titleMatch = foldSearchable(searchablePageText(d.title)).includes(needle);
      const hits = found.get(d.id);
      if (!hits && !titleMatch) return [];
      const result: DocumentSearchResult = {
        documentId: d.id,
        title: d.title,
        agendaItemId: d.agenda_item_id,
        agendaItemTitle: d.item_title,
        version: d.current_version,
        confidential: d.confidential !== 0,
        titleMatch,
        ...(hits ?? { hitCount: 0, pages: [], snippets: [] }),
      };
      return [{ result, order }];
    });
    results.sort(
      (x, y) =>
        Number(y.result.titleMatch) - Number(x.result.titleMatch) ||
        y.result.hitCount - x.result.hitCount ||
        x.order - y.order,
    );
    return { meetingId, query, results: results.map((r) => r.result) };
  }
}
