/**
 * The analysis stage for one item: units named (the matcher), tone, category, the incident flag with a proposed
 * severity, and the story the item belongs to. The output shape is the external contract of
 * `npm run -s cli -- analyze` (`terms`, `severityReasons` and unit `spans` are additions).
 *
 * An analyzer is stateful only through its story assignment. By default that is its own clusterer, which remembers
 * the stories of the last few days, so for a given sequence of inputs the outputs are always the same (the CLI makes
 * a fresh analyzer per run). The analysis worker injects `assignStory` instead: its stories are the persisted ones,
 * shared by every instance, and the severity then counts the outlets of the stored story.
 */
import {
  isIncidentCategory,
  NO_CATEGORY,
  toNfc as sharedToNfc,
  type ItemCategory,
  type SentimentLabel,
  type Severity,
} from '@mw/shared';
import { UnitMatcher, type Gazetteer, type UnitMatch } from '../matching/unit-matcher';
import {
  StoryClusterer,
  type AssignStory,
  type StoryClustererOptions,
  type StoryItem,
} from '../stories/story-clusterer';
import { isEnglish } from '../tone/english';
import { SentimentAnalyzer } from '../tone/sentiment-analyzer';
import { CategoryClassifier, ruleScores, topicCues } from '../topic/category-classifier';
import { EducationGate, gatedEducation, gateMayVeto, isEducationItem } from '../topic/education';
import { proposeSeverity } from '../topic/severity';
import { committedModel, itemFeatureIds, itemFeatures, toItemText, type AnalysisModel } from './analysis-model';

export type { Gazetteer };

export interface AnalyzeInput {
  readonly id: string;
  readonly title: string;
  readonly summary?: string;
  readonly content?: string;
  readonly publishedAt?: string;
  readonly outlet?: string;
  readonly sourceUnitCode?: string;
}

export interface AnalyzedUnit {
  readonly code: string;
  readonly name: string;
  readonly confidence: number;
  readonly evidence: string[];
  readonly spans: UnitMatch['spans'];
}

export interface AnalyzeOutput {
  readonly id: string;
  readonly units: AnalyzedUnit[];
  readonly sentiment: { readonly score: number; readonly label: SentimentLabel; readonly terms: string[] };
  /** NO_CATEGORY when the item is not about education (see topic/education.ts). */
  readonly category: ItemCategory;
  /** Whether the item is about education; not part of the `cli analyze` contract. */
  readonly education: boolean;
  readonly incident: boolean;
  readonly severity: Severity | null;
  readonly severityReasons: string[];
  readonly storyId: string;
}

export interface AnalyzerOptions {
  readonly gazetteer: Gazetteer;
  /** Defaults to the committed model trained on the labelled set's TRAIN split. */
  readonly model?: AnalysisModel;
  readonly stories?: StoryClustererOptions;
  /** Story assignment to use instead of the analyzer's own clusterer (then `stories` is ignored). */
  readonly assignStory?: AssignStory;
}

export interface Analyzer {
  analyze(input: AnalyzeInput): AnalyzeOutput;
}

const toNfc = sharedToNfc;

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const matcher = new UnitMatcher(options.gazetteer);
  const model = options.model ?? committedModel();
  const sentiment = new SentimentAnalyzer(model.sentiment, model.params.sentiment, model.sentimentRegression);
  const categories = new CategoryClassifier(model.category, model.params.category);
  const gate =
    model.education && model.params.education && sentiment.classifier
      ? new EducationGate(
          model.education,
          sentiment.classifier,
          model.sentiment.vocab.length,
          model.params.education.threshold,
        )
      : null;
  let assignStory = options.assignStory;
  if (!assignStory) {
    const own = new StoryClusterer(options.stories);
    assignStory = (item) => own.assign(item);
  }
  // Both classifiers are trained on the same documents, so they normally share a vocabulary: encode once.
  const shared =
    sentiment.classifier && categories.classifier && sentiment.classifier.sharesVocabulary(categories.classifier)
      ? sentiment.classifier
      : null;

  return {
    analyze(raw: AnalyzeInput): AnalyzeOutput {
      const title = toNfc(raw.title);
      const summary = toNfc(raw.summary ?? '');
      const content = raw.content ? toNfc(raw.content) : undefined;
      const outlet = raw.outlet ? toNfc(raw.outlet) : undefined;
      const matches = matcher.match({ title, summary, content, outlet, sourceUnitCode: raw.sourceUnitCode });
      const units = matches.map((m) => ({
        code: m.code,
        name: m.name,
        confidence: m.confidence,
        evidence: m.evidence,
        spans: m.spans,
      }));
      const text = toItemText(title, summary, content);
      const features = shared ? itemFeatureIds(text, shared) : itemFeatures(text);
      const rules = ruleScores(text);
      const logProb = categories.logProb(features);
      const english = isEnglish([text.title, text.summary]);
      const tone = sentiment.analyze(text, features, topicCues(rules, logProb), english);
      // The learned gate may veto the cues, never a named Gò Vấp unit nor text without diacritics (topic/education.ts).
      const education = gatedEducation(
        isEducationItem(text, units.length),
        gate !== null && gateMayVeto(text, units.length),
        () => gate?.accepts(features) ?? true,
      );
      const category: ItemCategory = education ? categories.classify(rules, logProb, tone.label, english) : NO_CATEGORY;
      const story = assignStory({
        ...storyItemOf({ id: raw.id, title, summary, publishedAt: raw.publishedAt, outlet, units, category }),
        foldedTitle: text.title.folded,
        foldedText: text.summary.folded,
      });
      const incident = units.length > 0 && isIncidentCategory(category);
      let severity: Severity | null = null;
      let severityReasons: string[] = [];
      if (incident && isIncidentCategory(category)) {
        const proposal = proposeSeverity({
          category,
          texts: [text.title, text.summary, text.content],
          outlets: story.outlets,
        });
        severity = proposal.severity;
        severityReasons = proposal.reasons;
      }
      return {
        id: raw.id,
        units,
        sentiment: { score: tone.score, label: tone.label, terms: tone.terms },
        category,
        education,
        incident,
        severity,
        severityReasons,
        storyId: story.storyId,
      };
    },
  };
}

/**
 * What story grouping reads of an analysed item. The worker rebuilds its stories from stored mentions with this
 * same function, so a replayed mention is compared exactly as it was when first analysed.
 */
export function storyItemOf(item: {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly publishedAt?: string | Date | null;
  readonly outlet?: string | null;
  readonly units: readonly { readonly code: string; readonly name: string }[];
  readonly category: ItemCategory;
}): StoryItem {
  return {
    id: item.id,
    title: item.title,
    text: item.summary,
    publishedAt: item.publishedAt,
    outlet: item.outlet,
    keys: item.units.map((u) => u.code),
    names: item.units.map((u) => u.name),
    topic: isIncidentCategory(item.category) ? item.category : null,
  };
}

export { analyzeJsonLines, type JsonLinesSummary } from './analyze-jsonl';
