/**
 * Vietnamese text search in PostgreSQL that ignores diacritics and case (migration TextSearch1796502653512 creates
 * `mw_fold`; SearchByUnit1796508508464 rebuilt the GIN indexes on the weighted documents below). The document
 * expression a query uses must stay exactly the one its index was built on, or the planner no longer uses it: the
 * migrations write it out in full, and the integration specs check that EXPLAIN names the index.
 *
 * A search is read as web search engines read it (words ANDed, "quoted phrases", -exclusions) and the last word, when
 * it is a plain word, also as the start of a word being typed: "phan tay h" finds "Phan Tây Hồ". Documents that carry
 * every word whole come first, then by ts_rank_cd over the weights (A: title, the units' names; B: the body).
 */

/** The search longest text accepted from a query string. */
export const SEARCH_MAX_LENGTH = 200;

/** A search as typed, split for prefix matching of its last word. */
export interface SearchTerms {
  /** The whole search, in NFC with spaces tidied. */
  all: string;
  /** The words before the last one (empty when there is one word). */
  head: string;
  /** The last word when it may be unfinished (a plain word, typed with no space after it); otherwise null. */
  prefix: string | null;
}

/** The search as typed, in NFC with spaces tidied; undefined when there is nothing to search for. */
export function searchText(value: string | undefined | null): string | undefined {
  const text = (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  return text.length > 0 ? text : undefined;
}

const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

/**
 * The terms of a search; undefined when there is nothing to search for. The last word is a prefix unless the text
 * ends with a space, the word is inside or at the end of a quoted phrase, is an exclusion (-word) or the OR operator,
 * or holds anything but letters and digits.
 */
export function searchTerms(value: string | undefined | null): SearchTerms | undefined {
  const all = searchText(value);
  if (!all) return undefined;
  const raw = (value ?? '').normalize('NFC');
  const words = all.split(' ');
  const last = words[words.length - 1] as string;
  const quotes = (all.match(/"/g) ?? []).length;
  const finished = /\s$/.test(raw) || quotes % 2 === 1 || last.toLowerCase() === 'or' || !PLAIN_WORD.test(last);
  if (finished) return { all, head: all, prefix: null };
  return { all, head: words.slice(0, -1).join(' '), prefix: last };
}

/**
 * `setweight(to_tsvector('simple', mw_fold(a1 || ' ' || a2 ...)), 'A') || setweight(..., 'B')` over the given SQL
 * expressions (columns, or expressions such as a jsonb path): group A ranks above group B.
 */
export function searchDocument(weightA: readonly string[], weightB: readonly string[]): string {
  const part = (exprs: readonly string[], weight: 'A' | 'B') => {
    const text = exprs.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `);
    return `setweight(to_tsvector('simple'::regconfig, mw_fold(${text})), '${weight}')`;
  };
  return weightB.length === 0 ? part(weightA, 'A') : `${part(weightA, 'A')} || ${part(weightB, 'B')}`;
}

/** The search as a tsquery: words ANDed, "quoted phrases" and -exclusions as web search engines read them. */
export function foldedQuery(placeholder: string): string {
  return `websearch_to_tsquery('simple'::regconfig, mw_fold(${placeholder}))`;
}

function prefixQuery(placeholder: string): string {
  return `to_tsquery('simple'::regconfig, quote_literal(mw_fold(${placeholder})) || ':*')`;
}

/** SQL fragments of one search over one document; `param` binds a value and returns its placeholder. */
export interface SearchSql {
  /** The condition a row must meet. */
  where: string;
  /** Expressions to sort by, each descending, in order: the best matches first. */
  rankings: string[];
}

export function searchSql(document: string, terms: SearchTerms, param: (value: string) => string): SearchSql {
  if (terms.prefix === null) {
    const query = foldedQuery(param(terms.all));
    return { where: `${document} @@ ${query}`, rankings: [`ts_rank_cd(${document}, ${query})`] };
  }
  // Every value is bound once and used in `where`, so a statement that only filters (a count) binds no spare one.
  const last = param(terms.prefix);
  const head = terms.head ? param(terms.head) : null;
  const prefix = prefixQuery(last);
  const query = head ? `(${foldedQuery(head)} && ${prefix})` : prefix;
  const whole = foldedQuery(head ? `(${head}::text || ' ' || ${last}::text)` : last);
  return {
    where: `${document} @@ ${query}`,
    rankings: [`(${document} @@ ${whole})`, `ts_rank_cd(${document}, ${query})`],
  };
}
