/**
 * Sentiment in [-1, 1] with a label. Two views of the text are stacked: the lexicon (its positive and negative
 * mass after negation, degree and contrast, see tone-scorer.ts) and the naive Bayes classifier's probabilities
 * (flattened by a temperature). A small softmax regression fitted on out-of-fold predictions turns them into
 * class probabilities; the label is the most probable class and the score is P(positive) - P(negative).
 * The lexicon also explains the score through the terms it returns.
 */
import { SentimentLabel } from '@mw/shared';
import { NaiveBayes, type NaiveBayesModel } from './naive-bayes';
import { softmaxProbabilities, type SoftmaxModel } from './softmax-regression';
import { SparseSoftmax, type SparseSoftmaxModel } from './sparse-softmax';
import { isEnglish } from './english';
import { scoreTone, type ToneTerm } from './tone-scorer';
import type { Syllables } from './syllables';

export interface Sentiment {
  readonly score: number;
  readonly label: SentimentLabel;
  /** Lexicon terms that drove the score, strongest first, as written. */
  readonly terms: string[];
}

export interface SentimentTexts {
  readonly title: Syllables;
  readonly summary: Syllables;
  readonly content: Syllables;
}

/** Stacking parameters: the classes are in SENTIMENT_ORDER. */
export interface SentimentParams {
  readonly temperature: number;
  readonly stacker: SoftmaxModel;
  /**
   * Weight of the positive class's probability when the label is chosen (1 when absent). Missing good news costs
   * the office more than listing a neutral item among it, so training picks the weight that lets the good-news
   * queue find most positive items (see analysis-model.ts).
   */
  readonly positiveWeight?: number;
}

export const SENTIMENT_ORDER: readonly SentimentLabel[] = [
  SentimentLabel.Negative,
  SentimentLabel.Neutral,
  SentimentLabel.Positive,
];

export interface LexiconView {
  /** Squashed positive mass in [0, 1). */
  readonly positive: number;
  /** Squashed negative mass in [0, 1). */
  readonly negative: number;
  /** The same for the title alone, which states the news most plainly. */
  readonly titlePositive: number;
  readonly titleNegative: number;
  readonly terms: string[];
  /** Read with the English lexicon (`isEnglish`). */
  readonly english: boolean;
}

/**
 * Topic evidence: the topic rules' keywords, squashed (bad-news topics versus plan themes), and the category
 * classifier's probability of an incident category.
 */
export interface TopicCues {
  readonly incident: number;
  readonly theme: number;
  readonly learnedIncident: number;
}

const TITLE_WEIGHT = 1.5;
const CONTENT_WEIGHT = 0.5;
const LEXICON_SCALE = 3;
/** Without a trained stacker the lexicon decides alone; a net mass this large makes a label. */
const LEXICON_ONLY_THRESHOLD = 0.25;

/** `english`: whether the item is English (`isEnglish` of title and summary), when the caller already knows it. */
export function lexiconView(texts: SentimentTexts, english = isEnglish([texts.title, texts.summary])): LexiconView {
  const found: ToneTerm[] = [];
  let positive = 0;
  let negative = 0;
  let titlePositive = 0;
  let titleNegative = 0;
  for (const [text, weight] of [
    [texts.title, TITLE_WEIGHT],
    [texts.summary, 1],
    [texts.content, CONTENT_WEIGHT],
  ] as const) {
    if (text.folded.length === 0) continue;
    const tone = scoreTone(text, weight, english);
    for (const t of tone.terms) {
      if (t.contribution > 0) positive += t.contribution;
      else negative -= t.contribution;
      if (text === texts.title) {
        if (t.contribution > 0) titlePositive += t.contribution;
        else titleNegative -= t.contribution;
      }
      found.push(t);
    }
  }
  const terms = [
    ...new Set(found.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).map((t) => t.text)),
  ];
  return {
    positive: Math.tanh(positive / LEXICON_SCALE),
    negative: Math.tanh(negative / LEXICON_SCALE),
    titlePositive: Math.tanh(titlePositive / LEXICON_SCALE),
    titleNegative: Math.tanh(titleNegative / LEXICON_SCALE),
    terms: terms.slice(0, 8),
    english,
  };
}

