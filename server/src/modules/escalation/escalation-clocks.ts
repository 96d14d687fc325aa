/**
 * The escalation module's store: every read and write of `escalation_state` and `escalation_step`, and the reads of
 * the deadlines (`severity_level`) and the office calendar (`escalation_settings`) they are computed from. The
 * incidents module starts, tightens and stops an incident's clocks through it in the same transaction as the change
 * that causes it (so every method takes the caller's EntityManager), and its escalation flow claims due clocks and
 * moves them on. Nothing here knows who is notified: that is the incident's business.
 */
import { Injectable } from '@nestjs/common';
import type { Severity } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { lockDue } from '../../common/database/row-lease';
import {
  ackDueAt,
  oldCoveragePolicy,
  respondDueAt,
  type OfficeCalendar,
  type SeverityPolicy,
} from './escalation-policy';

interface SeverityRow {
  code: Severity;
  ack_minutes: number | null;
  respond_minutes: number | null;
  escalate_every_minutes: number;
  working_days_only: boolean;
  ignores_quiet_hours: boolean;
}

/** One incident's clocks as stored. */
export interface EscalationStateRow {
  incident_id: string;
  severity: Severity;
  level: number;
  reminder_round: number;
  ack_due_at: Date | null;
  respond_due_at: Date | null;
  next_step_at: Date | null;
  response_overdue_at: Date | null;
  /** Opened from old coverage: the chain keeps to working hours. */
  old_coverage: boolean;
}

/** What a ticket shows of its clocks. */
export interface IncidentClocks {
  ackDueAt: Date | null;
  respondDueAt: Date | null;
  level: number | null;
  /**
   * The highest level (2 to 4) that an escalation step actually notified (its notifications were enqueued; at
   * opening too, when a unit had nobody reachable). Null while nobody above the handlers was told, even when the
   * chain's level moved past levels with nobody in them.
   */
  escalatedLevel: number | null;
}

export interface EscalationStart {
  incidentId: string;
  severity: Severity;
  openedAt: Date;
  /** The level already notified when the incident opened (1, or 3 when a unit had nobody reachable). */
  level: number;
  now: Date;
  /** Opened from old coverage (see isOldCoverage): working-hours clocks, never urgent. */
  oldCoverage?: boolean;
}

export interface EscalationStepRecord {
  incidentId: string;
  kind: 'opened' | 'escalated' | 'reminder' | 'response_overdue';
  level: number;
  round: number;
  recipientIds: string[];
  at: Date;
}

@Injectable()
export class EscalationClocks {
  async policy(manager: EntityManager, code: Severity): Promise<SeverityPolicy> {
    const rows: SeverityRow[] = await manager.query(
      `SELECT code, ack_minutes, respond_minutes, escalate_every_minutes, working_days_only, ignores_quiet_hours
       FROM severity_level WHERE code = $1`,
      [code],
    );
    const r = rows[0];
    if (!r) throw new Error(`severity level ${code} is missing`);
    return {
      code: r.code,
      ackMinutes: r.ack_minutes,
      respondMinutes: r.respond_minutes,
      escalateEveryMinutes: r.escalate_every_minutes,
      workingDaysOnly: r.working_days_only,
      ignoresQuietHours: r.ignores_quiet_hours,
    };
  }

  /** The policy an incident's clocks follow: its level's, or the working-hours one for old coverage. */
  async policyFor(manager: EntityManager, code: Severity, oldCoverage: boolean): Promise<SeverityPolicy> {
    const policy = await this.policy(manager, code);
    return oldCoverage ? oldCoveragePolicy(policy) : policy;
  }

  async calendar(manager: EntityManager): Promise<OfficeCalendar> {
    const rows: {
      working_days: number[];
      workday_start: string;
      workday_end: string;
      quiet_start: string | null;
      quiet_end: string | null;
    }[] = await manager.query(
      `SELECT working_days, workday_start, workday_end, quiet_start, quiet_end FROM escalation_settings WHERE id = 1`,
    );
    const r = rows[0];
    if (!r) throw new Error('escalation_settings row is missing');
    return {
      workingDays: r.working_days.map(Number),
      workdayStart: r.workday_start,
      workdayEnd: r.workday_end,
      quietHours: r.quiet_start && r.quiet_end ? { start: r.quiet_start, end: r.quiet_end } : null,
    };
  }

