// `npm run eval`: the analysis measured on REAL news first (our labels of archive items, joined with the news
// archive's text at run time, TEST split; see server/src/modules/analysis/pipeline/evaluate-real.ts), then on the
// set of items we wrote ourselves (trained on its TRAIN split, measured on its TEST split).
// Usage: node tools/eval/eval.cjs [labelled.jsonl] [--mistakes] [--year] [--unjudged <file>] [--office <file>]
//   --year        also analyse the whole archive and count false alarms per month
//   --unjudged F  write the year's flagged items that have no label to F (archive text: keep F outside the repo)
//   --office F    first, the Gò Vấp incident decision against the office's judgements: F is what
//                 `npm run -s cli -- labels export` printed (pipeline/office-judgements.ts)
// Exit code 1 when a goal is missed: the real-news goals when the archive is here, else the written set's.
'use strict';

const fs = require('node:fs');

function runEvalCli(args, { requireFile = false } = {}) {
  require('./ts-hook.cjs');
  const {
    runEvaluation,
    formatEvalReport,
    DEFAULT_LABELLED_PATH,
  } = require('../../server/src/modules/analysis/pipeline/evaluate.ts');
  const real = require('../../server/src/modules/analysis/pipeline/real-set.ts');
  const evalReal = require('../../server/src/modules/analysis/pipeline/evaluate-real.ts');
  const { readLabelledSet } = require('../../server/src/modules/analysis/pipeline/labelled-set.ts');

  const valueOf = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const unjudgedFile = valueOf('--unjudged');
  const officeFile = valueOf('--office');
  const file =
    args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--unjudged' && args[i - 1] !== '--office') ??
    DEFAULT_LABELLED_PATH;
  if (officeFile !== undefined) runOffice(officeFile, args.includes('--mistakes'));
  if (requireFile && !fs.existsSync(file)) {
    process.stderr.write(`error: labelled set not found at ${file}\n`);
    process.exit(1);
  }
  const mistakes = args.includes('--mistakes');
  let realGoalsMet = null;
  if (real.archiveAvailable()) {
    const archive = real.readArchive();
    const report = evalReal.runRealEvaluation({
      archive,
      year: args.includes('--year') || unjudgedFile !== undefined,
      expectedFingerprint: evalReal.expectedFingerprint(readLabelledSet(DEFAULT_LABELLED_PATH), real.readRealLabels()),
    });
    process.stdout.write(evalReal.formatRealReport(report, { mistakes }) + '\n');
    realGoalsMet = report.goals.every((g) => g.met !== false);
    if (unjudgedFile && report.year) {
      fs.writeFileSync(unjudgedFile, report.year.unjudged.map((i) => JSON.stringify(i)).join('\n') + '\n');
      process.stderr.write(`${report.year.unjudged.length} unjudged flagged items written to ${unjudgedFile}\n`);
    }
  } else {
    process.stdout.write(
      `Real-news figures skipped: the news archive is not at ${real.DEFAULT_ARCHIVE_PATH}; only the written set is measured.\n\n`,
    );
  }
  const report = runEvaluation(file);
  process.stdout.write('WRITTEN SET (items we wrote ourselves: a check of the rules, not a headline figure)\n');
  process.stdout.write(formatEvalReport(report, { mistakes }));
  const writtenMet = report.goals.every((g) => g.met);
  process.exitCode = (realGoalsMet ?? writtenMet) ? 0 : 1;
}

/** The office's judgements (`labels export`), scored first: real Gò Vấp items, which the archive lacks. */
function runOffice(officeFile, mistakes) {
  const office = require('../../server/src/modules/analysis/pipeline/office-judgements.ts');
  if (!fs.existsSync(officeFile)) {
    process.stderr.write(`error: --office: no file at ${officeFile}\n`);
    process.exit(2);
  }
  const { items, errors } = office.parseOfficeJudgements(fs.readFileSync(officeFile, 'utf8'));
  if (errors.length > 0) {
    process.stderr.write(errors.map((e) => `error: ${officeFile} ${e}\n`).join(''));
    process.exit(2);
  }
  const decided = office.analyzeJudged(items);
  const report = office.scoreOfficeJudgements(items, (i) => decided.get(i.id) === true);
  process.stdout.write(office.formatOfficeReport(officeFile, report, { mistakes }) + '\n');
}

module.exports = { runEvalCli };

if (require.main === module) runEvalCli(process.argv.slice(2));
