/**
 * The real evaluation set (issue 13): our labels of real archive items, keyed by the archive's ids
 * (tools/eval/real-labels.jsonl, committed), joined at run time with the items' text from the news archive
 * (../shared/reference/news-archive/items.jsonl.gz, never committed). The split is a hash of the id, so it is the
 * same on every machine and an item never changes side when more items are labelled.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CATEGORIES, SEVERITIES, SentimentLabel, type Category, type Severity } from '@mw/shared';

const REPO = resolve(__dirname, '../../../../..');
export const DEFAULT_REAL_LABELS_PATH = resolve(REPO, 'tools/eval/real-labels.jsonl');
const ARCHIVE_IN_SHARED = 'shared/reference/news-archive/items.jsonl.gz';
/**
 * The news archive sits beside the checkout (../shared/reference/news-archive/); a git worktree nested one level
 * deeper finds it at its nearest ancestor holding it. NEWS_ARCHIVE overrides both.
 */
export const DEFAULT_ARCHIVE_PATH = findArchive();

function findArchive(): string {
  if (process.env.NEWS_ARCHIVE) return resolve(process.env.NEWS_ARCHIVE);
  for (let dir = resolve(REPO, '..'); ; dir = resolve(dir, '..')) {
    if (existsSync(resolve(dir, ARCHIVE_IN_SHARED))) return resolve(dir, ARCHIVE_IN_SHARED);
    if (dir === resolve(dir, '..')) return resolve(REPO, '..', ARCHIVE_IN_SHARED);
  }
}
/** The eval's name for the office as a unit: items about Gò Vấp education with no school identifiable. */
export const OFFICE_UNIT = 'GV-OFFICE';
/** Share of the labelled items kept for measuring; the rest may train the classifiers. */
export const REAL_TEST_SHARE = 0.5;

/**
 * `train_extra`: the later rounds (real-pool.cjs --round 2 to 4, committee-pool.cjs), TRAIN-split items only, more to
 * learn from. `test_extra`: real-pool.cjs --round test, TEST-split items only, negative and education news beyond the
 * pool's, so TEST holds enough bad news at school to read the incident figures on.
 */
export const REAL_BUCKETS = [
  'govap',
  'same_name',
  'positive',
  'negative',
  'education',
  'ordinary',
  'flagged',
  'train_extra',
  'test_extra',
] as const;
/** The buckets of the rounds after the pool's, drawn from one split each; the pool's buckets are the others. */
export const LATER_ROUND_BUCKETS: ReadonlySet<string> = new Set(['train_extra', 'test_extra']);
export type RealBucket = (typeof REAL_BUCKETS)[number];

export interface RealLabel {
  readonly id: string;
  /** Why the item is in the set: the pool's bucket (tools/eval/real-pool.cjs), or "flagged" by the year run. */
  readonly bucket: RealBucket;
  readonly units: string[];
  readonly office: boolean;
  readonly education: boolean;
  readonly sentiment: SentimentLabel;
  /** Null when the item is not about education. */
  readonly category: Category | null;
  readonly incident: boolean;
  readonly severity: Severity | null;
  readonly note: string;
}

/** One news-archive item, as the archive stores it. */
export interface ArchiveItem {
  readonly id: string;
  readonly outlet: string;
  readonly section?: string;
  readonly published: string;
  readonly url?: string;
  readonly title: string;
  readonly summary?: string;
}

export interface RealItem extends RealLabel {
  readonly split: 'train' | 'test';
  readonly item: ArchiveItem;
}

export function realSplitOf(id: string): 'train' | 'test' {
  return idHash('real-split', id) / 0x1_0000_0000 < REAL_TEST_SHARE ? 'test' : 'train';
}

/** A fixed 32-bit hash of an archive id under a salt: the split above, and cv-real.cjs's folds (salt "real-fold"). */
export function idHash(salt: string, id: string): number {
  return createHash('sha1').update(`${salt}:${id}`).digest().readUInt32BE(0);
}

/** The gold units of a label, the office counted as the unit GV-OFFICE. */
export function goldUnits(label: Pick<RealLabel, 'units' | 'office'>): string[] {
  return label.office ? [...label.units, OFFICE_UNIT] : [...label.units];
}

