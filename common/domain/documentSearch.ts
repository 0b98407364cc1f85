/**
 * Search across a meeting's agenda documents (issue #4): the query and the answer, grouped per
 * document (its current version), with the pages where the words occur and a short snippet
 * around each hit. Matching ignores case and Vietnamese diacritics ("kinh phi" finds "kinh phí",
 * "d" finds "đ"); see common/documents/searchText.ts.
 */
import { z } from 'zod';

/** Shorter queries match nearly every page; longer ones are not something a person types. */
export const SEARCH_QUERY_MIN = 2;
export const SEARCH_QUERY_MAX = 100;
/** Snippets returned per document; `hitCount` and `pages` still count every hit. */
export const SEARCH_SNIPPETS_PER_DOCUMENT = 5;

export const documentSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(SEARCH_QUERY_MIN).max(SEARCH_QUERY_MAX),
});

/** A stretch of a snippet to mark as a hit: `[start, end)` in UTF-16 units of `text`. */
export const snippetMarkSchema = z.tuple([z.number().int().nonnegative(), z.number().int()]);

export const searchSnippetSchema = z.object({
  /** 1-based page number in the document's current version. */
  page: z.number().int().positive(),
  /** The page text around the hit, whitespace collapsed; "…" where it was cut. */
  text: z.string(),
  /** Every hit inside `text`, in order. */
  marks: z.array(snippetMarkSchema).min(1),
});
export type SearchSnippet = z.infer<typeof searchSnippetSchema>;

export const documentSearchResultSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  agendaItemId: z.string(),
  agendaItemTitle: z.string(),
  /** The version searched: the document's current one. */
  version: z.number().int().positive(),
  confidential: z.boolean(),
  /** The query occurs in the title. */
  titleMatch: z.boolean(),
  /** Every hit in the text of the version. */
  hitCount: z.number().int().nonnegative(),
  /** Pages with at least one hit, ascending. */
  pages: z.array(z.number().int().positive()),
  /** At most SEARCH_SNIPPETS_PER_DOCUMENT, in page order. */
  snippets: z.array(searchSnippetSchema),
});
export type DocumentSearchResult = z.infer<typeof documentSearchResultSchema>;

export const documentSearchResponseSchema = z.object({
  meetingId: z.string(),
  query: z.string(),
  /** Best first: title matches, then more hits, then agenda order. */
  results: z.array(documentSearchResultSchema),
});
export type DocumentSearchResponse = z.infer<typeof documentSearchResponseSchema>;
