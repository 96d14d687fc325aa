// `npm run eval`: trains on the labelled set's TRAIN split and prints precision, recall and F1 on its TEST split.
// Usage: node tools/eval/eval.cjs [labelled.jsonl] [--mistakes]   (exit code 1 when a goal is missed)
'use strict';

require('./ts-hook.cjs');
const {
  runEvaluation,
  formatEvalReport,
  DEFAULT_LABELLED_PATH,
} = require('../../server/src/modules/analysis/pipeline/evaluate.ts');

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? DEFAULT_LABELLED_PATH;
const report = runEvaluation(file);
process.stdout.write(formatEvalReport(report, { mistakes: args.includes('--mistakes') }));
process.exitCode = report.goals.every((g) => g.met) ? 0 : 1;