/** Logistic regression probabilities in SENTIMENT_ORDER (zero for a label it never saw). */
export function regressionView(regression: SparseSoftmax, ids: Int32Array): number[] {
  const p = regression.probabilities(ids);
  return SENTIMENT_ORDER.map((label) => {
    const i = regression.labels.indexOf(label);
    return i >= 0 ? p[i] : 0;
  });
}

/** Classifier probabilities in SENTIMENT_ORDER (zero for a label the classifier never saw). */
export function classifierView(
  classifier: NaiveBayes,
  features: readonly string[] | Int32Array,
  temperature: number,
): number[] {
  const p = classifier.posterior(features, temperature);
  return SENTIMENT_ORDER.map((label) => {
    const i = classifier.labels.indexOf(label);
    return i >= 0 ? p[i] : 0;
  });
}

/** The stacker's inputs: lexicon masses and the classifier's (tempered) probabilities. */
export function stackFeatures(lexicon: LexiconView, cues: TopicCues, learned: readonly number[]): number[] {
  return [
    lexicon.positive,
    lexicon.negative,
    lexicon.titlePositive,
    lexicon.titleNegative,
    cues.incident,
    cues.theme,
    cues.learnedIncident,
    ...learned,
  ];
}

export function combineSentiment(
  lexicon: LexiconView,
  cues: TopicCues,
  learned: readonly number[] | null,
  params: SentimentParams | null,
): { score: number; label: SentimentLabel } {
  if (!learned || !params) {
    const net = lexicon.positive - lexicon.negative;
    const label =
      net <= -LEXICON_ONLY_THRESHOLD
        ? SentimentLabel.Negative
        : net >= LEXICON_ONLY_THRESHOLD
          ? SentimentLabel.Positive
          : SentimentLabel.Neutral;
    return { score: Math.round(net * 1000) / 1000, label };
  }
  const p = softmaxProbabilities(params.stacker, stackFeatures(lexicon, cues, learned));
  const weight = params.positiveWeight ?? 1;
  const q = [p[0], p[1], p[2] * weight];
  let best = 0;
  for (let c = 1; c < q.length; c++) if (q[c] > q[best]) best = c;
  return { score: Math.round((p[2] - p[0]) * 1000) / 1000, label: SENTIMENT_ORDER[best] };
}

export class SentimentAnalyzer {
  readonly classifier: NaiveBayes | null;
  private readonly regression: SparseSoftmax | null;

  /** `regression` is read over the naive Bayes model's feature ids; the stacker then takes both views. */
  constructor(
    model: NaiveBayesModel | null,
    private readonly params: SentimentParams | null,
    regression: SparseSoftmaxModel | null = null,
  ) {
    this.classifier = model && model.vocab.length > 0 && params ? new NaiveBayes(model) : null;
    this.regression = this.classifier && regression ? new SparseSoftmax(regression, model?.vocab.length ?? 0) : null;
  }

  analyze(
    texts: SentimentTexts,
    features: readonly string[] | Int32Array,
    cues: TopicCues,
    english?: boolean,
  ): Sentiment {
    const lexicon = lexiconView(texts, english);
    let learned: number[] | null = null;
    // The classifiers learned Vietnamese: on an English item their view is noise (a student's death read as
    // positive), so the English lexicon decides alone.
    if (this.classifier && this.params && !lexicon.english) {
      const ids = features instanceof Int32Array ? features : this.classifier.encode(features);
      learned = classifierView(this.classifier, ids, this.params.temperature);
      if (this.regression) learned.push(...regressionView(this.regression, ids));
    }
    return { ...combineSentiment(lexicon, cues, learned, this.params), terms: lexicon.terms };
  }
}
