/**
 * Reads a school's registry name ("Trường MN Hoàng Yến (CL)", "THCS và THPT Hồng Hà", "LMG Sao Mai Q1") into the
 * levels it teaches, the kind of institution (trường, lớp, nhóm trẻ) and the core name people actually use
 * ("Hoàng Yến"), and writes the level phrases a journalist or a parent might put before that core name.
 */
import { fold } from '@mw/shared';

export type SchoolLevel = 'MN' | 'TH' | 'THCS' | 'THPT' | 'GDTX' | 'OFFICE';
/** Registry prefix: a full school, a kindergarten class (lớp mẫu giáo) or a childminding group (nhóm trẻ). */
export type InstitutionKind = 'truong' | 'lop' | 'nhom';

export interface ParsedSchoolName {
  levels: SchoolLevel[];
  kind: InstitutionKind;
  /** Core name in NFC with its original capitalisation, e.g. "Nguyễn Du". */
  core: string;
}

interface PrefixRule {
  words: string[];
  level?: SchoolLevel;
  kind?: InstitutionKind;
}

const PREFIX_RULES: PrefixRule[] = (
  [
    ['truong', undefined, 'truong'],
    ['lop mau giao', 'MN', 'lop'],
    ['lop mam non', 'MN', 'lop'],
    ['lop mg', 'MN', 'lop'],
    ['lop', undefined, 'lop'],
    ['lmg', 'MN', 'lop'],
    ['nhom tre doc lap', 'MN', 'nhom'],
    ['nhom tre gia dinh', 'MN', 'nhom'],
    ['nhom tre', 'MN', 'nhom'],
    ['ntdl', 'MN', 'nhom'],
    ['ntgd', 'MN', 'nhom'],
    ['nt', 'MN', 'nhom'],
    ['mam non', 'MN'],
    ['mau giao', 'MN'],
    ['mntt', 'MN'],
    ['mncl', 'MN'],
    ['mgtt', 'MN'],
    ['mn', 'MN'],
    ['mg', 'MN'],
    ['tieu hoc', 'TH'],
    ['th', 'TH'],
    ['tih', 'TH'],
    ['thcl', 'TH'],
    ['trung hoc co so', 'THCS'],
    ['thcs', 'THCS'],
    ['thcscl', 'THCS'],
    ['trung hoc pho thong', 'THPT'],
    ['thpt', 'THPT'],
    ['thptcl', 'THPT'],
    ['pho thong'],
    ['trung tam giao duc thuong xuyen', 'GDTX'],
    ['tt gdtx', 'GDTX'],
    ['gdtx', 'GDTX'],
    ['tu thuc'],
    ['cong lap'],
    ['va'],
  ] as [string, SchoolLevel | undefined, InstitutionKind | undefined][]
).map(([words, level, kind]) => ({ words: words.split(' '), level, kind }));

const TRAILING_DISTRICT = /^(q\.?\d{1,2}|quan|q\.?)$/;

