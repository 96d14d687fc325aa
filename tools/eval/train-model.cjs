// Trains the analysis model on the written set's TRAIN split plus the real set's TRAIN split (our labels of
// news-archive items, joined with the archive's text at run time) and writes the committed
// server/src/modules/analysis/pipeline/trained-model.json (the server loads it at startup). The real set's TEST split
// is never read. Needs the news archive (../shared/reference/news-archive/items.jsonl.gz, or NEWS_ARCHIVE).
// Usage: node tools/eval/train-model.cjs [labelled.jsonl]   Re-run after editing either label file, the lexicon or
// rules.
'use strict';

require('./ts-hook.cjs');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { readLabelledSet } = require('../../server/src/modules/analysis/pipeline/labelled-set.ts');
const { trainAnalysisModel } = require('../../server/src/modules/analysis/pipeline/analysis-model.ts');
const { DEFAULT_LABELLED_PATH } = require('../../server/src/modules/analysis/pipeline/evaluate.ts');
const { trainingSet } = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
const { requireArchive, joinedRealSet } = require('./out-of-fold.cjs');

requireArchive('the model trains on real items too and needs it');
const source = process.argv[2] ?? DEFAULT_LABELLED_PATH;
const target = path.resolve(__dirname, '../../server/src/modules/analysis/pipeline/trained-model.json');
const joined = joinedRealSet();
const { items, trainedOn } = trainingSet(readLabelledSet(source), joined);
const started = Date.now();
const model = { ...trainAnalysisModel(items), trainedOn };
fs.writeFileSync(target, JSON.stringify(model) + '\n');
execFileSync(path.resolve(__dirname, '../../node_modules/.bin/prettier'), ['--write', target], { stdio: 'ignore' });
const size = fs.statSync(target).size;
console.log(
  `trained on ${trainedOn.written} written and ${trainedOn.real} real TRAIN items in ${Date.now() - started} ms; ` +
    `wrote ${target} (${Math.round(size / 1024)} KiB)`,
);
