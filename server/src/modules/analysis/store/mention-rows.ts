/**
 * The pure half of an analysis batch: what is written for each analysed item (`MentionRow`), what the batch adds to
 * each story (`StoryChange`), and the provisional story step 1 analyses with. No database, no clock.
 */
import type { PendingItem } from '../../sources';
import type { AnalyzeOutput } from '../pipeline/analyze-item';
import type { StoryChoice } from '../mention-stories';
import type { StoryAssignment, StoryItem } from '../stories/story-clusterer';

/** What a batch adds to one story: an earlier one (`id`) or one new in the batch (`key` only). */
export interface StoryChange {
  id: string | null;
  key: string;
  n: number;
  firstSeen: string;
  lastSeen: string;
  firstTitle: string;
  firstOutlet: string;
  outlets: string[];
  unitCodes: string[];
}

/**
 * The batch's mentions summed up per story. Rows are in publication order, so a story's first row in the batch is
 * its earliest there (and, for a new story, the item that opened it) and its last row the latest.
 */
export function storyChanges(rows: MentionRow[], choices: StoryChoice[]): Map<string, StoryChange> {
  const changes = new Map<string, StoryChange>();
  for (const [i, row] of rows.entries()) {
    const choice = choices[i] as StoryChoice;
    const key = choice.storyId ?? `new:${choice.key}`;
    const change = changes.get(key);
    if (!change) {
      changes.set(key, {
        id: choice.storyId,
        key: choice.key,
        n: 1,
        firstSeen: row.seenAt,
        lastSeen: row.seenAt,
        firstTitle: row.title,
        firstOutlet: row.outlet,
        outlets: [row.outlet],
        unitCodes: [...row.unitCodes],
      });
      continue;
    }
    change.n++;
    change.lastSeen = row.seenAt;
    if (!change.outlets.includes(row.outlet)) change.outlets.push(row.outlet);
    for (const code of row.unitCodes) if (!change.unitCodes.includes(code)) change.unitCodes.push(code);
  }
  return changes;
}

/** A mention as the batch insert reads it (JSON: dates as ISO strings). */
export interface MentionRow {
  itemId: string;
  sourceId: string;
  title: string;
  summary: string;
  url: string;
  outlet: string;
  publishedAt: string | null;
  seenAt: string;
  units: AnalyzeOutput['units'];
  unitCodes: string[];
  sentimentScore: number;
  sentimentLabel: string;
  sentimentTerms: string[];
  category: string;
  incident: boolean;
  severity: string | null;
  severityReasons: string[];
  reachWeight: number;
}

export function mentionRow(item: PendingItem, out: AnalyzeOutput): MentionRow {
  return {
    itemId: item.id,
    sourceId: item.source_id,
    title: item.title.normalize('NFC'),
    summary: item.summary.normalize('NFC'),
    url: item.url,
    outlet: item.outlet.normalize('NFC'),
    publishedAt: item.published_at ? new Date(item.published_at).toISOString() : null,
    seenAt: seenAtOf(item).toISOString(),
    units: out.units,
    unitCodes: out.units.map((u) => u.code),
    sentimentScore: Math.max(-1, Math.min(1, out.sentiment.score)),
    sentimentLabel: out.sentiment.label,
    sentimentTerms: out.sentiment.terms,
    category: out.category,
    incident: out.incident,
    severity: out.severity,
    severityReasons: out.severityReasons,
    reachWeight: item.reach_weight,
  };
}

/** The story an item would have alone: step 1's stand-in, replaced under the story lock. */
export function provisionalStory(item: StoryItem): StoryAssignment {
  const seen = item.publishedAt ? new Date(item.publishedAt).toISOString() : null;
  return {
    storyId: item.id,
    firstOutlet: item.outlet ?? null,
    firstSeenAt: seen,
    size: 1,
    outlets: item.outlet ? 1 : 0,
  };
}

/** Publication time, or fetch time when the feed gave none. */
export function seenAtOf(item: PendingItem): Date {
  return new Date(item.published_at ?? item.fetched_at);
}

export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
