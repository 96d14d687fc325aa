// Trains the analysis model on the labelled set's TRAIN split and writes the committed
// server/src/modules/analysis/pipeline/trained-model.json (the server loads it at startup).
// Usage: node tools/eval/train-model.cjs [labelled.jsonl]   Re-run after editing the labelled set, lexicon or rules.
'use strict';

require('./ts-hook.cjs');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { readLabelledSet } = require('../../server/src/modules/analysis/pipeline/labelled-set.ts');
const { trainAnalysisModel } = require('../../server/src/modules/analysis/pipeline/analysis-model.ts');
const { DEFAULT_LABELLED_PATH } = require('../../server/src/modules/analysis/pipeline/evaluate.ts');

const source = process.argv[2] ?? DEFAULT_LABELLED_PATH;
const target = path.resolve(__dirname, '../../server/src/modules/analysis/pipeline/trained-model.json');
const train = readLabelledSet(source).filter((item) => item.split === 'train');
const started = Date.now();
const model = trainAnalysisModel(train);
fs.writeFileSync(target, JSON.stringify(model) + '\n');
execFileSync(path.resolve(__dirname, '../../node_modules/.bin/prettier'), ['--write', target], { stdio: 'ignore' });
const size = fs.statSync(target).size;
console.log(
  `trained on ${train.length} TRAIN items in ${Date.now() - started} ms; wrote ${target} (${Math.round(size / 1024)} KiB)`,
);
