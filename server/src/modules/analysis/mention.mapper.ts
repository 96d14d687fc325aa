import type { MentionView, StoryView } from '@mw/shared';
import type { MentionEntity } from './mention.entity';
import type { StoryEntity } from './story.entity';

export function toMentionView(m: MentionEntity): MentionView {
  return {
    id: m.id,
    itemId: m.itemId,
    title: m.title,
    summary: m.summary,
    url: m.url,
    outlet: m.outlet,
    publishedAt: m.publishedAt ? m.publishedAt.toISOString() : null,
    units: m.units,
    unitCodes: m.unitCodes,
    sentiment: { score: m.sentimentScore, label: m.sentimentLabel, terms: m.sentimentTerms },
    category: m.category,
    incident: m.incident,
    severity: m.severity,
    severityReasons: m.severityReasons,
    storyId: m.storyId,
    reachWeight: m.reachWeight,
    analysedAt: m.analysedAt.toISOString(),
  };
}

export function toStoryView(s: StoryEntity): StoryView {
  return {
    id: s.id,
    key: s.key,
    title: s.title,
    firstOutlet: s.firstOutlet,
    firstSeenAt: s.firstSeenAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    mentionCount: s.mentionCount,
    outlets: s.outlets,
    unitCodes: s.unitCodes,
  };
}
