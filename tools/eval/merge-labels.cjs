#!/usr/bin/env node
// Merges annotators' label files into the committed real-set labels (tools/eval/real-labels.jsonl), checking every
// record by the labelling guide (server/src/modules/analysis/pipeline/real-set.ts: labelProblem). Labels are facts
// about archive items keyed by id plus our own short notes: no archive text goes in.
// Usage: node tools/eval/merge-labels.cjs --pool <pool.tsv> [--bucket flagged] <labels.jsonl>...
//   pool.tsv is tools/eval/real-pool.cjs's output (id TAB bucket); --bucket names the bucket of ids not in the pool.
//   Records already in real-labels.jsonl are kept unless a label file relabels the same id.
'use strict';

require('./ts-hook.cjs');
const fs = require('node:fs');
const path = require('node:path');
const { DEFAULT_REAL_LABELS_PATH, labelProblem } = require('../../server/src/modules/analysis/pipeline/real-set.ts');

const FIELDS = [
  'id',
  'bucket',
  'units',
  'office',
  'education',
  'sentiment',
  'category',
  'incident',
  'severity',
  'note',
];

function main(args) {
  const buckets = new Map();
  let fallbackBucket = null;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--pool') {
      for (const line of fs.readFileSync(args[++i], 'utf8').split('\n')) {
        const [id, bucket] = line.trim().split('\t');
        if (id && bucket) buckets.set(id, bucket);
      }
    } else if (args[i] === '--bucket') fallbackBucket = args[++i];
    else files.push(args[i]);
  }
  const unitCodes = new Set(
    fs
      .readFileSync(path.resolve(__dirname, '../../server/src/database/seeds/govap-units.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]),
  );
  const merged = new Map();
  if (fs.existsSync(DEFAULT_REAL_LABELS_PATH)) {
    for (const line of fs.readFileSync(DEFAULT_REAL_LABELS_PATH, 'utf8').split('\n')) {
      if (line.trim()) merged.set(JSON.parse(line).id, JSON.parse(line));
    }
  }
  let problems = 0;
  for (const file of files) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, n) => {
        if (!line.trim()) return;
        const raw = JSON.parse(line);
        const bucket = merged.get(raw.id)?.bucket ?? buckets.get(raw.id) ?? fallbackBucket;
        const record = Object.fromEntries(FIELDS.map((f) => [f, f === 'bucket' ? bucket : raw[f]]));
        if (record.note === undefined) record.note = '';
        const problem = labelProblem(record, unitCodes);
        if (problem) {
          problems++;
          process.stderr.write(`${file}:${n + 1}: ${raw.id}: ${problem}\n`);
          return;
        }
        merged.set(record.id, record);
      });
  }
  const out = [...merged.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  fs.writeFileSync(DEFAULT_REAL_LABELS_PATH, out.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stderr.write(`${out.length} labels in ${DEFAULT_REAL_LABELS_PATH}; ${problems} records refused\n`);
  return problems === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
