/**
 * Whether an item is about education at all: schools, pupils, students, teachers, exams, admissions, education
 * policy, kindergartens, scholarships (the labelling guide's "education" of issue 13). Only such items carry an
 * education category; a war abroad, a market or a football match gets none (NO_CATEGORY), whatever words of the
 * plan's themes it happens to use.
 *
 * An item is education when it names a Gò Vấp unit, or when its title or summary holds one of EDUCATION_CUES (folded
 * syllable phrases, Vietnamese and English), and the learned gate (EducationGate, when the model has one) does not
 * veto it. The cues alone find nearly every education item (recall 0.97–0.99 on the real labels) but also take much
 * that is not (precision 0.90 on the pool's items, 0.77 on the harder round-6 items: crime, courts, lotteries and
 * sport with a school word in passing). The gate is a logistic regression over the item's syllable grams, trained on
 * the real labels' education flag, with the threshold chosen out of fold. It learned written Vietnamese only, so an
 * item without a diacritic (English, or Vietnamese typed without accents) keeps the cues' answer, and an item naming a
 * Gò Vấp unit is education whatever either says (gateMayVeto).
 */
import type { NaiveBayes } from '../tone/naive-bayes';
import { SparseSoftmax, type SparseSoftmaxModel } from '../tone/sparse-softmax';
import type { Syllables } from '../tone/syllables';

/** English words for the school and its people, in international editions ("a secondary school in Go Vap"). */
export const SCHOOL_WORDS_EN: readonly string[] = [
  'school',
  'schools',
  'pupil',
  'pupils',
  'student',
  'students',
  'teacher',
  'teachers',
];

const EDUCATION_CUES: readonly string[][] = [
  'hoc sinh',
  'giao vien',
  'truong hoc',
  'nha truong',
  'mam non',
  'mau giao',
  'tieu hoc',
  'mn',
  'lop mg',
  'nhom tre',
  'thcs',
  'thpt',
  'trung hoc',
  'dai hoc',
  'cao dang',
  'truong dh',
  'sinh vien',
  'giao duc',
  'hoc bong',
  'tuyen sinh',
  'thi sinh',
  'ky thi',
  'hoc phi',
  'sach giao khoa',
  'hieu truong',
  'phu huynh',
  'hoc duong',
  'ban tru',
  'co giao',
  'thay giao',
  'giang vien',
  'du hoc',
  'tot nghiep',
  'diem chuan',
  'diem thi',
  'gd dt',
  'gddt',
  'mon hoc',
  'lop hoc',
  'hoc tap',
  'nam hoc',
  'khai giang',
  'be giang',
  'tuu truong',
  'hoc vien',
  'nha giao',
  'hoc tro',
  'thu khoa',
  'dao tao',
  'tnsv',
  ...SCHOOL_WORDS_EN,
  'university',
  'education',
  'exam',
  'exams',
  'kindergarten',
  'tuition',
  'scholarship',
  'classroom',
  'curriculum',
].map((c) => c.split(' '));

const BY_FIRST = new Map<string, string[][]>();
for (const cue of EDUCATION_CUES) BY_FIRST.set(cue[0], [...(BY_FIRST.get(cue[0]) ?? []), cue]);

/** The first education cue in these syllables ("lớp 9" counts too), or undefined. */
export function educationCue(text: Syllables): string | undefined {
  const words = text.folded;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === 'lop' && k + 1 < words.length && /^(1[0-2]|[1-9])$/.test(words[k + 1])) return `lop ${words[k + 1]}`;
    const cues = BY_FIRST.get(w);
    const cue = cues?.find((c) => c.every((s, j) => words[k + j] === s));
    if (cue) return cue.join(' ');
  }
  return undefined;
}

/** Whether the item is about education (see the file comment); `units`: the Gò Vấp units it names. */
export function isEducationItem(text: { title: Syllables; summary: Syllables }, unitCount: number): boolean {
  return unitCount > 0 || educationCue(text.title) !== undefined || educationCue(text.summary) !== undefined;
}

/** Whether the gate may veto the cues' "education" for this item (see the file comment). */
export function gateMayVeto(text: { title: Syllables; summary: Syllables }, unitCount: number): boolean {
  return unitCount === 0 && (text.title.accented || text.summary.accented);
}

/**
 * The whole decision, in the analyzer and in training alike: what the cues (or a named unit) take, unless the gate
 * may veto it and does not accept it. `accepts` is asked only then.
 */
export function gatedEducation(cued: boolean, mayVeto: boolean, accepts: () => boolean): boolean {
  return cued && (!mayVeto || accepts());
}

/** The learned half of the education decision: P(education) over the item's grams, against a threshold. */
export class EducationGate {
  private readonly regression: SparseSoftmax;
  private readonly yes: number;

  /** `encoder`: the naive Bayes model whose feature ids the gate was trained on; `vocabulary`: its size. */
  constructor(
    model: SparseSoftmaxModel,
    private readonly encoder: NaiveBayes,
    vocabulary: number,
    private readonly threshold: number,
  ) {
    this.regression = new SparseSoftmax(model, vocabulary);
    this.yes = model.labels.indexOf('yes');
    if (this.yes < 0) throw new Error('education gate: the model has no "yes" label');
  }

  /** From the encoder's feature ids, or from the gram strings (encoded here). */
  probability(features: Int32Array | readonly string[]): number {
    const ids = features instanceof Int32Array ? features : this.encoder.encode(features);
    return this.regression.probabilities(ids)[this.yes];
  }

  accepts(features: Int32Array | readonly string[]): boolean {
    return this.probability(features) >= this.threshold;
  }
}
