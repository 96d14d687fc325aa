// Cross-validation on the real set's TRAIN split only: the place to judge a change to the analysis (a rule, a cue, a
// training setting) before it is measured once on the TEST split. The real TRAIN items are cut into K folds (by a hash
// of their id, so the folds are the same on every run); for each fold a model is trained exactly as
// train-model.cjs trains the committed one (written TRAIN plus real TRAIN) but without that fold, and the fold is
// analysed in publication order. The figures are pooled over the folds. The real TEST split is never read.
// Needs the news archive (../shared/reference/news-archive/items.jsonl.gz, or NEWS_ARCHIVE).
// Usage: node tools/eval/cv-real.cjs [--folds K] [--seed S] [--save FILE] [--against FILE]   (K from 2 to 10,
// default 5; 10-15 s per fold)
// --seed S (a whole number, default 0) cuts the folds another way. One cut's figures move by about 0.01 between
// seeds (incident anywhere 0.752-0.762 over seeds 0-3), so judge a change on three seeds or more, against the same
// seeds. The figures are also given on the pool's buckets alone, the kinds of item TEST holds.
// --save FILE writes every item's reading (id and prediction, JSON lines; no archive text) so a later run with
// --against FILE, on the same seed and folds, can say item by item which decisions the change gained or lost and
// whether that is more than chance (pipeline/paired-comparison.ts).
'use strict';

require('./ts-hook.cjs');
const { scoreRealSet } = require('../../server/src/modules/analysis/pipeline/real-scores.ts');
const { formatRealScores } = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
const { comparePaired, formatPaired } = require('../../server/src/modules/analysis/pipeline/paired-comparison.ts');
const { LATER_ROUND_BUCKETS } = require('../../server/src/modules/analysis/pipeline/real-set.ts');
const fs = require('node:fs');
const { requireArchive, joinedRealSet, outOfFold } = require('./out-of-fold.cjs');

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
/** The file named after `name`, or null when the option is absent. */
function fileOption(name) {
  const at = process.argv.indexOf(name);
  if (at < 0) return null;
  const file = process.argv[at + 1];
  if (!file || file.startsWith('--')) {
    process.stderr.write(`error: ${name} takes a file name\n`);
    process.exit(2);
  }
  return file;
}
const folds = wholeOption('--folds', 5, 2, 10);
const seed = wholeOption('--seed', 0, 0, 1e6);
const saveTo = fileOption('--save');
const against = fileOption('--against');
requireArchive('cross-validation needs it');
let baseline = null;
if (against) {
  try {
    const lines = fs.readFileSync(against, 'utf8').split('\n').filter(Boolean);
    baseline = new Map(lines.map((line) => JSON.parse(line)).map((r) => [r.id, r.got]));
  } catch (error) {
    process.stderr.write(`error: --against ${against}: ${error.message}\n`);
    process.exit(2);
  }
}

const pairs = outOfFold(joinedRealSet(), { folds, seed, log: (line) => process.stderr.write(`${line}\n`) });

console.log(
  `real TRAIN, ${folds}-fold cross-validation (seed ${seed}), ${pairs.length} items (the TEST split is not read):`,
);
console.log(formatRealScores(scoreRealSet(pairs)).join('\n'));
const pool = pairs.filter((p) => !LATER_ROUND_BUCKETS.has(p.label.bucket));
console.log(`\nthe pool's buckets alone (the kinds of item TEST holds; not the later rounds), ${pool.length} items:`);
console.log(formatRealScores(scoreRealSet(pool)).join('\n'));
if (saveTo)
  fs.writeFileSync(saveTo, pairs.map((p) => JSON.stringify({ id: p.label.id, got: p.got })).join('\n') + '\n');
if (baseline) console.log(`\n${formatPaired(comparePaired(pairs, baseline)).join('\n')}`);