  async start(manager: EntityManager, start: EscalationStart): Promise<{ ackDueAt: Date; respondDueAt: Date | null }> {
    const oldCoverage = start.oldCoverage === true;
    const policy = await this.policyFor(manager, start.severity, oldCoverage);
    const calendar = await this.calendar(manager);
    const ack = ackDueAt(start.openedAt, policy, calendar);
    const respond = respondDueAt(start.openedAt, policy, calendar);
    await manager.query(
      `INSERT INTO escalation_state
         (incident_id, severity, level, ack_due_at, respond_due_at, next_step_at, updated_at, old_coverage)
       VALUES ($1, $2, $3, $4, $5, $4, $6, $7)
       ON CONFLICT (incident_id) DO NOTHING`,
      [start.incidentId, start.severity, start.level, ack, respond, start.now, oldCoverage],
    );
    return { ackDueAt: ack, respondDueAt: respond };
  }

  /**
   * A more severe level tightens the deadlines counted from the opening; a looser one never relaxes them. The chain
   * keeps its level.
   */
  async tighten(
    manager: EntityManager,
    change: { incidentId: string; severity: Severity; openedAt: Date; now: Date; responseOpen: boolean },
  ): Promise<void> {
    const state: { old_coverage: boolean }[] = await manager.query(
      `SELECT old_coverage FROM escalation_state WHERE incident_id = $1`,
      [change.incidentId],
    );
    const policy = await this.policyFor(manager, change.severity, state[0]?.old_coverage === true);
    const calendar = await this.calendar(manager);
    const ack = ackDueAt(change.openedAt, policy, calendar);
    const respond = respondDueAt(change.openedAt, policy, calendar);
    await manager.query(
      `UPDATE escalation_state SET
         severity = $2,
         ack_due_at = LEAST(ack_due_at, $3),
         next_step_at = CASE WHEN next_step_at IS NOT NULL AND level = 1 THEN LEAST(next_step_at, $3) ELSE next_step_at END,
         respond_due_at = CASE WHEN NOT $5::boolean OR response_overdue_at IS NOT NULL THEN respond_due_at
                               ELSE LEAST(COALESCE(respond_due_at, $4), COALESCE($4, respond_due_at)) END,
         updated_at = $6
       WHERE incident_id = $1`,
      [change.incidentId, change.severity, ack, respond, change.responseOpen, change.now],
    );
  }

