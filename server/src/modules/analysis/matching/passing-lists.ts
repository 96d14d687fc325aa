/**
 * Schools named in passing: exam-venue lists, score tables, "các trường A, B, C, D… đạt chuẩn", enumerations of
 * schools across districts. A school named only inside such a list is not what the item is about.
 *
 * A list is a run of at least MIN_LIST school names in one field, each separated from the next by at most MAX_GAP
 * tokens (commas, "và", scores, a district in brackets) and no full stop. An item that names MANY_SCHOOLS schools or
 * more, some of them in other districts, enumerates them: its schools are passing mentions too, except those its
 * title names.
 */
import { SENTENCE_END, type FieldText, type Hit } from './match-text';

const MIN_LIST = 4;
const MAX_GAP = 6;
const MANY_SCHOOLS = 6;
/** Inside a list, ';' and '|' separate entries ("THPT A: 22,5; THPT B: 23"): only these end it. */
const LIST_END = new Set([...SENTENCE_END].filter((p) => p !== ';' && p !== '|'));

function endsBetween(field: FieldText, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (!field.tokens.isWord(k) && LIST_END.has(field.tokens.tokenText(k))) return true;
  return false;
}

/** The hits (of `hits`, Gò Vấp units and other districts' schools alike) that are passing mentions. */
export function passingMentions(fields: readonly FieldText[], hits: readonly Hit[]): Set<Hit> {
  const passing = new Set<Hit>();
  if (hits.length < MIN_LIST) return passing;
  const byField = new Map<number, Hit[]>();
  for (const hit of hits) {
    const list = byField.get(hit.fieldIndex) ?? [];
    list.push(hit);
    byField.set(hit.fieldIndex, list);
  }
  for (const [fieldIndex, fieldHits] of byField) {
    const field = fields[fieldIndex];
    fieldHits.sort((a, b) => a.first - b.first);
    let run: Hit[] = [];
    const close = (): void => {
      if (run.length >= MIN_LIST) for (const h of run) passing.add(h);
      run = [];
    };
    for (const hit of fieldHits) {
      const prev = run[run.length - 1];
      if (prev && (hit.first - prev.last - 1 > MAX_GAP || endsBetween(field, prev.last + 1, hit.first - 1))) close();
      run.push(hit);
    }
    close();
  }
  const elsewhere = hits.some((h) => h.entries.some((e) => e.kind === 'elsewhere' && e.type === 'school'));
  const names = new Set(
    hits.map((h) => {
      const e = h.entries[0];
      return e.kind === 'unit' || e.kind === 'unitCore' ? e.code : e.kind === 'elsewhere' ? e.place : '';
    }),
  );
  if (names.size >= MANY_SCHOOLS && elsewhere) {
    for (const hit of hits) if (fields[hit.fieldIndex].field !== 'title') passing.add(hit);
  }
  return passing;
}
