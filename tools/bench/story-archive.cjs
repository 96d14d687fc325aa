// Runs the story clusterer over the real news archive (../shared/reference/news-archive/items.jsonl.gz, not part
// of the project) in publication order and reports how many stories it forms, how many span several outlets,
// and throughput. With --samples N it prints N multi-outlet stories to eyeball; nothing is written to disk.
// Usage: node tools/bench/story-archive.cjs [--samples 20] [--limit 50000]
'use strict';

require('../eval/ts-hook.cjs');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { StoryClusterer } = require('../../server/src/modules/analysis/stories/story-clusterer.ts');

const archive = path.resolve(__dirname, '../../../shared/reference/news-archive/items.jsonl.gz');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const samples = arg('--samples', 0);
const limit = arg('--limit', Infinity);

if (!fs.existsSync(archive)) {
  console.log(`News archive not found at ${archive}: story grouping was not measured.`);
  process.exit(0);
}

const items = zlib
  .gunzipSync(fs.readFileSync(archive))
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l))
  .map((o) => ({
    ...o,
    outlet: o.outlet.startsWith('VnExpress') ? 'VnExpress' : o.outlet,
    time: Date.parse(o.published),
  }))
  .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1))
  .slice(0, limit);

const clusterer = new StoryClusterer();
const stories = new Map();
const started = process.hrtime.bigint();
let maxLive = 0;
for (const item of items) {
  const s = clusterer.assign({
    id: item.id,
    title: item.title,
    text: item.summary,
    publishedAt: item.published,
    outlet: item.outlet,
  });
  let entry = stories.get(s.storyId);
  if (!entry) stories.set(s.storyId, (entry = []));
  entry.push(item);
  maxLive = Math.max(maxLive, clusterer.stats().liveStories);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const sizes = [...stories.values()].map((v) => v.length);
const multi = [...stories.values()].filter((v) => v.length > 1);
const crossOutlet = multi.filter((v) => new Set(v.map((i) => i.outlet)).size > 1);
const sameOutletOnly = multi.length - crossOutlet.length;
const hist = {};
for (const n of sizes) hist[n > 5 ? '6+' : n] = (hist[n > 5 ? '6+' : n] ?? 0) + 1;
console.log(`items ${items.length}, stories ${stories.size}, grouped items ${items.length - stories.size}`);
console.log(
  `stories with >1 item ${multi.length} (across outlets ${crossOutlet.length}, one outlet only ${sameOutletOnly})`,
);
console.log(`size histogram ${JSON.stringify(hist)}, largest ${Math.max(...sizes)}`);
console.log(`max live stories ${maxLive}, ${Math.round(items.length / seconds)} items/s`);
if (samples > 0) {
  const pick = crossOutlet
    .filter((_, i) => i % Math.max(1, Math.floor(crossOutlet.length / samples)) === 0)
    .slice(0, samples);
  for (const story of pick) {
    console.log('---');
    for (const i of story) console.log(`  [${i.outlet}] ${i.published.slice(0, 16)} ${i.title}`);
  }
}
