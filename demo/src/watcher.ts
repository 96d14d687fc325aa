/**
 * Tells the story in the terminal as the product lives it: it reads the API every two seconds as the office
 * spokesperson (and the principal, for her inbox) and prints what changed: tickets opened, coverage attached,
 * severity raised, escalation levels, good news. It only reads: everything it reports was done by the pipeline.
 */
import type { GoodNewsListResponse, IncidentListItem, IncidentListResponse, UnreadCount } from '@mw/shared';
import type { ApiSession } from './api';

const LEVELS: Record<number, string> = {
  1: 'the assignees',
  2: "the school's principal",
  3: 'the office and the steering committee',
  4: 'leadership',
};

export interface Milestones {
  firstIncident: number | null;
  firstGoodNews: number | null;
  principalNotified: number | null;
}

export interface Watcher {
  milestones: Milestones;
  stop(): void;
}

export function watchPipeline(
  office: ApiSession,
  principal: ApiSession,
  crisisUnit: string,
  say: (line: string) => void,
  elapsed: () => number,
): Watcher {
  const seen = new Map<string, IncidentListItem>();
  const goodNews = new Set<string>();
  const milestones: Milestones = { firstIncident: null, firstGoodNews: null, principalNotified: null };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const look = async () => {
    const list = await office.get<IncidentListResponse>('/incidents?pageSize=50');
    for (const incident of [...list.items].reverse()) {
      const before = seen.get(incident.id);
      const units = incident.units.map((u) => u.name).join(', ');
      if (!before) {
        say(`ticket #${incident.number} opened (${incident.severity}, ${units}): ${incident.title}`);
        if (milestones.firstIncident === null && incident.units.some((u) => u.code === crisisUnit)) {
          milestones.firstIncident = elapsed();
        }
      } else {
        if (incident.mentionCount > before.mentionCount) {
          say(
            `ticket #${incident.number}: coverage attached, now ${incident.mentionCount} articles from ${incident.outletCount} outlets`,
          );
        }
        if (incident.severity !== before.severity) {
          say(`ticket #${incident.number}: severity ${before.severity} → ${incident.severity} as the story spreads`);
        }
        if (incident.escalationLevel > before.escalationLevel && incident.escalationLevel > 1) {
          say(
            `ticket #${incident.number}: nobody acknowledged in time, escalated to level ${incident.escalationLevel} (${LEVELS[incident.escalationLevel] ?? 'everyone'})`,
          );
        }
        if (incident.acknowledgedAt && !before.acknowledgedAt) say(`ticket #${incident.number}: acknowledged`);
      }
      seen.set(incident.id, incident);
    }
    const good = await office.get<GoodNewsListResponse>('/good-news');
    for (const item of good.items) {
      if (goodNews.has(item.id)) continue;
      goodNews.add(item.id);
      say(`good news queued (${item.units.map((u) => u.name).join(', ')}): ${item.title}`);
      milestones.firstGoodNews ??= elapsed();
    }
    if (milestones.principalNotified === null) {
      const unread = await principal.get<UnreadCount>('/notifications/unread');
      if (unread.unread > 0) {
        milestones.principalNotified = elapsed();
        say(`the principal has ${unread.unread} unread alert(s) in her inbox`);
      }
    }
  };

  const loop = () => {
    if (stopped) return;
    look()
      .catch((error: unknown) => say(`(could not read the dashboard's API just now: ${String(error)})`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, 2000);
      });
  };
  loop();
  return {
    milestones,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
