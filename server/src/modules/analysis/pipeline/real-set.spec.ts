import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { committedModel } from './analysis-model';
import { DEFAULT_LABELLED_PATH } from './evaluate';
import { expectedFingerprint, formatRealReport, govapUnitCodes, monthOf, runRealEvaluation } from './evaluate-real';
import { readLabelledSet } from './labelled-set';
import {
  DEFAULT_REAL_LABELS_PATH,
  joinRealSet,
  LATER_ROUND_BUCKETS,
  labelProblem,
  readRealLabels,
  realSplitOf,
  type RealBucket,
  type RealLabel,
} from './real-set';

const ID = (n: number): string => n.toString(16).padStart(32, '0');
const GV = '79764503';

function label(n: number, over: Partial<RealLabel> = {}): RealLabel {
  return {
    id: ID(n),
    bucket: 'govap',
    units: [],
    office: false,
    education: true,
    sentiment: 'neutral',
    category: 'other',
    incident: false,
    severity: null,
    note: '',
    ...over,
  };
}

describe('real-set labels', () => {
  it('refuses records the guide does not allow, naming the field', () => {
    const codes = govapUnitCodes();
    expect(labelProblem(label(1), codes)).toBeNull();
    expect(labelProblem({ ...label(1), id: 'L0001' }, codes)).toMatch(/id/);
    expect(labelProblem(label(1, { units: ['99999999'] }), codes)).toMatch(/units/);
    expect(labelProblem(label(1, { units: ['GV-OFFICE'] }), codes)).toMatch(/units/);
    expect(labelProblem(label(1, { office: true, units: [GV] }), codes)).toMatch(/office/);
    expect(labelProblem(label(1, { education: false }), codes)).toMatch(/category/);
    expect(labelProblem(label(1, { units: [GV], sentiment: 'negative' }), codes)).toMatch(/incident/);
    expect(
      labelProblem(label(1, { units: [GV], sentiment: 'negative', incident: true, category: 'food_safety' }), codes),
    ).toMatch(/severity/);
    expect(labelProblem(label(1, { bucket: 'elsewhere' as RealLabel['bucket'] }), codes)).toMatch(/bucket/);
  });

  it('splits by id hash: stable, about half of the pool on each side, the extra training round all in TRAIN', () => {
    const labels = readRealLabels(DEFAULT_REAL_LABELS_PATH, govapUnitCodes());
    expect(labels.length).toBeGreaterThanOrEqual(600);
    expect(realSplitOf(labels[0].id)).toBe(realSplitOf(labels[0].id));
    const pool = labels.filter((l) => !LATER_ROUND_BUCKETS.has(l.bucket));
    const test = pool.filter((l) => realSplitOf(l.id) === 'test').length;
    expect(test / pool.length).toBeGreaterThan(0.4);
    expect(test / pool.length).toBeLessThan(0.6);
    const extra = labels.filter((l) => l.bucket === 'train_extra');
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.filter((l) => realSplitOf(l.id) === 'test')).toEqual([]);
    expect(labels.filter((l) => l.bucket === 'test_extra' && realSplitOf(l.id) === 'train')).toEqual([]);
  });

  it('refuses a later-round label on an item of the other split', () => {
    const ids = Array.from({ length: 64 }, (_, i) => i.toString(16).padStart(32, 'a'));
    const testId = ids.find((id) => realSplitOf(id) === 'test') as string;
    const trainId = ids.find((id) => realSplitOf(id) === 'train') as string;
    const problem = (id: string, bucket: RealBucket) => labelProblem({ ...label(1), id, bucket }, govapUnitCodes());
    expect(problem(testId, 'train_extra')).toMatch(/TEST split/);
    expect(problem(testId, 'test_extra')).toBeNull();
    expect(problem(trainId, 'test_extra')).toMatch(/TRAIN split/);
    expect(problem(trainId, 'train_extra')).toBeNull();
  });

  it('joins labels with archive items by id and refuses a label the archive lacks', () => {
    const archive = [{ id: ID(1), outlet: 'X', published: '2025-09-01T08:00:00+07:00', title: 'T' }];
    expect(joinRealSet([label(1)], archive)[0].item.title).toBe('T');
    expect(() => joinRealSet([label(2)], archive)).toThrow(/not in the archive/);
  });

  it('dates months in Hồ Chí Minh City time', () => {
    expect(monthOf('2025-09-30T23:30:00+07:00')).toBe('2025-09');
    expect(monthOf('2025-09-30T17:30:00Z')).toBe('2025-10');
  });
});

