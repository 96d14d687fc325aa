// How far a second, blind reading of real items agrees with the committed labels, beside how far the analyzer does
// on the same items (server/src/modules/analysis/pipeline/agreement.ts). The second reading
// (tools/eval/agreement-labels.jsonl: id, education, sentiment, category, note) was made by another annotator from the
// items' text and LABEL-GUIDE.md alone, without seeing the labels or the analyzer.
// Usage:
//   node tools/eval/agreement.cjs                  the figures (needs the news archive; about 60 s)
//   node tools/eval/agreement.cjs --disagreements  also list the items where the readings differ on bad news
//   node tools/eval/agreement.cjs --sample <file>  write the sample's text to <file> (outside the repo) to label
// The analyzer's reading of a TRAIN item is out of fold (seed 0, as cv-real.cjs), of a TEST item the committed
// model's, so no item is read by a model trained on it.
'use strict';

require('./ts-hook.cjs');
const { writeFileSync } = require('node:fs');
const { resolve, relative } = require('node:path');
const agreement = require('../../server/src/modules/analysis/pipeline/agreement.ts');
const { analyzeInOrder, predictionOf } = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
const { committedModel } = require('../../server/src/modules/analysis/pipeline/analysis-model.ts');
const { loadSeedGazetteer } = require('../../server/src/modules/analysis/matching/unit-matcher.ts');
const { requireArchive, joinedRealSet, outOfFold } = require('./out-of-fold.cjs');

requireArchive('the agreement study needs it');
const joined = joinedRealSet();

const sampleAt = process.argv.indexOf('--sample');
if (sampleAt >= 0) {
  const out = process.argv[sampleAt + 1];
  const repo = resolve(__dirname, '../..');
  if (!out || !relative(repo, resolve(out)).startsWith('..')) {
    process.stderr.write('error: --sample takes a file outside the repository (the archive text is never committed)\n');
    process.exit(2);
  }
  const sample = agreement.agreementSample(joined);
  const education = sample.filter((r) => r.education).length;
  process.stderr.write(
    `drawn from ${joined.length} labels (${joined.filter((r) => r.education).length} education): ` +
      `${education} education items and ${sample.length - education} others\n`,
  );
  const lines = sample.map((r) => {
    const { id, outlet, published, title, summary } = r.item;
    return JSON.stringify({ id, outlet, published, title, summary });
  });
  writeFileSync(out, lines.join('\n') + '\n');
  process.stderr.write(`${lines.length} items written to ${out}\n`);
  process.exit(0);
}

const second = new Map(agreement.readSecondReading().map((r) => [r.id, r]));
const sample = joined.filter((r) => second.has(r.id));
if (sample.length !== second.size) {
  process.stderr.write(`error: ${second.size - sample.length} items of the second reading have no label\n`);
  process.exit(1);
}

const inSample = new Set(sample.map((r) => r.id));
const model = new Map();
for (const p of outOfFold(joined, { log: (line) => process.stderr.write(`${line}\n`) }))
  if (inSample.has(p.label.id)) model.set(p.label.id, p.got);
const test = sample.filter((r) => r.split === 'test');
const outputs = analyzeInOrder(
  test.map((r) => r.item),
  loadSeedGazetteer(),
  committedModel(),
);
for (const r of test) model.set(r.id, predictionOf(outputs.get(r.id)));

const weightOf = agreement.stratumWeights(agreement.AGREEMENT_POPULATION, sample);
const pairsOf = (readingOf, weighted) =>
  sample.map((r) => ({ reference: r, other: readingOf(r), weight: weighted ? weightOf(r) : 1 }));
const secondOf = (r) => second.get(r.id);
const modelOf = (r) => agreement.analyzerReading(model.get(r.id));

const f3 = (x) => x.toFixed(3);
const line = (name, s) =>
  `  ${name.padEnd(26)} incident anywhere F1 ${f3(s.incidentAnywhere.f1)} (precision ${f3(s.incidentAnywhere.precision)}, ` +
  `recall ${f3(s.incidentAnywhere.recall)})  at a school ${f3(s.incidentAtSchool.f1)}  sentiment macro-F1 ${f3(s.sentiment.macroF1)} kappa ${f3(s.sentiment.kappa)}` +
  `  education kappa ${f3(s.education.kappa)}  category ${f3(s.category.accuracy)}`;
const education = sample.filter((r) => r.education).length;
console.log(
  `AGREEMENT on ${sample.length} real items (${education} labelled education, ${sample.length - education} not; ` +
    `${test.length} of them TEST), against the committed labels:`,
);
for (const weighted of [false, true]) {
  if (weighted) console.log("weighted back to the labelled set's share of education items:");
  console.log(line('second reading (blind)', agreement.scoreAgreement(pairsOf(secondOf, weighted))));
  console.log(line('analyzer', agreement.scoreAgreement(pairsOf(modelOf, weighted))));
}

if (process.argv.includes('--disagreements')) {
  const bad = (x) => x.education && x.sentiment === 'negative';
  console.log('\nItems where the readings differ on bad education news (labels / second reading / analyzer):');
  for (const r of sample) {
    const s = second.get(r.id);
    if (bad(r) === bad(s)) continue;
    const m = model.get(r.id);
    const show = (x) => `${x.education ? 'edu' : 'not'}/${x.sentiment}/${x.category}`;
    console.log(`  ${r.id} ${r.split}  ${show(r)}  ${show(s)}  ${show(m)}`);
  }
}
