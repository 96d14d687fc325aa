#!/usr/bin/env node
// Selects, deterministically, the archive items that make up the real evaluation pool (issue 13): every item a loose
// search ties to Gò Vấp, items naming a school whose name a Gò Vấp unit also bears, a sample of education news
// (positive and negative cues oversampled) and off-topic items holding ordinary words that are kindergarten names.
// Reads the archive at run time (never committed) and prints one archive id per line with the reason it was taken.
// Usage: node tools/eval/real-pool.cjs [--round 2|3|4|test] [archive.jsonl.gz]
//   --round 2: the second round, training data only: per bucket, the next items by the same rank after the first
//   round's, keeping only those the real set's id-hash split puts in TRAIN, so the TEST split stays as it was.
//   --round 3, --round 4: training data only too: the TRAIN items after the earlier rounds', by the same rank.
//   --round test: TEST-split items only (bucket test_extra), the next negative and education ones after the first
//   round's by the same rank: measuring data, never trained on.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { createHash } = require('node:crypto');
require('./ts-hook.cjs');
const {
  DEFAULT_REAL_LABELS_PATH,
  readRealLabels,
  realSplitOf,
} = require('../../server/src/modules/analysis/pipeline/real-set.ts');

// Beside the checkout (../shared/...), or at the nearest ancestor holding it (a nested git worktree); NEWS_ARCHIVE
// wins.
function findArchive() {
  if (process.env.NEWS_ARCHIVE) return path.resolve(process.env.NEWS_ARCHIVE);
  const inShared = 'shared/reference/news-archive/items.jsonl.gz';
  for (let dir = path.resolve(__dirname, '../../..'); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, inShared))) return path.join(dir, inShared);
    if (dir === path.dirname(dir)) return path.resolve(__dirname, '../../..', inShared);
  }
}
const ARCHIVE = findArchive();
const UNITS = path.resolve(__dirname, '../../server/src/database/seeds/govap-units.csv');

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const rank = (id) => createHash('sha1').update(`pool:${id}`).digest('hex');

function unitCores() {
  const lines = fs.readFileSync(UNITS, 'utf8').trim().split('\n').slice(1);
  const cores = new Set();
  for (const line of lines) {
    const name = line.split(',')[1] ?? '';
    const core = fold(name)
      .replace(/\(cl\)/g, '')
      .replace(/^(truong|lop|nhom|trung tam)\s+/, '')
      .replace(
        /^(thcs|thpt|th|mn|mg|mau giao|mam non|tieu hoc|trung hoc co so|trung hoc pho thong|nhom tre|lop mau giao)\s+/,
        '',
      )
      .replace(/\s+/g, ' ')
      .trim();
    if (core.split(' ').length >= 2) cores.add(core);
  }
  return [...cores];
}

const GOVAP = /\b(go vap|q\.?\s?gv|an hoi tay|an hoi dong|hanh thong|thong tay hoi|an nhon)\b/;
const SCHOOL = /\b(truong|mam non|mau giao|tieu hoc|thcs|thpt|hoc sinh|giao vien|hieu truong|phu huynh)\b/;
const POSITIVE =
  /\b(khen thuong|vinh danh|dat giai|huy chuong|thu khoa|tuyen duong|xuat sac|hoc bong|guong sang|giai nhat|sang tao|tan tuy|nghia cu|bang khen)\b/;
const NEGATIVE =
  /\b(bao luc|danh|ngo doc|tai nan|xam hai|bao hanh|lam thu|tu vong|bi thuong|dam|sap|chay|te nga|duoi nuoc|ky luat|tieu cuc|gian lan|chong)\b/;
const ORDINARY =
  /\b(sao viet|be tho|hoa mai|hoa sen|anh duong|vang anh|son ca|hoa hong|tuoi tho|binh minh|ban mai|thien than|tuoi ngoc)\b/;

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--round');
  const given = at >= 0 ? args.splice(at, 2)[1] : '1';
  const testRound = given === 'test';
  const round = testRound ? 0 : Number(given);
  if (!testRound && (!Number.isInteger(round) || round < 1 || round > 4)) {
    process.stderr.write('--round takes 1, 2, 3, 4 or test\n');
    process.exit(2);
  }
  const file = args[0] ?? ARCHIVE;
  if (!fs.existsSync(file)) {
    process.stderr.write(`The news archive is not here (${file}); the real pool needs it.\n`);
    process.exit(2);
  }
  const cores = unitCores();
  const sameName = new RegExp(
    `\\b(truong|thcs|thpt|tieu hoc|th|mam non|mn|mau giao) (${cores.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`,
  );
  const buckets = { govap: [], same_name: [], positive: [], negative: [], education: [], ordinary: [] };
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  for (const line of lines) {
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    const text = fold(`${item.title} ${item.summary ?? ''}`);
    if (GOVAP.test(text)) buckets.govap.push(item.id);
    else if (sameName.test(text)) buckets.same_name.push(item.id);
    else if (SCHOOL.test(text) && POSITIVE.test(text)) buckets.positive.push(item.id);
    else if (SCHOOL.test(text) && NEGATIVE.test(text)) buckets.negative.push(item.id);
    else if (SCHOOL.test(text)) buckets.education.push(item.id);
    else if (ORDINARY.test(text)) buckets.ordinary.push(item.id);
  }
  const take = { govap: Infinity, same_name: 200, positive: 400, negative: 300, education: 250, ordinary: 60 };
  // Rounds 2 onwards: per bucket, how many TRAIN-split items each round takes after the earlier rounds' (same rank).
  const later = [
    { govap: 0, same_name: 150, positive: 350, negative: 300, education: 250, ordinary: 0 },
    { govap: 0, same_name: 0, positive: 0, negative: 200, education: 600, ordinary: 200 },
    { govap: 0, same_name: 0, positive: 0, negative: 300, education: 700, ordinary: 0 },
  ];
  // The TEST round: per bucket, the next TEST-split items after the first round's by the same rank, so TEST holds bad
  // news at school in numbers its F1 can be read on. Items labelled already in another bucket (the year run's
  // flagged ones) are passed over; the round's own labels are not, so a later run prints the same items.
  const testTake = { govap: 0, same_name: 0, positive: 0, negative: 300, education: 300, ordinary: 0 };
  const labelledElsewhere = testRound
    ? new Set(readRealLabels(DEFAULT_REAL_LABELS_PATH).flatMap((l) => (l.bucket === 'test_extra' ? [] : [l.id])))
    : new Set();
  for (const [bucket, ids] of Object.entries(buckets)) {
    const ranked = [...new Set(ids)].sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
    if (testRound) {
      const test = ranked.slice(take[bucket]).filter((id) => realSplitOf(id) === 'test' && !labelledElsewhere.has(id));
      const chosen = test.slice(0, testTake[bucket]);
      process.stderr.write(`${bucket}: ${chosen.length} of ${ids.length}\n`);
      for (const id of chosen) process.stdout.write(`${id}\ttest_extra\n`);
      continue;
    }
    const train = ranked.slice(take[bucket]).filter((id) => realSplitOf(id) === 'train');
    const before = later.slice(0, round - 2).reduce((n, r) => n + r[bucket], 0);
    const chosen = round === 1 ? ranked.slice(0, take[bucket]) : train.slice(before, before + later[round - 2][bucket]);
    process.stderr.write(`${bucket}: ${chosen.length} of ${ids.length}\n`);
    for (const id of chosen) process.stdout.write(`${id}\t${round === 1 ? bucket : 'train_extra'}\n`);
  }
}

main();
