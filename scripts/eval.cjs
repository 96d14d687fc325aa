#!/usr/bin/env node
// `npm run eval [-- <labelled.jsonl>] [-- --mistakes]`: trains the analysis models on the labelled set's TRAIN split
// and prints per-label precision, recall and F1 (units, incident, sentiment, category) on its TEST split, with the
// goals of issue 4. Runs the TypeScript sources directly (no build needed); exit code 1 when a goal is missed.
'use strict';

const { runEvalCli } = require('../tools/eval/eval.cjs');

runEvalCli(process.argv.slice(2), { requireFile: true });
