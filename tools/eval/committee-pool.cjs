#!/usr/bin/env node
// Rounds 6 and 7 of the real set (training data only; round 7 was not taken: docs/EVALUATION.md): unlabelled
// TRAIN-split archive items chosen by what the incident decision gets wrong out of fold. A committee of five models,
// each trained as train-model.cjs trains the committed one but without one fold of the real TRAIN items
// (out-of-fold.cjs, seed 0), reads every unlabelled TRAIN item.
// Taken, in this order, up to --take: the items the committee splits on (some members give an incident category,
// some do not; nearest an even split first), the items every member flags (a quarter of flags are false alarms out
// of fold: their labels teach what bad-looking news is not bad), then the items most members call education and none
// flags (where its misses hide: a third of bad education news is read neutral or positive). Ties go by the pool's
// rank hash. Random additions of the earlier rounds' kind gave under +0.02 per doubling (docs/EVALUATION.md), hence
// this choice.
// Prints "id TAB train_extra" lines as real-pool.cjs does, for merge-labels.cjs --pool. Reads the archive at run
// time (never committed). Usage: node tools/eval/committee-pool.cjs [--take N]   (default 2000; about 2 minutes)
'use strict';

require('./ts-hook.cjs');
const { createHash } = require('node:crypto');
const { isIncidentCategory } = require('../../shared/src/enums/analysis.ts');
const real = require('../../server/src/modules/analysis/pipeline/real-set.ts');
const { analyzeInOrder } = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
const { loadSeedGazetteer } = require('../../server/src/modules/analysis/matching/unit-matcher.ts');
const { requireArchive, joinedRealSet, foldModel } = require('./out-of-fold.cjs');

const FOLDS = 5;
const at = process.argv.indexOf('--take');
const take = at >= 0 ? Number(process.argv[at + 1]) : 2000;
if (!Number.isInteger(take) || take < 1) {
  process.stderr.write('error: --take takes a whole number of items\n');
  process.exit(2);
}
requireArchive('the pool needs it');

const archive = real.readArchive();
const joined = joinedRealSet(archive);
const labelled = new Set(joined.map((r) => r.id));
const candidates = archive.filter((a) => !labelled.has(a.id) && real.realSplitOf(a.id) === 'train');
const gazetteer = loadSeedGazetteer();
const votes = new Map(candidates.map((a) => [a.id, 0]));
const education = new Map(candidates.map((a) => [a.id, 0]));
for (let k = 0; k < FOLDS; k++) {
  const started = Date.now();
  const outputs = analyzeInOrder(candidates, gazetteer, foldModel(joined, k, { folds: FOLDS }));
  for (const [id, out] of outputs) {
    if (isIncidentCategory(out.category)) votes.set(id, votes.get(id) + 1);
    if (out.education) education.set(id, education.get(id) + 1);
  }
  process.stderr.write(`member ${k + 1}/${FOLDS}: ${candidates.length} items read, ${Date.now() - started} ms\n`);
}
const rank = (id) => createHash('sha1').update(`pool:${id}`).digest('hex');
const byRank = (a, b) => (rank(a) < rank(b) ? -1 : 1);
const split = [...votes]
  .filter(([, v]) => v > 0 && v < FOLDS)
  .sort(([a, va], [b, vb]) => Math.abs(2 * va - FOLDS) - Math.abs(2 * vb - FOLDS) || byRank(a, b))
  .map(([id]) => id);
const flagged = [...votes]
  .filter(([, v]) => v === FOLDS)
  .map(([id]) => id)
  .sort(byRank);
const unflagged = [...votes]
  .filter(([id, v]) => v === 0 && 2 * education.get(id) > FOLDS)
  .map(([id]) => id)
  .sort(byRank);
const histogram = Array.from({ length: FOLDS + 1 }, (_, v) => [...votes.values()].filter((x) => x === v).length);
process.stderr.write(`votes for an incident category (0..${FOLDS}): ${histogram.join(' ')}\n`);
const chosen = [...split, ...flagged, ...unflagged].slice(0, take);
process.stderr.write(
  `of ${candidates.length} unlabelled TRAIN items: committee split on ${split.length}, all flag ${flagged.length}, ` +
    `none flags but most call education ${unflagged.length}; ${chosen.length} taken\n`,
);
for (const id of chosen) process.stdout.write(`${id}\ttrain_extra\n`);