const SENTIMENTS: ReadonlySet<string> = new Set(Object.values(SentimentLabel));
const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORIES);
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);
const BUCKET_SET: ReadonlySet<string> = new Set(REAL_BUCKETS);

/** Why a parsed line is not a valid label, or null when it is. */
export function labelProblem(value: unknown, unitCodes?: ReadonlySet<string>): string | null {
  const l = value as Partial<RealLabel> | null;
  if (!l || typeof l !== 'object') return 'not an object';
  if (typeof l.id !== 'string' || !/^[0-9a-f]{32}$/.test(l.id)) return 'id is not an archive id';
  if (typeof l.bucket !== 'string' || !BUCKET_SET.has(l.bucket)) return `bucket "${String(l.bucket)}" is unknown`;
  if (l.bucket === 'train_extra' && realSplitOf(l.id) !== 'train') return 'a train_extra item is in the TEST split';
  if (l.bucket === 'test_extra' && realSplitOf(l.id) !== 'test') return 'a test_extra item is in the TRAIN split';
  if (!Array.isArray(l.units) || l.units.some((u) => typeof u !== 'string')) return 'units is not a list of codes';
  const unknown = unitCodes ? l.units.filter((u) => !unitCodes.has(u) || u === OFFICE_UNIT) : [];
  if (unknown.length > 0) return `units ${unknown.join(',')} are not school codes`;
  if (typeof l.office !== 'boolean') return 'office is not a boolean';
  if (l.office && l.units.length > 0) return 'office is true but units are named';
  if (typeof l.education !== 'boolean') return 'education is not a boolean';
  if (typeof l.sentiment !== 'string' || !SENTIMENTS.has(l.sentiment)) return 'sentiment is unknown';
  if (l.education ? !CATEGORY_SET.has(l.category as string) : l.category !== null)
    return l.education ? 'category is unknown' : 'category must be null when education is false';
  if (typeof l.incident !== 'boolean') return 'incident is not a boolean';
  const expected = l.sentiment === SentimentLabel.Negative && (l.units.length > 0 || l.office);
  if (l.incident !== expected) return 'incident must be: negative and (units or office)';
  if (l.incident ? !SEVERITY_SET.has(l.severity as string) : l.severity !== null)
    return l.incident ? 'severity is unknown' : 'severity must be null when not an incident';
  if (typeof l.note !== 'string') return 'note is not a string';
  return null;
}

export function readRealLabels(path: string = DEFAULT_REAL_LABELS_PATH, unitCodes?: ReadonlySet<string>): RealLabel[] {
  return readIdLines(path, (value) => labelProblem(value, unitCodes), 'labelled twice');
}

/**
 * The records of a JSON-lines file keyed by archive id, each checked by `problem` (the file and line named in the
 * error) and every id once (`twice` says what a repeat is).
 */
export function readIdLines<T extends { readonly id: string }>(
  path: string,
  problem: (value: unknown) => string | null,
  twice: string,
): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const value = JSON.parse(line) as T;
      const found = problem(value);
      if (found) throw new Error(`${path}:${i + 1}: ${found}`);
      if (seen.has(value.id)) throw new Error(`${path}:${i + 1}: ${value.id} is ${twice}`);
      seen.add(value.id);
      out.push(value);
    });
  return out;
}

/** Every archive item, in the archive's order. */
export function readArchive(path: string = DEFAULT_ARCHIVE_PATH): ArchiveItem[] {
  const out: ArchiveItem[] = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (line.trim() !== '') out.push(JSON.parse(line) as ArchiveItem);
  }
  return out;
}

export function archiveAvailable(path: string = DEFAULT_ARCHIVE_PATH): boolean {
  return existsSync(path);
}

/** Labels joined with the archive's text; a label whose id the archive lacks is an error. */
export function joinRealSet(labels: readonly RealLabel[], archive: readonly ArchiveItem[]): RealItem[] {
  const byId = new Map(archive.map((a) => [a.id, a]));
  const missing = labels.filter((l) => !byId.has(l.id)).map((l) => l.id);
  if (missing.length > 0) throw new Error(`${missing.length} labelled ids are not in the archive: ${missing[0]}…`);
  return labels.map((l) => ({ ...l, split: realSplitOf(l.id), item: byId.get(l.id) as ArchiveItem }));
}
