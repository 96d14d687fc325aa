/**
 * Vietnamese text search in PostgreSQL that ignores diacritics and case (migration TextSearch1796502653512 creates
 * `mw_fold` and the GIN indexes). The document expression here must stay exactly the one the indexes were built on,
 * or the planner no longer uses them: columns are given in the index's order.
 */

/** The search longest text accepted from a query string. */
export const SEARCH_MAX_LENGTH = 200;

/** `to_tsvector('simple', mw_fold(coalesce(a, '') || ' ' || coalesce(b, '')))` over the given columns. */
export function foldedDocument(...columns: string[]): string {
  const text = columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
  return `to_tsvector('simple'::regconfig, mw_fold(${text}))`;
}

/** The search as a tsquery: words ANDed, "quoted phrases" and -exclusions as web search engines read them. */
export function foldedQuery(placeholder: string): string {
  return `websearch_to_tsquery('simple'::regconfig, mw_fold(${placeholder}))`;
}

/** The search as typed, in NFC with spaces tidied; undefined when there is nothing to search for. */
export function searchText(value: string | undefined | null): string | undefined {
  const text = (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  return text.length > 0 ? text : undefined;
}
