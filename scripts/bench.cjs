#!/usr/bin/env node
// `npm run bench [-- <name> [items]]`: throughput benchmarks, figures on stdout. With no name every bench runs.
//   analyze  the analysis stage over the labelled TEST split repeated to 10,000 items (goal >= 3,000 items/s)
//   ingest   feed parsing and storage into a real PostgreSQL (DATABASE_URL, else a temporary embedded one)
//   report   the leadership report and its PDF over a year of stored coverage (100,000 mentions; goals < 2 s, < 5 s)
// Runs the TypeScript sources directly (no build needed).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
require('../tools/eval/ts-hook.cjs');

const root = path.resolve(__dirname, '..');
const INGEST = path.join(root, 'server/src/modules/sources/ingest.bench.ts');

const BENCHES = {
  analyze: {
    summary: 'analysis stage (units, tone, topic, stories), items/s on one core',
    run: async (items) => {
      const { runAnalyzeBench } = require('../server/src/modules/analysis/pipeline/analyze.bench.ts');
      runAnalyzeBench(items);
    },
  },
  ingest: {
    summary: 'feed parsing and storage, items/s',
    run: async (items) => {
      if (!fs.existsSync(INGEST)) {
        process.stdout.write('ingest: bench not available (server/src/modules/sources/ingest.bench.ts is absent)\n');
        return;
      }
      const { runIngestBench } = require(INGEST);
      await runIngestBench(items === undefined ? {} : { items });
    },
  },
  report: {
    summary: 'weekly report and its PDF over 100,000 stored mentions, seconds',
    run: async (items) => {
      const { runReportBench } = require('../server/src/modules/reports/bench/report.bench.ts');
      await runReportBench(items === undefined ? {} : { mentions: items });
    },
  },
};

async function main() {
  const [name, count] = process.argv.slice(2);
  const items = count === undefined ? undefined : Number(count);
  if (items !== undefined && !(Number.isInteger(items) && items > 0)) {
    process.stderr.write(`error: the item count must be a positive integer (got "${count}")\n`);
    return 1;
  }
  if (name !== undefined && !BENCHES[name]) {
    const list = Object.entries(BENCHES)
      .map(([n, b]) => `  ${n.padEnd(10)} ${b.summary}`)
      .join('\n');
    process.stderr.write(`error: unknown bench "${name}"\nusage: npm run bench [-- <name> [items]]\n${list}\n`);
    return 1;
  }
  for (const bench of name ? [name] : Object.keys(BENCHES)) await BENCHES[bench].run(items);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.stack || err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
