#!/usr/bin/env node
/*
 * Runs the compiled unit matcher over the reference news archive (../shared/reference/news-archive/items.jsonl.gz)
 * and prints its throughput on one core and, per unit, how many archive items it matched, with a few example titles
 * to judge by eye. The archive is third-party text read at run time only; a user's clone does not have it, and then
 * this script says so and exits. Build first: `npm run build` (it loads server/dist and shared/dist).
 *
 *   node tools/seeds/measure-matching.cjs [--rounds N] [--examples N] [--matcher path/to/unit-matcher.js]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '../..');
const ARCHIVE = path.resolve(ROOT, '../shared/reference/news-archive/items.jsonl.gz');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const MATCHER = path.resolve(
  option('--matcher', path.join(ROOT, 'server/dist/modules/analysis/matching/unit-matcher.js')),
);

function main() {
  if (!fs.existsSync(ARCHIVE)) {
    console.log(`The news archive is absent (${ARCHIVE}): nothing to measure. It exists only beside the project's`);
    console.log('development checkout, never in a user clone.');
    return;
  }
  if (!fs.existsSync(MATCHER)) {
    console.error(`Compiled matcher not found at ${MATCHER}: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { UnitMatcher, loadSeedGazetteer } = require(MATCHER);
  const items = zlib
    .gunzipSync(fs.readFileSync(ARCHIVE))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

  const built = process.hrtime.bigint();
  const gazetteer = loadSeedGazetteer();
  const buildMs = Number(process.hrtime.bigint() - built) / 1e6;
  const matcher = new UnitMatcher(gazetteer);
  console.log(
    `${items.length} archive items; gazetteer of ${gazetteer.patternCount} patterns built in ${buildMs.toFixed(0)} ms`,
  );

  const rounds = Number(option('--rounds', 3));
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage();
    for (const item of items) matcher.match({ title: item.title, summary: item.summary, outlet: item.outlet });
    const used = process.cpuUsage(cpu);
    best = Math.max(best, items.length / ((used.user + used.system) / 1e6));
  }
  console.log(`matching alone: ${Math.round(best)} items/s on one core (CPU time, best of ${rounds} rounds)`);

  const examples = Number(option('--examples', 3));
  const byUnit = new Map();
  let matchedItems = 0;
  for (const item of items) {
    const matches = matcher.match({ title: item.title, summary: item.summary, outlet: item.outlet });
    if (matches.length > 0) matchedItems++;
    for (const m of matches) {
      const entry = byUnit.get(m.code) ?? { name: m.name, items: [] };
      entry.items.push({ confidence: m.confidence, title: item.title, evidence: m.evidence });
      byUnit.set(m.code, entry);
    }
  }
  console.log(`${matchedItems} items matched ${byUnit.size} units`);
  for (const [code, entry] of [...byUnit].sort((a, b) => b[1].items.length - a[1].items.length)) {
    console.log(`\n${entry.items.length}\t${code}\t${entry.name}`);
    for (const it of entry.items.slice(0, examples)) {
      console.log(`\t${it.confidence.toFixed(2)}  ${it.title}\n\t      ${it.evidence.join(' · ')}`);
    }
  }
}

main();
