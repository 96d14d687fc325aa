/**
 * Escalation bookkeeping as plain functions over the caller's transaction: the incidents module starts, tightens
 * and stops an incident's clocks in the same transaction as the change that causes it, and the escalation service
 * advances them. Severity levels and the office calendar are read from their tables each time.
 */
import type { Severity } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { ackDueAt, respondDueAt, type OfficeCalendar, type SeverityPolicy } from './escalation-policy';

interface SeverityRow {
  code: Severity;
  ack_minutes: number | null;
  respond_minutes: number | null;
  escalate_every_minutes: number;
  working_days_only: boolean;
  ignores_quiet_hours: boolean;
}

export async function loadPolicy(manager: EntityManager, code: Severity): Promise<SeverityPolicy> {
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

export async function loadCalendar(manager: EntityManager): Promise<OfficeCalendar> {
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

export interface EscalationStart {
  incidentId: string;
  severity: Severity;
  openedAt: Date;
  /** The level already notified when the incident opened (1, or 3 when a unit had nobody reachable). */
  level: number;
  now: Date;
}

export async function startEscalation(
  manager: EntityManager,
  start: EscalationStart,
): Promise<{ ackDueAt: Date; respondDueAt: Date | null }> {
  const policy = await loadPolicy(manager, start.severity);
  const calendar = await loadCalendar(manager);
  const ack = ackDueAt(start.openedAt, policy, calendar);
  const respond = respondDueAt(start.openedAt, policy, calendar);
  await manager.query(
    `INSERT INTO escalation_state (incident_id, severity, level, ack_due_at, respond_due_at, next_step_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $4, $6)
     ON CONFLICT (incident_id) DO NOTHING`,
    [start.incidentId, start.severity, start.level, ack, respond, start.now],
  );
  return { ackDueAt: ack, respondDueAt: respond };
}

/**
 * A more severe level tightens the deadlines counted from the opening; a looser one never relaxes them. The chain
 * keeps its level.
 */
export async function tightenEscalation(
  manager: EntityManager,
  change: { incidentId: string; severity: Severity; openedAt: Date; now: Date; responseOpen: boolean },
): Promise<void> {
  const policy = await loadPolicy(manager, change.severity);
  const calendar = await loadCalendar(manager);
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
export async function stopAckChain(manager: EntityManager, incidentId: string, now: Date): Promise<void> {
  await manager.query(
    `UPDATE escalation_state SET next_step_at = NULL, stopped_at = COALESCE(stopped_at, $2), updated_at = $2
     WHERE incident_id = $1`,
    [incidentId, now],
  );
}

/** A published response (or closing the incident) stops the response clock too. */
export async function stopAllClocks(manager: EntityManager, incidentId: string, now: Date): Promise<void> {
  await manager.query(
    `UPDATE escalation_state SET next_step_at = NULL, respond_due_at = NULL, stopped_at = COALESCE(stopped_at, $2),
       updated_at = $2
     WHERE incident_id = $1`,
    [incidentId, now],
  );
}

export interface EscalationStepRecord {
  incidentId: string;
  kind: 'opened' | 'escalated' | 'reminder' | 'response_overdue';
  level: number;
  round: number;
  recipientIds: string[];
  at: Date;
}

/** Records that a step was taken; false when it already was (another instance, or a repeated run). */
export async function recordStep(manager: EntityManager, step: EscalationStepRecord): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO escalation_step (incident_id, kind, level, round, recipient_ids, at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT ON CONSTRAINT escalation_step_once DO NOTHING RETURNING id`,
    [step.incidentId, step.kind, step.level, step.round, step.recipientIds, step.at],
  );
  return rows.length > 0;
}

export async function countStepNotifications(
  manager: EntityManager,
  step: Pick<EscalationStepRecord, 'incidentId' | 'kind' | 'level' | 'round'>,
  notifications: number,
): Promise<void> {
  await manager.query(
    `UPDATE escalation_step SET notifications = $5 WHERE incident_id = $1 AND kind = $2 AND level = $3 AND round = $4`,
    [step.incidentId, step.kind, step.level, step.round, notifications],
  );
}
