/**
 * Throughput of the analysis stage: the labelled set's TEST split repeated to 10,000 items (each repetition
 * moved a week later, so copies form new stories as real news would), analysed one by one on one core with the
 * seed gazetteer (all 231 units plus the other districts' same-name schools) and the committed model.
 * Run: node tools/bench/analyze-bench.cjs
 */
import { loadSeedGazetteer } from '../matching/unit-matcher';
import { createAnalyzer, type AnalyzeInput } from './analyze-item';
import { DEFAULT_LABELLED_PATH } from './evaluate';
import { readLabelledSet } from './labelled-set';

export interface AnalyzeBenchResult {
  readonly items: number;
  readonly seconds: number;
  readonly itemsPerSecond: number;
  /** Items per second of this process's own CPU time: steadier than wall time on a shared machine. */
  readonly itemsPerCpuSecond: number;
  readonly units: number;
}

const WEEK_MS = 7 * 24 * 3_600_000;

export function runAnalyzeBench(total = 10_000, labelledPath = DEFAULT_LABELLED_PATH): AnalyzeBenchResult {
  const base = readLabelledSet(labelledPath).filter((i) => i.split === 'test');
  if (base.length === 0) throw new Error(`no TEST items in ${labelledPath}`);
  const inputs: AnalyzeInput[] = [];
  for (let k = 0; inputs.length < total; k++) {
    for (const item of base) {
      if (inputs.length >= total) break;
      inputs.push({
        id: `${item.id}-${k}`,
        title: item.title,
        summary: item.summary,
        content: item.content,
        outlet: item.outlet,
        publishedAt: new Date(Date.parse(item.publishedAt) + k * WEEK_MS).toISOString(),
      });
    }
  }
  const gazetteer = loadSeedGazetteer();
  const analyzer = createAnalyzer({ gazetteer });
  // Warm-up so the figure measures steady state, not JIT compilation.
  const warm = createAnalyzer({ gazetteer });
  for (const input of inputs.slice(0, 500)) warm.analyze(input);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let units = 0;
  for (const input of inputs) units += analyzer.analyze(input).units.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const result = {
    items: inputs.length,
    seconds,
    itemsPerSecond: inputs.length / seconds,
    itemsPerCpuSecond: inputs.length / cpuSeconds,
    units,
  };
  process.stdout.write(
    `analyze: ${result.items} items in ${seconds.toFixed(2)} s = ${Math.round(result.itemsPerSecond)} items/s wall, ` +
      `${Math.round(result.itemsPerCpuSecond)} items/s of CPU (goal >= 3000); ` +
      `${gazetteer.units.size} units in the gazetteer, ${units} unit matches\n`,
  );
  return result;
}