/** Parses a registry or user-entered school name; `fallbackLevel` is used when the name states no level. */
export function parseSchoolName(name: string, fallbackLevel: string): ParsedSchoolName {
  const cleaned = name
    .normalize('NFC')
    .replace(/\(\s*CL\s*\)/gi, ' ')
    .replace(/["“”]/g, ' ')
    .replace(/[-–,&]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = cleaned.split(' ').filter(Boolean);
  const folded = words.map((w) => fold(w));
  const levels = new Set<SchoolLevel>();
  let kind: InstitutionKind | undefined;
  let p = 0;
  while (p < words.length - 1) {
    const at = p;
    const fits = (r: PrefixRule, from: number): boolean =>
      from + r.words.length < words.length && r.words.every((w, k) => folded[from + k] === w);
    // "trường", "lớp", "nhóm" only open a name: in "THCS Trường Sơn" the second word is part of the core
    const rule = PREFIX_RULES.find((r) => (at === 0 || r.kind === undefined) && fits(r, at));
    if (!rule) break;
    if (rule.words[0] === 'va' && !PREFIX_RULES.some((r) => r.level && fits(r, at + 1))) break;
    if (rule.level) levels.add(rule.level);
    if (rule.kind && !kind) kind = rule.kind;
    p += rule.words.length;
  }
  let end = words.length;
  // "THCS Nguyễn Du Q1", "MN Hoa Sen quận 3": the registry sometimes appends the district
  if (end - p > 1 && /^q\.?\d{1,2}$/.test(folded[end - 1])) end--;
  else if (end - p > 2 && /^\d{1,2}$/.test(folded[end - 1]) && TRAILING_DISTRICT.test(folded[end - 2])) end -= 2;
  if (levels.size === 0) {
    const fallback = fallbackLevel.toUpperCase();
    if (fallback === 'THCS-THPT') {
      levels.add('THCS');
      levels.add('THPT');
    } else if (['MN', 'TH', 'THCS', 'THPT', 'GDTX', 'OFFICE'].includes(fallback)) {
      levels.add(fallback as SchoolLevel);
    }
  }
  return { levels: [...levels], kind: kind ?? 'truong', core: words.slice(p, end).join(' ') };
}

/** A level phrase that may precede a core name, and which registry kind it names. */
export interface LevelPhrase {
  text: string;
  kind: InstitutionKind;
}

const phrases = (kind: InstitutionKind, ...texts: string[]): LevelPhrase[] => texts.map((text) => ({ text, kind }));

const LEVEL_PHRASES: Record<Exclude<SchoolLevel, 'OFFICE'>, LevelPhrase[]> = {
  MN: [
    ...phrases(
      'truong',
      'mầm non',
      'mẫu giáo',
      'MN',
      'MG',
      'trường mầm non',
      'trường mẫu giáo',
      'trường MN',
      'trường MG',
    ),
    ...phrases('lop', 'lớp mẫu giáo', 'lớp MG', 'lớp mầm non', 'LMG'),
    ...phrases('nhom', 'nhóm trẻ', 'nhóm trẻ độc lập', 'nhóm trẻ gia đình'),
  ],
  TH: phrases('truong', 'tiểu học', 'TH', 'trường tiểu học', 'trường TH'),
  THCS: phrases(
    'truong',
    'THCS',
    'trung học cơ sở',
    'trung học cơ sở (THCS)',
    'trường THCS',
    'trường trung học cơ sở',
    'trường trung học cơ sở (THCS)',
  ),
  THPT: phrases(
    'truong',
    'THPT',
    'trung học phổ thông',
    'trung học phổ thông (THPT)',
    'trường THPT',
    'trường trung học phổ thông',
    'trường trung học phổ thông (THPT)',
  ),
  GDTX: phrases('truong', 'TT GDTX', 'trung tâm GDTX', 'trung tâm giáo dục thường xuyên'),
};

const SECONDARY_BOTH = phrases(
  'truong',
  'THCS và THPT',
  'THCS - THPT',
  'THCS, THPT',
  'THCS-THPT',
  'trung học cơ sở và trung học phổ thông',
  'trường THCS và THPT',
  'trường THCS - THPT',
  'trường THCS, THPT',
  'trường THCS-THPT',
  'trường trung học cơ sở và trung học phổ thông',
);

/**
 * English level words, written after the core name by international editions and English pages: "Phan Tay Ho
 * Secondary School", "Hoa Sen Kindergarten", "Nguyen Cong Tru High School".
 */
const ENGLISH_LEVEL_SUFFIXES: Record<Exclude<SchoolLevel, 'OFFICE'>, string[]> = {
  MN: ['kindergarten', 'preschool', 'nursery school', 'nursery', 'pre-school'],
  TH: ['primary school', 'elementary school'],
  THCS: ['secondary school', 'lower secondary school', 'junior high school', 'middle school', 'junior high'],
  THPT: ['high school', 'upper secondary school', 'senior high school'],
  GDTX: ['continuing education centre', 'continuing education center'],
};

/** English level words that may follow the core name of a school teaching `levels`. */
export function englishLevelSuffixes(levels: readonly SchoolLevel[]): string[] {
  const out = new Set<string>();
  for (const level of levels) if (level !== 'OFFICE') for (const s of ENGLISH_LEVEL_SUFFIXES[level]) out.add(s);
  return [...out];
}

/** Level phrases for a school teaching `levels` (a school with THCS and THPT gets the combined phrases too). */
export function levelPhrases(levels: readonly SchoolLevel[]): LevelPhrase[] {
  const out: LevelPhrase[] = [];
  for (const level of levels) if (level !== 'OFFICE') out.push(...LEVEL_PHRASES[level]);
  if (levels.includes('THCS') && levels.includes('THPT')) out.push(...SECONDARY_BOTH);
  return out;
}

/** Common Vietnamese family names: a core name starting with one is a person's name, hence also a street's. */
export const FAMILY_NAMES: ReadonlySet<string> = new Set(
  (
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly luong truong dinh mai trinh doan lam ' +
    'cao ha chu ton ta quach thai vuong la kieu tang hua au diep giang khuc mac nghiem ong'
  ).split(' '),
);
