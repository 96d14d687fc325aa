/**
 * Chooses the item's category: an incident category for bad news, a communications-plan theme otherwise.
 * Keyword rules and the trained classifier vote together: the rules' summed weights plus the classifier's
 * log-probability times a weight tuned by cross-validation (naive Bayes is overconfident on short texts, so
 * the weight is usually well below one), both restricted to the family that the sentiment allows.
 */
import {
  INCIDENT_CATEGORIES,
  isIncidentCategory,
  PLAN_THEMES,
  PlanTheme,
  SentimentLabel,
  type Category,
} from '@mw/shared';
import { NaiveBayes, type NaiveBayesModel } from '../tone/naive-bayes';
import { PhraseIndex } from '../tone/phrase-index';
import type { TopicCues } from '../tone/sentiment-analyzer';
import type { Syllables } from '../tone/syllables';
import { CATEGORY_RULES, type CategoryRule } from './category-rules';

export interface CategoryTexts {
  readonly title: Syllables;
  readonly summary: Syllables;
  readonly content: Syllables;
}

export interface CategoryEvidence {
  /** Summed rule weight per category that any rule supports. */
  readonly rules: ReadonlyMap<Category, number>;
  /** Classifier log-probability per category, empty without a classifier. */
  readonly logProb: ReadonlyMap<Category, number>;
}

const TITLE_RULE_BOOST = 1.5;
const CONTENT_RULE_BOOST = 0.5;

const rules = new PhraseIndex<CategoryRule>(CATEGORY_RULES, { looseInUnaccented: true });
/** A strict keyword seen without diacritics counts for less (see tone/phrase-index.ts). */
const LOOSE = 0.5;

export function ruleScores(texts: CategoryTexts): Map<Category, number> {
  const score = new Map<Category, number>();
  for (const [text, boost] of [
    [texts.title, TITLE_RULE_BOOST],
    [texts.summary, 1],
    [texts.content, CONTENT_RULE_BOOST],
  ] as const) {
    for (const m of rules.findLongest(text)) {
      const weight = m.loose ? m.entry.weight * LOOSE : m.entry.weight;
      score.set(m.entry.category, (score.get(m.entry.category) ?? 0) + weight * boost);
    }
  }
  return score;
}

const RULE_SCALE = 5;

/**
 * How strongly the keywords point at bad-news topics versus plan themes, each squashed into [0, 1), and how much
 * probability the category classifier puts on the incident categories (0 without a classifier). The sentiment
 * stacker reads all three: whether an item is bad news is as much a matter of topic as of tone words.
 */
export function topicCues(
  rules: ReadonlyMap<Category, number>,
  logProb: ReadonlyMap<Category, number> = new Map(),
): TopicCues {
  let incident = 0;
  let theme = 0;
  for (const [c, w] of rules) {
    if (isIncidentCategory(c)) incident = Math.max(incident, w);
    else theme = Math.max(theme, w);
  }
  let learnedIncident = 0;
  for (const [c, lp] of logProb) if (isIncidentCategory(c)) learnedIncident += Math.exp(lp);
  return {
    incident: Math.tanh(incident / RULE_SCALE),
    theme: Math.tanh(theme / RULE_SCALE),
    learnedIncident: Math.min(1, learnedIncident),
  };
}

export interface CategoryParams {
  /** Weight of the classifier's log-probability against one unit of rule weight. */
  readonly classifierWeight: number;
  /** Head start of "other" over the themes: a theme must earn this much keyword evidence to win. */
  readonly otherBonus: number;
}

export const DEFAULT_CATEGORY_PARAMS: CategoryParams = { classifierWeight: 0.3, otherBonus: 0 };

/**
 * The best category of the family the sentiment label allows: bad news gets an incident category, anything
 * else a plan theme. (Deciding label and category jointly was tried; it let a negated "không phát hiện lạm
 * thu" turn bad news, so the label, which agrees with the score's sign, decides the family.)
 */
export function chooseCategory(
  evidence: CategoryEvidence,
  sentiment: SentimentLabel,
  params: CategoryParams,
): Category {
  const negative = sentiment === SentimentLabel.Negative;
  const allowed: readonly Category[] = negative ? INCIDENT_CATEGORIES : PLAN_THEMES;
  let best: Category = negative ? allowed[0] : PlanTheme.Other;
  let bestScore = -Infinity;
  for (const c of allowed) {
    const s =
      (evidence.rules.get(c) ?? 0) +
      (c === PlanTheme.Other ? params.otherBonus : 0) +
      params.classifierWeight * (evidence.logProb.get(c) ?? (evidence.logProb.size ? -20 : 0));
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  // Without a classifier, a theme needs a rule behind it; anything else is "other".
  if (evidence.logProb.size === 0 && !negative && !evidence.rules.has(best)) best = PlanTheme.Other;
  return best;
}

export class CategoryClassifier {
  readonly classifier: NaiveBayes | null;

  constructor(
    model: NaiveBayesModel | null,
    private readonly params: CategoryParams = DEFAULT_CATEGORY_PARAMS,
  ) {
    this.classifier = model && model.vocab.length > 0 ? new NaiveBayes(model) : null;
  }

  /** Classifier log-probability per category, empty without a classifier. */
  logProb(features: readonly string[] | Int32Array): Map<Category, number> {
    const logProb = new Map<Category, number>();
    if (this.classifier) {
      const p = this.classifier.posterior(features);
      this.classifier.labels.forEach((label, i) => logProb.set(label as Category, Math.log(p[i] + 1e-9)));
    }
    return logProb;
  }

  /**
   * `rules` from ruleScores() and `logProb` from logProb(), each computed once per item by the caller (the
   * sentiment reads them too).
   */
  classify(
    rules: ReadonlyMap<Category, number>,
    logProb: ReadonlyMap<Category, number>,
    sentiment: SentimentLabel,
    english = false,
  ): Category {
    // The classifier learned from Vietnamese text: on an English item it reads only names and numbers, so the English
    // keywords decide whenever one of them supports a category of the allowed family.
    if (english && hasFamilyRule(rules, sentiment))
      return chooseCategory({ rules, logProb: new Map() }, sentiment, this.params);
    return chooseCategory({ rules, logProb }, sentiment, this.params);
  }
}

function hasFamilyRule(rules: ReadonlyMap<Category, number>, sentiment: SentimentLabel): boolean {
  const negative = sentiment === SentimentLabel.Negative;
  for (const [c, w] of rules) if (w > 0 && isIncidentCategory(c) === negative) return true;
  return false;
}