describe('runRealEvaluation on a small archive we wrote', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'real-eval-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures the TEST split, counts the year per month and prints the goals', () => {
    const items = [
      { title: 'Học sinh Trường THCS Gò Vấp (quận Gò Vấp) bị bạn đánh hội đồng phải nhập viện', sentiment: 'negative' },
      {
        title: 'Trường THCS Gò Vấp (quận Gò Vấp) đạt giải nhất hội thi khoa học kỹ thuật thành phố',
        sentiment: 'positive',
      },
      { title: 'Giá vàng hôm nay tăng nhẹ', sentiment: 'neutral' },
    ].flatMap((t, k) =>
      Array.from({ length: 4 }, (_, j) => ({
        id: ID(100 + k * 10 + j),
        outlet: 'VnExpress',
        published: `2025-${String(9 + j).padStart(2, '0')}-1${k}T08:00:00+07:00`,
        title: `${t.title} (${j})`,
        sentiment: t.sentiment,
        k,
      })),
    );
    const labels = items.map((it) =>
      label(Number.parseInt(it.id, 16), {
        units: it.k < 2 ? [GV] : [],
        education: it.k < 2,
        category: it.k === 0 ? 'violence_bullying' : it.k === 1 ? 'curriculum_awards' : null,
        sentiment: it.sentiment as RealLabel['sentiment'],
        incident: it.k === 0,
        severity: it.k === 0 ? 'S2' : null,
      }),
    );
    const labelsPath = join(dir, 'labels.jsonl');
    writeFileSync(
      labelsPath,
      labels
        .slice(1)
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
    const report = runRealEvaluation({ labelsPath, archive: items, year: true });
    expect(report.labelled).toBe(11);
    expect(report.train + report.test).toBe(11);
    expect(report.scores.items).toBe(report.test);
    // Matching is scored over every labelled item too: 7 of the 11 labelled name THCS Gò Vấp, all found.
    expect(report.matchingAll.items).toBe(11);
    expect(report.matchingAll.item.support).toBe(7);
    expect(report.matchingAll.item.recall).toBe(1);
    const year = report.year!;
    expect(year.items).toBe(12);
    expect(year.months.map((m) => m.month)).toEqual(['2025-09', '2025-10', '2025-11', '2025-12']);
    // The unlabelled fight report is flagged and unjudged; the labelled ones are true alarms.
    expect(year.unjudged.map((i) => i.id)).toEqual([ID(100)]);
    expect(year.months.reduce((s, m) => s + m.trueAlarms, 0)).toBe(3);
    expect(year.worstMonthFalseAlarms).toBe(1);
    const text = formatRealReport(report);
    expect(text).toMatch(/^REAL NEWS/);
    expect(text).toMatch(/^ {2}(MET |MISS|N\/A ) {2}false alarms in the worst month/m);
  });
});

describe('committed model', () => {
  it('records the labels it was trained on: the current written TRAIN split and real TRAIN split', () => {
    const fingerprint = expectedFingerprint(
      readLabelledSet(DEFAULT_LABELLED_PATH),
      readRealLabels(DEFAULT_REAL_LABELS_PATH, govapUnitCodes()),
    );
    expect(committedModel().trainedOn?.fingerprint).toBe(fingerprint);
  });
});
