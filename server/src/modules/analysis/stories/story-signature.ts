/**
 * What the story clusterer compares: an item's event content as hashes. Naming phrases (school words, the
 * district, its wards, the city) and the matched units' names are masked to gaps; what is left gives folded
 * syllable bigrams (shingles), a MinHash signature of them for finding candidates in banded buckets, a short
 * sorted list of them for the exact comparison, and the title's content syllables.
 */
const HASHES = 64;
export const ROWS_PER_BAND = 3;
export const BANDS = Math.floor(HASHES / ROWS_PER_BAND);
/** Content bigrams kept per member for the exact comparison; the title's come first. */
const SHINGLES_KEPT = 160;
/** Marks a masked position in a syllable sequence: no bigram spans it. */
export const GAP = '';

const STOPWORDS = new Set(
  (
    'va cua la co cac nhung mot duoc cho trong khi voi da dang se bi tai tu den nay do o ra ve thi nhu con ' +
    'nguoi sau truoc ngay hon nhieu lai vao len tren duoi cung khong chua theo tp hcm thanh pho'
  ).split(' '),
);

/**
 * Who and where, never what: school words and levels, the district and its wards (old and new), the city, and the
 * words nearly every school story uses ("học sinh", "phụ huynh", "năm học"). Masked wherever they occur, as whole
 * phrases so that "giao thông" keeps its "thông" while "phổ thông" loses it.
 */
const NAMING_PHRASES: readonly string[] = [
  'truong',
  'thpt',
  'thcs',
  'th',
  'mn',
  'mg',
  'gdtx',
  'trung hoc pho thong',
  'trung hoc co so',
  'tieu hoc',
  'mam non',
  'mau giao',
  'nha tre',
  'hoc sinh',
  'hs',
  'giao vien',
  'nha truong',
  'phu huynh',
  'nam hoc',
  'to chuc',
  'go vap',
  'quan go vap',
  'q go vap',
  'qgv',
  'q gv',
  'phuong',
  'an nhon',
  'an hoi tay',
  'an hoi dong',
  'hanh thong',
  'hanh thong tay',
  'thong tay hoi',
  'tphcm',
  'tp hcm',
  'ho chi minh',
  'sai gon',
];
/** Phrase syllables by first syllable, longest first. */
const NAMING = new Map<string, string[][]>();
for (const phrase of NAMING_PHRASES) {
  const parts = phrase.split(' ');
  const list = NAMING.get(parts[0]) ?? [];
  list.push(parts);
  list.sort((a, b) => b.length - a.length);
  NAMING.set(parts[0], list);
}

// Seeds for the HASHES hash functions: odd multipliers and offsets from a fixed LCG, so runs agree.
const SEED_A = new Uint32Array(HASHES);
const SEED_B = new Uint32Array(HASHES);
{
  let x = 0x9e3779b9;
  for (let i = 0; i < HASHES; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    SEED_A[i] = x | 1;
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    SEED_B[i] = x;
  }
}

export function fnv1a(s: string): number {
  return fnv1aMore(0x811c9dc5, s) >>> 0;
}

/** Continues an FNV-1a hash over `s`, so a hash of "a b" needs no joined string. */
function fnv1aMore(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** fnv1a(tag + a + ' ' + b), without building the string. */
export function taggedPairHash(tag: string, a: string, b: string): number {
  return fnv1aMore(Math.imul(fnv1aMore(fnv1aMore(0x811c9dc5, tag), a) ^ 32, 0x01000193), b) >>> 0;
}

/** The syllables with naming phrases and the given names' syllables replaced by GAP. */
export function contentOf(syllables: readonly string[], names: Set<string> | null): string[] {
  const out = new Array<string>(syllables.length);
  for (let i = 0; i < syllables.length;) {
    const s = syllables[i];
    const phrases = NAMING.get(s);
    let length = 0;
    if (phrases) {
      for (const phrase of phrases) {
        let k = 1;
        while (k < phrase.length && syllables[i + k] === phrase[k]) k++;
        if (k === phrase.length) {
          length = k;
          break;
        }
      }
    }
    if (length > 0) {
      for (let k = 0; k < length; k++) out[i + k] = GAP;
      i += length;
      continue;
    }
    out[i] = names !== null && names.has(s) ? GAP : s;
    i++;
  }
  return out;
}

/** A bigram of two unmasked syllables, not both stopwords ("bị đánh" counts, "của các" does not). */
export function isShingle(a: string, b: string): boolean {
  return a !== GAP && b !== GAP && !(STOPWORDS.has(a) && STOPWORDS.has(b));
}

export function shinglesOf(title: readonly string[], body: readonly string[]): number[] {
  const out: number[] = [];
  for (const part of [title, body]) {
    for (let i = 0; i + 1 < part.length; i++) {
      if (isShingle(part[i], part[i + 1])) out.push(taggedPairHash('', part[i], part[i + 1]));
    }
  }
  return out;
}

export function keptShingles(shingles: readonly number[]): Uint32Array {
  return distinctSorted(Uint32Array.from(shingles.slice(0, SHINGLES_KEPT)));
}

export function titleTerms(title: readonly string[]): Uint32Array {
  const out: number[] = [];
  for (const s of title) if (s !== GAP && !STOPWORDS.has(s)) out.push(fnv1a(s));
  return distinctSorted(Uint32Array.from(out));
}

function distinctSorted(values: Uint32Array): Uint32Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[n++] = values[i];
  return values.subarray(0, n);
}

export function minhash(shingles: readonly number[]): Uint32Array {
  const sig = new Uint32Array(HASHES);
  // One hash function at a time keeps its seeds and running minimum in registers.
  for (let k = 0; k < HASHES; k++) {
    const a = SEED_A[k];
    const b = SEED_B[k];
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const h = (Math.imul(shingles[i], a) + b) >>> 0;
      if (h < min) min = h;
    }
    sig[k] = min;
  }
  return sig;
}
