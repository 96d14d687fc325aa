#!/usr/bin/env node
// `npm run bench [-- <name> [items]]`: throughput benchmarks, figures on stdout. With no name every bench runs.
//   analyze  the analysis stage over the labelled TEST split repeated to 10,000 items (goal >= 3,000 items/s)
//   ingest   feed parsing and storage into a real PostgreSQL (DATABASE_URL, else a temporary embedded one)
//   report   the leadership report and its PDF over a year of stored coverage (100,000 mentions; goals < 2 s, < 5 s)
//   pipeline a year of weekly feeds (the news archive, else generated) through the compiled server: fetch+parse,
//            store, analyse and intake rates (goal >= 3,000 items/s, the year in under 90 s); --instances N,
//            --cpu-prof DIR (each server writes a V8 CPU profile there), --pg-stats (PostgreSQL's costliest
//            statements, from pg_stat_statements, and the WAL written), --pg name=value (a setting of the embedded
//            PostgreSQL, repeatable: to try one before the product takes it)
//   stall    event-loop delay while a poll parses the largest feed and article pages the caps allow, on the event
//            loop and on the server's worker threads
// Runs the TypeScript sources directly (no build needed), except pipeline, which builds the server when stale.
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
  pipeline: {
    summary: 'a year of feeds through the running server: fetch+parse, store, analyse, intake, items/s',
    run: async (items, flags) => {
      const { ensureServerBuilt } = require('./build-server.cjs');
      ensureServerBuilt();
      const { runPipelineBench } = require('../server/src/modules/sources/bench/pipeline.bench.ts');
      await runPipelineBench({
        items,
        instances: flags.instances,
        cpuProfileDir: flags.cpuProfileDir,
        pgStats: flags.pgStats,
        pgSettings: flags.pgSettings,
      });
    },
  },
  stall: {
    summary: 'event-loop delay while a poll parses the largest feed and pages the caps allow, ms',
    run: async () => {
      const { runStallBench } = require('../server/src/modules/sources/bench/stall.bench.ts');
      await runStallBench();
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
  const args = process.argv.slice(2);
  const flags = {};
  const at = args.indexOf('--instances');
  if (at >= 0) {
    flags.instances = Number(args[at + 1]);
    if (!(Number.isInteger(flags.instances) && flags.instances > 0 && flags.instances <= 8)) {
      process.stderr.write(`error: --instances takes a whole number from 1 to 8 (got "${args[at + 1]}")\n`);
      return 1;
    }
    args.splice(at, 2);
  }
  const prof = args.indexOf('--cpu-prof');
  if (prof >= 0) {
    flags.cpuProfileDir = path.resolve(args[prof + 1] ?? '');
    args.splice(prof, 2);
  }
  const stats = args.indexOf('--pg-stats');
  if (stats >= 0) {
    flags.pgStats = true;
    args.splice(stats, 1);
  }
  for (let at = args.indexOf('--pg'); at >= 0; at = args.indexOf('--pg')) {
    const setting = /^([a-z_.]+)=(.+)$/.exec(args[at + 1] ?? '');
    if (!setting) {
      process.stderr.write(`error: --pg takes name=value, a PostgreSQL setting (got "${args[at + 1]}")\n`);
      return 1;
    }
    flags.pgSettings = { ...flags.pgSettings, [setting[1]]: setting[2] };
    args.splice(at, 2);
  }
  const [name, count] = args;
  const items = count === undefined ? undefined : Number(count);
  if (items !== undefined && !(Number.isInteger(items) && items > 0)) {
    process.stderr.write(`error: the item count must be a positive integer (got "${count}")\n`);
    return 1;
  }
  if (name !== undefined && !BENCHES[name]) {
    const list = Object.entries(BENCHES)
      .map(([n, b]) => `  ${n.padEnd(10)} ${b.summary}`)
      .join('\n');
    process.stderr.write(
      `error: unknown bench "${name}"\nusage: npm run bench [-- <name> [items] [--instances N] [--cpu-prof DIR] [--pg-stats] [--pg name=value]...]\n${list}\n`,
    );
    return 1;
  }
  for (const bench of name ? [name] : Object.keys(BENCHES)) await BENCHES[bench].run(items, flags);
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
