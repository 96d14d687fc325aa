/**
 * The escalation chain, the incident side of it: the escalation module keeps the clocks (deadlines, the next step,
 * the level reached, the steps taken); this decides who is told at each step. `runDue` claims incidents whose next
 * step is due (FOR UPDATE SKIP LOCKED, one incident per transaction), takes the step and enqueues its notifications
 * in that same transaction. Several instances can run it at once: a claimed incident is skipped by the others, a step
 * already taken is refused by escalation_step's unique key, and the outbox's dedup key refuses a repeated
 * notification.
 *
 * Chain while nobody has acknowledged: level 1 the assignees (notified at opening), level 2 the units' principals at
 * the acknowledgement deadline, level 3 the office spokesperson and the Office, level 4 leadership, one level per
 * escalation period of the severity, then reminders to everyone notified so far every period. A missed response
 * deadline escalates once more to everyone. Steps of levels that respect quiet hours or working days wait for them.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IncidentStatus } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import { EscalationClocks, type EscalationStateRow, earliestStepTime, nextStepDue } from '../../escalation';
import { IncidentNotifier } from '../incident-notifier';
import { IncidentRecipients, unique } from '../incident-recipients';
import { IncidentStore, type IncidentContext } from '../store/incident.store';
import { IncidentWorkflow } from './incident-workflow';

export interface RunDueResult {
  /** Incidents examined. */
  claimed: number;
  /** Steps taken (escalations, reminders, overdue responses). */
  steps: number;
  /** Steps postponed to the end of quiet hours or to working hours. */
  deferred: number;
}

const MAX_PER_RUN = 200;

@Injectable()
export class EscalationFlow {
  private readonly logger = new Logger('escalation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: IncidentStore,
    private readonly workflow: IncidentWorkflow,
    private readonly recipients: IncidentRecipients,
    private readonly notifier: IncidentNotifier,
    private readonly clocks: EscalationClocks,
  ) {}

  async runDue(): Promise<RunDueResult> {
    const result: RunDueResult = { claimed: 0, steps: 0, deferred: 0 };
    const done = new Set<string>();
    for (let i = 0; i < MAX_PER_RUN; i++) {
      const handled = await this.dataSource.transaction(async (m) => {
        const now = this.clock.now();
        const state = await this.clocks.claimDue(m, now, [...done]);
        if (!state) return null;
        done.add(state.incident_id);
        return { incidentId: state.incident_id, ...(await this.advance(m, state, now)) };
      });
      if (!handled) break;
      result.claimed++;
      result.steps += handled.steps;
      result.deferred += handled.deferred;
      if (handled.steps > 0) this.notifier.publishChange(handled.incidentId, 'incident.escalated');
    }
    if (result.steps > 0) this.logger.log({ msg: 'escalation run', ...result });
    return result;
  }

  private async advance(
    m: EntityManager,
    state: EscalationStateRow,
    now: Date,
  ): Promise<{ steps: number; deferred: number }> {
    const ctx = await this.store.context(m, state.incident_id);
    if (!ctx || ctx.status === IncidentStatus.Resolved || ctx.status === IncidentStatus.Dismissed) {
      await this.clocks.clearDue(m, state.incident_id, now);
      return { steps: 0, deferred: 0 };
    }
    const policy = await this.clocks.policyFor(m, ctx.severity, state.old_coverage);
    const calendar = await this.clocks.calendar(m);
    const params = this.notifier.templateParams(ctx);
    let steps = 0;
    let deferred = 0;

    if (state.next_step_at && state.next_step_at <= now) {
      const allowed = earliestStepTime(now, policy, calendar);
      if (allowed > now) {
        await this.clocks.setNextStep(m, state.incident_id, allowed, now);
        deferred++;
      } else if (ctx.status === IncidentStatus.New) {
        steps += await this.ackStep(m, state, ctx, params, now, policy.escalateEveryMinutes);
        const next = nextStepDue(state.next_step_at, now, policy);
        await this.clocks.setNextStep(m, state.incident_id, next, now);
      } else {
        await this.clocks.setNextStep(m, state.incident_id, null, now);
      }
    }

    if (state.respond_due_at && state.respond_due_at <= now && !state.response_overdue_at) {
      const allowed = earliestStepTime(now, policy, calendar);
      if (allowed > now) {
        await this.clocks.deferResponseDue(m, state.incident_id, allowed, now);
        deferred++;
      } else {
        const everyone = unique([
          ...ctx.assigneeIds,
          ...(await this.recipients.principals(ctx.unitCodes)),
          ...(await this.recipients.office()),
          ...(await this.recipients.leaders()),
        ]);
        const taken = await this.workflow.step(
          m,
          { incidentId: ctx.id, kind: 'response_overdue', level: 4, round: 0, recipientIds: everyone, at: now },
          ctx.severity,
          'incident.response_overdue',
          'incident.response_overdue',
          { ...params, level: '4' },
        );
        if (taken) steps++;
        await this.clocks.markResponseOverdue(m, state.incident_id, now);
      }
    }
    return { steps, deferred };
  }

  /** One step of the unacknowledged chain: the next level with someone in it, or a reminder at the top. */
  private async ackStep(
    m: EntityManager,
    state: EscalationStateRow,
    ctx: IncidentContext,
    params: Record<string, string>,
    now: Date,
    periodMinutes: number,
  ): Promise<number> {
    const levels: Record<number, () => Promise<string[]>> = {
      1: async () => ctx.assigneeIds,
      2: () => this.recipients.principals(ctx.unitCodes),
      3: () => this.recipients.office(),
      4: () => this.recipients.leaders(),
    };
    const notifiedSoFar = async (upTo: number) => {
      const ids: string[] = [];
      for (let l = 1; l <= upTo; l++) ids.push(...(await (levels[l] as () => Promise<string[]>)()));
      return unique(ids);
    };
    let level = state.level;
    while (level < 4) {
      level++;
      const target = await (levels[level] as () => Promise<string[]>)();
      if (target.length === 0 && level < 4) continue;
      const earlier = (await notifiedSoFar(level - 1)).filter((p) => !target.includes(p));
      const taken = await this.workflow.step(
        m,
        { incidentId: ctx.id, kind: 'escalated', level, round: 0, recipientIds: target, at: now },
        ctx.severity,
        'incident.escalated',
        'incident.escalated',
        { ...params, level: String(level) },
      );
      if (taken && earlier.length > 0) {
        await this.workflow.step(
          m,
          { incidentId: ctx.id, kind: 'reminder', level, round: 0, recipientIds: earlier, at: now },
          ctx.severity,
          'incident.reminder',
          'incident.escalated',
          { ...params, level: String(level) },
        );
      }
      await this.clocks.setLevel(m, ctx.id, level, now);
      return taken ? 1 : 0;
    }
    const round = state.reminder_round + 1;
    const everyone = await notifiedSoFar(4);
    const taken = await this.workflow.step(
      m,
      { incidentId: ctx.id, kind: 'reminder', level: 4, round, recipientIds: everyone, at: now },
      ctx.severity,
      `incident.reminder.${round}`,
      'incident.escalated',
      { ...params, level: '4', reminder: String(round), periodMinutes: String(periodMinutes) },
    );
    await this.clocks.setReminderRound(m, ctx.id, round, now);
    return taken ? 1 : 0;
  }
}
