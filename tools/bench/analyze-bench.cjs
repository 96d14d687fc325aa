// Analysis throughput benchmark (see server/src/modules/analysis/pipeline/analyze.bench.ts).
// Usage: node tools/bench/analyze-bench.cjs [items]
'use strict';

require('../eval/ts-hook.cjs');
const { runAnalyzeBench } = require('../../server/src/modules/analysis/pipeline/analyze.bench.ts');

runAnalyzeBench(process.argv[2] ? Number(process.argv[2]) : undefined);
