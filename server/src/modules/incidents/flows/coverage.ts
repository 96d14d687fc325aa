/**
 * A ticket's coverage: attaching mentions (and the units and spokespersons they bring), and re-assessing severity
 * after coverage moved in or out. Severity only rises by itself; a rise tightens the escalation clocks and, at S1
 * or S2 on an open ticket, tells the assignees and principals. Used by the intake and by merge and split.
 */
import { Injectable } from '@nestjs/common';
import { IncidentStatus, NO_CATEGORY, TimelineCode } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import type { MentionFacts } from '../../analysis';
import { EscalationClocks } from '../../escalation';
import { withText } from '../incident-messages';
import { IncidentNotifier } from '../incident-notifier';
import { IncidentRecipients, unique } from '../incident-recipients';
import type { IncidentMentionRow, IncidentRow } from '../incident-rows';
import { assessSeverity, severityRank, type SeverityEvidence } from '../incident-severity';
import { isClosed } from '../incident-status';
import { AssignmentStore } from '../store/assignment.store';
import { CoverageStore } from '../store/coverage.store';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore, type IncidentContext } from '../store/incident.store';
import { ticketUnits } from '../ticket-units';

@Injectable()
export class IncidentCoverage {
  constructor(
    private readonly clock: Clock,
    private readonly store: IncidentStore,
    private readonly coverage: CoverageStore,
    private readonly assignments: AssignmentStore,
    private readonly recipients: IncidentRecipients,
    private readonly notifier: IncidentNotifier,
    private readonly clocks: EscalationClocks,
  ) {}

  /** Attaches mentions to the ticket (those already on a ticket are left); returns the ids attached. */
  async insertMentions(
    m: EntityManager,
    id: string,
    mentions: (MentionFacts | IncidentMentionRow)[],
    now: Date,
  ): Promise<string[]> {
    const added: string[] = [];
    for (const raw of mentions) {
      const x = 'mention_id' in raw ? fromRow(raw) : raw;
      if (await this.coverage.insert(m, id, x, now)) added.push(x.id);
    }
    if (added.length > 0) await this.store.addStoriesOfMentions(m, id);
    return added;
  }

  /** Later coverage of the ticket's story: the mentions, their new units with their spokespersons, a new severity. */
  async attach(m: EntityManager, id: string, mentions: MentionFacts[], actorId: string | null): Promise<void> {
    const row = await this.store.lock(m, id);
    const now = this.clock.now();
    const added = await this.insertMentions(m, id, mentions, now);
    if (added.length === 0) return;
    await this.store.addStories(
      m,
      id,
      mentions.map((x) => x.storyId),
    );
    const newUnits = ticketUnits(unique(mentions.flatMap((x) => x.unitCodes)));
    for (const code of newUnits) {
      if (!(await this.store.addUnit(m, id, code))) continue;
      for (const p of (await this.recipients.unitContacts(code)).spokespersons) {
        await this.assignments.assignDefault(m, id, p, `unit_spokesperson:${code}`, now);
      }
    }
    for (const x of mentions.filter((x) => added.includes(x.id))) {
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId,
        message: { code: TimelineCode.MentionAttached, params: { outlet: x.outlet, title: x.title } },
        data: { mentionId: x.id, outlet: x.outlet, url: x.url },
      });
    }
    await this.refresh(m, id, actorId, row);
  }

  /** Recomputes aggregates and severity after coverage moved in or out; severity only rises by itself. */
  async refresh(m: EntityManager, id: string, actorId: string | null, locked?: IncidentRow): Promise<void> {
    const row = locked ?? (await this.store.lock(m, id));
    await this.store.recomputeAggregates(m, id);
    const mentions = await this.coverage.ofIncident(m, id);
    if (mentions.length === 0 || row.severity_manual) return;
    const assessed = assessSeverity(mentions.map(toEvidence), row.severity);
    const now = this.clock.now();
    if (severityRank(assessed.severity) < severityRank(row.severity)) {
      await this.store.setSeverity(m, id, assessed.severity, assessed.reasons.map(withText), now);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId,
        message: { code: TimelineCode.SeverityRaised, params: { from: row.severity, to: assessed.severity } },
        data: { from: row.severity, to: assessed.severity, reasons: assessed.reasons },
      });
      await this.clocks.tighten(m, {
        incidentId: id,
        severity: assessed.severity,
        openedAt: row.opened_at,
        now,
        responseOpen: !isClosed(row.status) && row.status !== IncidentStatus.Responded,
      });
      if (severityRank(assessed.severity) <= 1 && !isClosed(row.status)) {
        const ctx = (await this.store.context(m, id)) as IncidentContext;
        const recipientIds = unique([...ctx.assigneeIds, ...(await this.recipients.principals(ctx.unitCodes))]);
        await this.notifier.notify(m, {
          incidentId: id,
          event: `incident.severity_raised.${assessed.severity}`,
          level: 1,
          recipientIds,
          severity: assessed.severity,
          template: 'incident.severity_raised',
          params: { ...this.notifier.templateParams(ctx), from: row.severity },
        });
      }
      row.severity = assessed.severity;
    } else if (assessed.severity === row.severity) {
      await this.store.setSeverityReasons(m, id, assessed.reasons.map(withText), now);
    }
  }
}

export function fromRow(r: IncidentMentionRow): MentionFacts {
  return {
    id: r.mention_id,
    seq: '0',
    storyId: r.story_id ?? '',
    title: r.title,
    url: r.url ?? '',
    outlet: r.outlet,
    sourceKind: r.source_kind,
    publishedAt: r.published_at,
    seenAt: r.attached_at,
    recordedAt: r.recorded_at,
    unitCodes: r.unit_codes,
    sentiment: r.sentiment ?? 0,
    sentimentLabel: (r.sentiment_label ?? 'neutral') as MentionFacts['sentimentLabel'],
    category: r.category as MentionFacts['category'],
    incident: true,
    severity: r.severity,
    severityReasons: r.severity_reasons,
    reachWeight: Number(r.reach_weight),
  };
}

export function toEvidence(raw: MentionFacts | IncidentMentionRow): SeverityEvidence {
  const x = 'mention_id' in raw ? fromRow(raw) : raw;
  return {
    proposed: x.severity,
    reasons: x.severityReasons,
    // An item outside education carries no category for severity to start from.
    category: x.category === NO_CATEGORY ? null : x.category,
    sentiment: x.sentiment,
    reachWeight: x.reachWeight,
    outlet: x.outlet,
    sourceKind: x.sourceKind,
    at: x.publishedAt ?? x.seenAt,
  };
}
