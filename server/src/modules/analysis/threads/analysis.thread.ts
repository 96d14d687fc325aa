/**
 * The thread side of `AnalysisPool`: step 1 of an analysis batch. A thread builds its gazetteer from the unit rows
 * sent with each task, once per version of them (≈ 0.4 s), and keeps its analyzer while the version stays.
 */
import type { AnalyzeInput } from '../pipeline/analyze-item';
import { StoryAwareAnalyzer, type ProvisionalResult } from '../pipeline/story-aware-analyzer';
import { buildUnitsGazetteer, type UnitForGazetteer } from '../units-gazetteer';

export interface AnalyseTask {
  /** The units' fingerprint (`unitsFingerprint`). */
  version: string;
  units: UnitForGazetteer[];
  inputs: AnalyzeInput[];
}

let current: { version: string; analyzer: StoryAwareAnalyzer } | undefined;

export default function run(task: AnalyseTask): ProvisionalResult[] {
  if (current?.version !== task.version) {
    current = { version: task.version, analyzer: new StoryAwareAnalyzer(buildUnitsGazetteer(task.units)) };
  }
  return current.analyzer.provisionalAll(task.inputs);
}
