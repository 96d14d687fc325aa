// `npm run eval`: trains on the labelled set's TRAIN split and prints precision, recall and F1 on its TEST split.
// Usage: node tools/eval/eval.cjs [labelled.jsonl] [--mistakes]   (exit code 1 when a goal is missed)
// scripts/eval.cjs calls runEvalCli with requireFile, so a missing labelled set is a one-line error there.
'use strict';

const fs = require('node:fs');

function runEvalCli(args, { requireFile = false } = {}) {
  require('./ts-hook.cjs');
  const {
    runEvaluation,
    formatEvalReport,
    DEFAULT_LABELLED_PATH,
  } = require('../../server/src/modules/analysis/pipeline/evaluate.ts');

  const file = args.find((a) => !a.startsWith('--')) ?? DEFAULT_LABELLED_PATH;
  if (requireFile && !fs.existsSync(file)) {
    process.stderr.write(`error: labelled set not found at ${file}\n`);
    process.exit(1);
  }
  const report = runEvaluation(file);
  process.stdout.write(formatEvalReport(report, { mistakes: args.includes('--mistakes') }));
  process.exitCode = report.goals.every((g) => g.met) ? 0 : 1;
}

module.exports = { runEvalCli };

if (require.main === module) runEvalCli(process.argv.slice(2));