  /** Acknowledgement stops the reminder chain; the response deadline keeps running. */
  async stopAckChain(manager: EntityManager, incidentId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE escalation_state SET next_step_at = NULL, stopped_at = COALESCE(stopped_at, $2), updated_at = $2
       WHERE incident_id = $1`,
      [incidentId, now],
    );
  }

  /** A published response (or closing the incident) stops the response clock too. */
  async stopAll(manager: EntityManager, incidentId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE escalation_state SET next_step_at = NULL, respond_due_at = NULL, stopped_at = COALESCE(stopped_at, $2),
         updated_at = $2
       WHERE incident_id = $1`,
      [incidentId, now],
    );
  }

  /** Records that a step was taken; false when it already was (another instance, or a repeated run). */
  async recordStep(manager: EntityManager, step: EscalationStepRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO escalation_step (incident_id, kind, level, round, recipient_ids, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT escalation_step_once DO NOTHING RETURNING id`,
      [step.incidentId, step.kind, step.level, step.round, step.recipientIds, step.at],
    );
    return rows.length > 0;
  }

  async countStepNotifications(
    manager: EntityManager,
    step: Pick<EscalationStepRecord, 'incidentId' | 'kind' | 'level' | 'round'>,
    notifications: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE escalation_step SET notifications = $5 WHERE incident_id = $1 AND kind = $2 AND level = $3 AND round = $4`,
      [step.incidentId, step.kind, step.level, step.round, notifications],
    );
  }

  /**
   * Claims the next clock that is due (a step, or a response deadline not yet marked overdue), skipping those
   * another transaction holds and those in `exclude` (already handled in this run). Locked until the caller's
   * transaction ends.
   */
  async claimDue(manager: EntityManager, now: Date, exclude: readonly string[]): Promise<EscalationStateRow | null> {
    const rows = await lockDue<EscalationStateRow>(manager, {
      from: 'escalation_state',
      columns: '*',
      where: `(next_step_at <= $1 OR (respond_due_at <= $1 AND response_overdue_at IS NULL))
         AND NOT (incident_id = ANY($2::uuid[]))`,
      orderBy: 'LEAST(next_step_at, respond_due_at)',
      limit: 1,
      params: [now, [...exclude]],
    });
    return rows[0] ?? null;
  }

  /** How many clocks are due now (a step, or a response deadline not yet marked overdue), on every instance. */
  async countDue(manager: EntityManager, now: Date): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM escalation_state
       WHERE next_step_at <= $1 OR (respond_due_at <= $1 AND response_overdue_at IS NULL)`,
      [now],
    );
    return rows[0]?.n ?? 0;
  }

  /** The incident is closed or gone: nothing more is due, and nothing is marked stopped. */
  async clearDue(manager: EntityManager, incidentId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE escalation_state SET next_step_at = NULL, respond_due_at = NULL, updated_at = $2 WHERE incident_id = $1`,
      [incidentId, now],
    );
  }

  /** The next step of the chain at `at` (null: no more steps). */
  async setNextStep(manager: EntityManager, incidentId: string, at: Date | null, now: Date): Promise<void> {
    await manager.query(`UPDATE escalation_state SET next_step_at = $2, updated_at = $3 WHERE incident_id = $1`, [
      incidentId,
      at,
      now,
    ]);
  }

  /** Postpones the response deadline's step (quiet hours, working days). */
  async deferResponseDue(manager: EntityManager, incidentId: string, at: Date, now: Date): Promise<void> {
    await manager.query(`UPDATE escalation_state SET respond_due_at = $2, updated_at = $3 WHERE incident_id = $1`, [
      incidentId,
      at,
      now,
    ]);
  }

  async markResponseOverdue(manager: EntityManager, incidentId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE escalation_state SET response_overdue_at = $2, updated_at = $2 WHERE incident_id = $1`,
      [incidentId, now],
    );
  }

  async setLevel(manager: EntityManager, incidentId: string, level: number, now: Date): Promise<void> {
    await manager.query(`UPDATE escalation_state SET level = $2, updated_at = $3 WHERE incident_id = $1`, [
      incidentId,
      level,
      now,
    ]);
  }

  async setReminderRound(manager: EntityManager, incidentId: string, round: number, now: Date): Promise<void> {
    await manager.query(`UPDATE escalation_state SET reminder_round = $2, updated_at = $3 WHERE incident_id = $1`, [
      incidentId,
      round,
      now,
    ]);
  }

  /** The clocks of these incidents, for their tickets; an incident without clocks is absent from the map. */
  async clocksOf(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, IncidentClocks>> {
    if (incidentIds.length === 0) return new Map();
    const rows: {
      incident_id: string;
      ack_due_at: Date | null;
      respond_due_at: Date | null;
      level: number;
      escalated_level: number | null;
    }[] = await manager.query(
      `SELECT s.incident_id, s.ack_due_at, s.respond_due_at, s.level,
              (SELECT max(st.level) FROM escalation_step st
                WHERE st.incident_id = s.incident_id AND st.kind = 'escalated' AND st.notifications > 0)
              AS escalated_level
       FROM escalation_state s WHERE s.incident_id = ANY($1::uuid[])`,
      [[...incidentIds]],
    );
    return new Map(
      rows.map((r) => [
        r.incident_id,
        {
          ackDueAt: r.ack_due_at,
          respondDueAt: r.respond_due_at,
          level: r.level,
          escalatedLevel: r.escalated_level,
        },
      ]),
    );
  }
}
