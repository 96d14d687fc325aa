/**
 * Opening a ticket inside the caller's transaction, whoever opens it (the intake, a person, a split): its units and
 * mentions, the default assignees, the timeline, the escalation clocks and the first notifications. A unit with
 * nobody reachable sends the ticket straight to the office (level 3).
 */
import { Injectable } from '@nestjs/common';
import { SeverityReasonCode, TimelineCode, type Severity } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import type { MentionFacts } from '../../analysis';
import { EscalationClocks } from '../../escalation';
import { withText, type SeverityReason } from '../incident-messages';
import { IncidentNotifier } from '../incident-notifier';
import { IncidentRecipients, unique } from '../incident-recipients';
import type { IncidentMentionRow } from '../incident-rows';
import { assessSeverity, severityRank } from '../incident-severity';
import { AssignmentStore } from '../store/assignment.store';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore, type IncidentContext } from '../store/incident.store';
import { IncidentCoverage, toEvidence } from './coverage';
import { IncidentWorkflow } from './incident-workflow';

export interface OpenSpec {
  title: string;
  description: string;
  origin: 'detected' | 'manual' | 'split';
  unitCodes: string[];
  mentions: MentionFacts[] | IncidentMentionRow[];
  sourceUrl: string | null;
  category: string | null;
  severity: Severity | null;
  actorId: string | null;
  /**
   * Opened from old coverage (an article first seen long after it was published, see isOldCoverage): its clocks keep
   * to working hours and its first notifications are not urgent (held in quiet hours).
   */
  oldCoverage?: boolean;
}

/**
 * When the office recorded the ticket's first article: the earliest of its opening mentions' recording times, never
 * after the opening (a ticket opened by hand, with no mention, was recorded when it was opened).
 */
export function recordedAt(mentions: readonly (MentionFacts | IncidentMentionRow)[], openedAt: Date): Date {
  let first = openedAt.getTime();
  for (const x of mentions) {
    const at = new Date('mention_id' in x ? x.recorded_at : x.recordedAt).getTime();
    if (Number.isFinite(at) && at < first) first = at;
  }
  return new Date(first);
}

@Injectable()
export class IncidentOpening {
  constructor(
    private readonly clock: Clock,
    private readonly store: IncidentStore,
    private readonly assignments: AssignmentStore,
    private readonly coverage: IncidentCoverage,
    private readonly recipients: IncidentRecipients,
    private readonly notifier: IncidentNotifier,
    private readonly workflow: IncidentWorkflow,
    private readonly clocks: EscalationClocks,
  ) {}

  /** Opens an incident inside the caller's transaction: units, mentions, assignees, timeline, clocks, notifications. */
  async open(m: EntityManager, spec: OpenSpec): Promise<string> {
    const now = this.clock.now();
    const evidence = spec.mentions.map(toEvidence);
    const assessed = assessSeverity(evidence, spec.severity ?? 'S3');
    const severity = spec.severity ?? assessed.severity;
    const reasons: SeverityReason[] = spec.severity
      ? [
          { code: SeverityReasonCode.ManualSet, params: { severity: spec.severity } },
          ...(evidence.length > 0 ? assessed.reasons : []),
        ]
      : assessed.reasons;
    const { id } = await this.store.insert(m, {
      title: spec.title,
      description: spec.description,
      origin: spec.origin,
      severity,
      severityReasons: reasons.map(withText),
      severityManual: spec.severity !== null,
      category: spec.category,
      sourceUrl: spec.sourceUrl,
      openedBy: spec.actorId,
      at: now,
      recordedAt: recordedAt(spec.mentions, now),
    });
    for (const code of spec.unitCodes) await this.store.addUnit(m, id, code);
    await this.coverage.insertMentions(m, id, spec.mentions, now);
    await this.store.recomputeAggregates(m, id);

    // Default assignees: each unit's spokesperson (or deputy when there is none) and the office spokesperson.
    const unreachable: string[] = [];
    const assignees = new Map<string, string>();
    for (const code of spec.unitCodes) {
      const contacts = await this.recipients.unitContacts(code);
      for (const p of contacts.spokespersons) if (!assignees.has(p)) assignees.set(p, `unit_spokesperson:${code}`);
      if (contacts.spokespersons.length === 0 && contacts.principals.length === 0) unreachable.push(code);
    }
    for (const p of await this.recipients.officeSpokespersons())
      if (!assignees.has(p)) assignees.set(p, 'office_spokesperson');
    for (const [personId, reason] of assignees) {
      await this.assignments.assignDefault(m, id, personId, reason, now);
    }
    if (unreachable.length > 0) await this.store.setUnreachable(m, id, unreachable);

    const code =
      spec.origin === 'detected'
        ? TimelineCode.OpenedDetected
        : spec.origin === 'manual'
          ? TimelineCode.OpenedManual
          : TimelineCode.OpenedSplit;
    await appendTimeline(m, {
      incidentId: id,
      at: now,
      actorId: spec.actorId,
      message: { code, params: { title: spec.title } },
      data: { severity, reasons, units: spec.unitCodes, ...(spec.oldCoverage ? { oldCoverage: true } : {}) },
    });
    if (assignees.size > 0) {
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: null,
        message: { code: TimelineCode.AssignedDefault, params: { count: assignees.size } },
        data: { personIds: [...assignees.keys()] },
      });
    }

    const level = unreachable.length > 0 ? 3 : 1;
    const oldCoverage = spec.oldCoverage === true;
    const clocks = await this.clocks.start(m, { incidentId: id, severity, openedAt: now, level, now, oldCoverage });
    const ctx = (await this.store.context(m, id)) as IncidentContext;
    const params = { ...this.notifier.templateParams(ctx), ackDueAt: clocks.ackDueAt.toISOString() };
    const first = unique([
      ...assignees.keys(),
      ...(severityRank(severity) <= 1 ? await this.recipients.principals(spec.unitCodes) : []),
    ]);
    await this.workflow.step(
      m,
      { incidentId: id, kind: 'opened', level: 1, round: 0, recipientIds: first, at: now },
      severity,
      'incident.opened',
      'incident.opened',
      params,
      oldCoverage ? { urgent: false } : {},
    );
    if (unreachable.length > 0) {
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: null,
        message: { code: TimelineCode.Unreachable, params: { units: unreachable.join(', ') } },
        data: { units: unreachable },
      });
      const office = await this.recipients.office();
      await this.workflow.step(
        m,
        { incidentId: id, kind: 'escalated', level: 3, round: 0, recipientIds: office, at: now },
        severity,
        'incident.escalated',
        'incident.escalated',
        { ...params, level: '3' },
      );
    }
    return id;
  }
}
