#!/usr/bin/env node
// `npm run eval [-- <labelled.jsonl>] [-- --mistakes]`: trains the analysis models on the labelled set's TRAIN split
// and prints per-label precision, recall and F1 (units, incident, sentiment, category) on its TEST split, with the
// goals of issue 4. Runs the TypeScript sources directly (no build needed); exit code 1 when a goal is missed.
'use strict';

const fs = require('node:fs');
require('../tools/eval/ts-hook.cjs');
const {
  runEvaluation,
  formatEvalReport,
  DEFAULT_LABELLED_PATH,
} = require('../server/src/modules/analysis/pipeline/evaluate.ts');

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? DEFAULT_LABELLED_PATH;
if (!fs.existsSync(file)) {
  process.stderr.write(`error: labelled set not found at ${file}\n`);
  process.exit(1);
}
const report = runEvaluation(file);
process.stdout.write(formatEvalReport(report, { mistakes: args.includes('--mistakes') }));
process.exitCode = report.goals.every((g) => g.met) ? 0 : 1;
