import { searchDocument, searchSql, searchTerms } from './text-search';

describe('searchTerms', () => {
  it('reads the last plain word as one being typed', () => {
    expect(searchTerms('phan tay h')).toEqual({ all: 'phan tay h', head: 'phan tay', prefix: 'h' });
    expect(searchTerms('  Phan   Tây Hồ')).toEqual({ all: 'Phan Tây Hồ', head: 'Phan Tây', prefix: 'Hồ' });
    expect(searchTerms('79764507')).toEqual({ all: '79764507', head: '', prefix: '79764507' });
  });

  it('brings decomposed Vietnamese to NFC first', () => {
    const decomposed = 'Phan Tây Hồ'.normalize('NFD');
    expect(searchTerms(decomposed)?.prefix).toBe('Hồ');
  });

  it('takes a word as finished after a space, inside or after a quote, as an exclusion or the OR operator', () => {
    for (const text of ['phan tay ho ', '"phan tay ho"', '"phan tay', 'phan -bong', 'phan or', 'bếp-ăn', 'ho.']) {
      const terms = searchTerms(text);
      expect(terms?.prefix).toBeNull();
      expect(terms?.head).toBe(terms?.all);
    }
  });

  it('has nothing to search for in blanks', () => {
    expect(searchTerms('   ')).toBeUndefined();
    expect(searchTerms(undefined)).toBeUndefined();
  });
});

describe('searchSql', () => {
  const document = searchDocument(['i.title'], ['i.description']);

  it('weights the first group above the second', () => {
    expect(document).toBe(
      `setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(i.title, ''))), 'A') || ` +
        `setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(i.description, ''))), 'B')`,
    );
  });

  it('binds every value, ANDs the prefix with the words before it, and ranks whole-word matches first', () => {
    const values: string[] = [];
    const sql = searchSql(document, searchTerms('phan tay h') as never, (v) => {
      values.push(v);
      return `$${values.length}`;
    });
    expect(values).toEqual(['h', 'phan tay']);
    expect(sql.where).toContain(`@@ (websearch_to_tsquery('simple'::regconfig, mw_fold($2)) && to_tsquery(`);
    expect(sql.where).toContain(`quote_literal(mw_fold($1)) || ':*'`);
    expect(sql.rankings).toHaveLength(2);
    expect(sql.rankings[0]).toContain(`mw_fold(($2::text || ' ' || $1::text))`);
  });

  it('uses one web-search query when no word is unfinished', () => {
    const values: string[] = [];
    const sql = searchSql(document, searchTerms('"phan tay ho"') as never, (v) => {
      values.push(v);
      return `$${values.length}`;
    });
    expect(values).toEqual(['"phan tay ho"']);
    expect(sql.where).not.toContain(':*');
    expect(sql.rankings).toEqual([`ts_rank_cd(${document}, websearch_to_tsquery('simple'::regconfig, mw_fold($1)))`]);
  });
});
