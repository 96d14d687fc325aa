/**
 * The analyzer as an analysis batch uses it: step 1 analyses each item with a provisional story of its own and keeps
 * what story grouping will read of it; step 2 analyses an incident again with the story it was given. Pure, so the
 * same code runs on the event loop and on the analysis threads.
 */
import { StoryClusterer, type StoryAssignment, type StoryFeatures, type StoryItem } from '../stories/story-clusterer';
import { provisionalStory } from '../store/mention-rows';
import { createAnalyzer, type AnalyzeInput, type AnalyzeOutput, type Analyzer, type Gazetteer } from './analyze-item';

/** An item after step 1. */
export interface ProvisionalAnalysis {
  out: AnalyzeOutput;
  /** What story grouping reads of the item, without its folded syllables (the features below hold what they say). */
  storyItem: StoryItem;
  /**
   * What story grouping compares, computed here: on a thread this is work the event loop does not do, and the
   * features cross to it smaller than the syllables they are made of.
   */
  storyFeatures: StoryFeatures;
  /** The outlets the provisional story counted (an incident's severity read them). */
  provisionalOutlets: number;
}

/** Step 1's answer for one item: its analysis, or why it failed (an Error does not cross a thread whole). */
export type ProvisionalResult = ({ ok: true } & ProvisionalAnalysis) | { ok: false; message: string };

export class StoryAwareAnalyzer {
  private readonly analyzer: Analyzer;
  private assign: (item: StoryItem) => StoryAssignment = provisionalStory;

  constructor(gazetteer: Gazetteer) {
    this.analyzer = createAnalyzer({ gazetteer, assignStory: (item) => this.assign(item) });
  }

  /** Step 1 for one item. Throws what the analysis throws. */
  provisional(input: AnalyzeInput): ProvisionalAnalysis {
    let noted: { item: StoryItem; outlets: number } | undefined;
    this.assign = (storyItem) => {
      const provisional = provisionalStory(storyItem);
      noted = { item: storyItem, outlets: provisional.outlets };
      return provisional;
    };
    try {
      const out = this.analyzer.analyze(input);
      if (!noted) throw new Error('the analyzer assigned no story');
      const { foldedTitle: _title, foldedText: _text, ...storyItem } = noted.item;
      return {
        out,
        storyItem,
        storyFeatures: StoryClusterer.features(noted.item),
        provisionalOutlets: noted.outlets,
      };
    } finally {
      this.assign = provisionalStory;
    }
  }

  /** Step 1 for several items, each failure kept as that item's answer. */
  provisionalAll(inputs: readonly AnalyzeInput[]): ProvisionalResult[] {
    return inputs.map((input) => this.tryProvisional(input));
  }

  tryProvisional(input: AnalyzeInput): ProvisionalResult {
    try {
      return { ok: true, ...this.provisional(input) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The item analysed with the story it was assigned (step 2, for an incident whose story counts other outlets). */
  withAssignment(input: AnalyzeInput, assignment: StoryAssignment): AnalyzeOutput {
    this.assign = () => assignment;
    try {
      return this.analyzer.analyze(input);
    } finally {
      this.assign = provisionalStory;
    }
  }
}
