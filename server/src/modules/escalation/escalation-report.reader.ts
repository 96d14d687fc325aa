import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Escalation steps of a period, per ticket and level, for the report. */
export interface EscalationStepCount {
  incidentId: string;
  level: number;
  /** Escalation steps to that level during the period (one per reminder round). */
  steps: number;
}

/** Escalations of a period, as the report shows them. */
export interface EscalationPeriodFigures {
  /** Escalation steps taken in the period. */
  total: number;
  /** Incidents escalated to each level during the period. */
  byLevel: { level: number; incidents: number }[];
}

/**
 * Read-only aggregates over `escalation_step` for a half-open period [from, to) of the step time, on the caller's
 * manager (the report reads one snapshot). Which tickets a report is about is the incidents module's rule, so this
 * reader answers per ticket and the report keeps those in its scope (see `escalationFigures`).
 */
@Injectable()
export class EscalationReportReader {
  async stepsByIncident(m: EntityManager, from: Date, to: Date): Promise<EscalationStepCount[]> {
    const rows: { incident_id: string; level: number; steps: number }[] = await m.query(
      `SELECT incident_id, level, count(*)::int AS steps
       FROM escalation_step WHERE kind = 'escalated' AND at >= $1 AND at < $2
       GROUP BY incident_id, level ORDER BY level, incident_id`,
      [from, to],
    );
    return rows.map((r) => ({ incidentId: r.incident_id, level: r.level, steps: r.steps }));
  }
}

/** The period's escalation figures over the steps of the tickets kept (those in the report's scope). */
export function escalationFigures(
  steps: readonly EscalationStepCount[],
  keep: ReadonlySet<string>,
): EscalationPeriodFigures {
  const levels = new Map<number, Set<string>>();
  let total = 0;
  for (const s of steps) {
    if (!keep.has(s.incidentId)) continue;
    total += s.steps;
    const incidents = levels.get(s.level) ?? new Set<string>();
    incidents.add(s.incidentId);
    levels.set(s.level, incidents);
  }
  return {
    total,
    byLevel: [...levels].sort(([a], [b]) => a - b).map(([level, incidents]) => ({ level, incidents: incidents.size })),
  };
}
