// Out-of-fold predictions on the real set's TRAIN split, shared by cv-real.cjs, agreement.cjs and committee-pool.cjs,
// with the archive check and the joined real set every real-set tool starts from. The real TRAIN items
// are cut into K folds (by a hash of their id, salted by the seed, so the folds are the same on every run); for each
// fold a model is trained exactly as train-model.cjs trains the committed one (written TRAIN plus real TRAIN) but
// without that fold, and the fold is analysed in publication order. The real TEST split is never read.
'use strict';

require('./ts-hook.cjs');
const { readLabelledSet } = require('../../server/src/modules/analysis/pipeline/labelled-set.ts');
const { trainAnalysisModel } = require('../../server/src/modules/analysis/pipeline/analysis-model.ts');
const { DEFAULT_LABELLED_PATH } = require('../../server/src/modules/analysis/pipeline/evaluate.ts');
const real = require('../../server/src/modules/analysis/pipeline/real-set.ts');
const {
  trainingSet,
  govapUnitCodes,
  predictionOf,
  analyzeInOrder,
} = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
const { loadSeedGazetteer } = require('../../server/src/modules/analysis/matching/unit-matcher.ts');

/** Stops the tool with one line on stderr when the news archive is not at hand; `purpose` says why it is needed. */
function requireArchive(purpose) {
  if (real.archiveAvailable()) return;
  process.stderr.write(`error: the news archive is not at ${real.DEFAULT_ARCHIVE_PATH}; ${purpose}\n`);
  process.exit(1);
}

/** The real set joined with the archive's text (pass the archive when the caller reads it anyway). */
function joinedRealSet(archive = real.readArchive()) {
  return real.joinRealSet(real.readRealLabels(real.DEFAULT_REAL_LABELS_PATH, govapUnitCodes()), archive);
}

/** The fold of a TRAIN item under a seed; seed 0 keeps the folds every earlier figure was measured on. */
function foldOf(id, folds, seed) {
  return real.idHash(seed === 0 ? 'real-fold' : `real-fold-${seed}`, id) % folds;
}

/** The model trained without fold k: written TRAIN plus the real TRAIN items of the other folds. */
function foldModel(joined, k, { folds = 5, seed = 0 } = {}) {
  const train = joined.filter((r) => r.split === 'train' && foldOf(r.id, folds, seed) !== k);
  return trainAnalysisModel(trainingSet(readLabelledSet(DEFAULT_LABELLED_PATH), train).items);
}

/** `{ label, got }` for every real TRAIN item of `joined`, each predicted by a model that never saw its fold. */
function outOfFold(joined, { folds = 5, seed = 0, log = () => {} } = {}) {
  const gazetteer = loadSeedGazetteer();
  const pairs = [];
  for (let k = 0; k < folds; k++) {
    const started = Date.now();
    const held = joined.filter((r) => r.split === 'train' && foldOf(r.id, folds, seed) === k);
    const outputs = analyzeInOrder(
      held.map((r) => r.item),
      gazetteer,
      foldModel(joined, k, { folds, seed }),
    );
    for (const r of held) pairs.push({ label: r, got: predictionOf(outputs.get(r.id)) });
    log(`fold ${k + 1}/${folds}: ${held.length} items held out, ${Date.now() - started} ms`);
  }
  return pairs;
}

module.exports = { requireArchive, joinedRealSet, foldModel, outOfFold };
