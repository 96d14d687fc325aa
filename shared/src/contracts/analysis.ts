import type { Category, ItemCategory, SentimentLabel, Severity } from '../enums/analysis';

/** Where a unit's name was found in an item: field and character range in its NFC text. */
export interface MatchSpanView {
  field: 'title' | 'summary' | 'content';
  start: number;
  end: number;
  text: string;
}

/** A unit an item is about, with the reasons it was matched ("why matched"). */
export interface MentionUnitView {
  code: string;
  name: string;
  /** In [0, 1]. */
  confidence: number;
  evidence: string[];
  spans: MatchSpanView[];
}

export interface SentimentView {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
  /** Lexicon terms that drove the score. */
  terms: string[];
}

/** One analysed feed item. */
export interface MentionView {
  id: string;
  itemId: string;
  title: string;
  summary: string;
  url: string;
  outlet: string;
  publishedAt: string | null;
  units: MentionUnitView[];
  unitCodes: string[];
  sentiment: SentimentView;
  /** NO_CATEGORY ('none') when the item is not about education. */
  category: ItemCategory;
  incident: boolean;
  severity: Severity | null;
  severityReasons: string[];
  storyId: string;
  reachWeight: number;
  analysedAt: string;
  /**
   * The source that carried the item, for "why is this listed" when it names no unit: its kind ('rss', 'html',
   * 'social', 'search') and, for a search, the queries it watches. Absent where the list does not say.
   */
  listedBy?: { source: string; kind: string; queries: string[] } | null;
}

/**
 * Query of GET /api/mentions. `from`/`to` are ISO times on the publication time (fetch time when unknown). `q` searches
 * titles and summaries ignoring diacritics and case ("phan tay ho" finds "Phan Tây Hồ"), best matches first; `outlet`
 * is an outlet's name as mentions carry it (see GET /api/mentions/outlets).
 */
export interface MentionListQuery {
  q?: string;
  outlet?: string;
  unit?: string;
  sentiment?: SentimentLabel;
  category?: Category;
  incident?: boolean;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** An outlet with how many of the caller's mentions it carried (GET /api/mentions/outlets, most first). */
export interface OutletCount {
  outlet: string;
  mentions: number;
}

/** The same event told by one or more outlets. */
export interface StoryView {
  id: string;
  key: string;
  title: string;
  firstOutlet: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  mentionCount: number;
  outlets: string[];
  unitCodes: string[];
}

/** How a story spread: mentions and outlets per hour since it was first seen. */
export interface StorySpreadPoint {
  /** Start of the hour (ISO). */
  at: string;
  mentions: number;
  outlets: string[];
}

export interface StoryDetail extends StoryView {
  /** The mentions the caller may see, oldest first. */
  mentions: MentionView[];
  spread: StorySpreadPoint[];
}

export interface StoryListQuery {
  unit?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** Body of POST /api/analyze: analyse a text without saving anything. */
export interface AnalyzeTextRequest {
  title: string;
  summary?: string;
  content?: string;
  outlet?: string;
  publishedAt?: string;
}

export interface AnalyzeTextResult {
  units: MentionUnitView[];
  sentiment: SentimentView;
  /** NO_CATEGORY ('none') when the text is not about education. */
  category: ItemCategory;
  incident: boolean;
  severity: Severity | null;
  severityReasons: string[];
}
