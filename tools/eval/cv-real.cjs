// Cross-validation on the real set's TRAIN split only: the place to judge a change to the analysis (a rule, a cue, a
// training setting) before it is measured once on the TEST split. The real TRAIN items are cut into K folds (by a hash
// of their id, so the folds are the same on every run); for each fold a model is trained exactly as
// train-model.cjs trains the committed one (written TRAIN plus real TRAIN) but without that fold, and the fold is
// analysed in publication order. The figures are pooled over the folds. The real TEST split is never read.
// Needs the news archive (../shared/reference/news-archive/items.jsonl.gz, or NEWS_ARCHIVE).
// Usage: node tools/eval/cv-real.cjs [--folds K] [--seed S]   (K from 2 to 10, default 5; 10-15 s per fold)
// --seed S (a whole number, default 0) cuts the folds another way. One cut's figures move by about 0.01 between
// seeds (incident anywhere 0.694-0.710 over seeds 0-3), so judge a change on three seeds or more, against the same
// seeds.
'use strict';

require('./ts-hook.cjs');
const { readLabelledSet } = require('../../server/src/modules/analysis/pipeline/labelled-set.ts');
const { trainAnalysisModel } = require('../../server/src/modules/analysis/pipeline/analysis-model.ts');
const { DEFAULT_LABELLED_PATH } = require('../../server/src/modules/analysis/pipeline/evaluate.ts');
const real = require('../../server/src/modules/analysis/pipeline/real-set.ts');
const { scoreRealSet } = require('../../server/src/modules/analysis/pipeline/real-scores.ts');
const {
  trainingSet,
  govapUnitCodes,
  predictionOf,
  analyzeInOrder,
  formatRealScores,
} = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
const { loadSeedGazetteer } = require('../../server/src/modules/analysis/matching/unit-matcher.ts');

/** The value after `name`, as a whole number from `min` to `max`; `fallback` when the option is absent. */
function wholeOption(name, fallback, min, max) {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    process.stderr.write(`error: ${name} takes a whole number from ${min} to ${max} (got "${process.argv[at + 1]}")\n`);
    process.exit(2);
  }
  return value;
}
const folds = wholeOption('--folds', 5, 2, 10);
const seed = wholeOption('--seed', 0, 0, 1e6);
if (!real.archiveAvailable()) {
  process.stderr.write(`error: the news archive is not at ${real.DEFAULT_ARCHIVE_PATH}; cross-validation needs it\n`);
  process.exit(1);
}

/** The fold of a TRAIN item: a hash of its id, salted apart from the TRAIN/TEST split's (and by the seed). */
const salt = seed === 0 ? 'real-fold' : `real-fold-${seed}`;
function foldOf(id) {
  return real.idHash(salt, id) % folds;
}

const joined = real.joinRealSet(
  real.readRealLabels(real.DEFAULT_REAL_LABELS_PATH, govapUnitCodes()),
  real.readArchive(),
);
const train = joined.filter((r) => r.split === 'train');
const written = readLabelledSet(DEFAULT_LABELLED_PATH);
const gazetteer = loadSeedGazetteer();
const pairs = [];
for (let k = 0; k < folds; k++) {
  const started = Date.now();
  const held = train.filter((r) => foldOf(r.id) === k);
  const { items } = trainingSet(
    written,
    train.filter((r) => foldOf(r.id) !== k),
  );
  const outputs = analyzeInOrder(
    held.map((r) => r.item),
    gazetteer,
    trainAnalysisModel(items),
  );
  for (const r of held) pairs.push({ label: r, got: predictionOf(outputs.get(r.id)) });
  process.stderr.write(`fold ${k + 1}/${folds}: ${held.length} items held out, ${Date.now() - started} ms\n`);
}

console.log(
  `real TRAIN, ${folds}-fold cross-validation (seed ${seed}), ${pairs.length} items (the TEST split is not read):`,
);
console.log(formatRealScores(scoreRealSet(pairs)).join('\n'));
