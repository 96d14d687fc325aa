/**
 * The coverage of a ticket: `incident_mention` (a copy of each analysed mention's facts as attached, so a ticket
 * keeps its evidence whatever happens upstream) and `analysis_correction` (mentions a dismissal marked as false
 * matches, kept as labels for the analysis models).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MentionFacts } from '../../analysis';
import type { IncidentMentionRow } from '../incident-rows';

@Injectable()
export class CoverageStore {
  /** Whether the mention is on any ticket already. */
  async isAttached(m: EntityManager, mentionId: string): Promise<boolean> {
    const seen: unknown[] = await m.query(`SELECT 1 FROM incident_mention WHERE mention_id = $1`, [mentionId]);
    return seen.length > 0;
  }

  /** Attaches a mention's facts to the ticket; false when the mention is on a ticket already. */
  async insert(m: EntityManager, incidentId: string, x: MentionFacts, at: Date): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO incident_mention (mention_id, incident_id, story_id, title, url, outlet, source_kind, published_at,
         sentiment, sentiment_label, reach_weight, severity, severity_reasons, category, unit_codes, attached_at,
         recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (mention_id) DO NOTHING RETURNING mention_id`,
      [
        x.id,
        incidentId,
        x.storyId,
        x.title,
        x.url || null,
        x.outlet,
        x.sourceKind,
        x.publishedAt ?? x.seenAt,
        x.sentiment,
        x.sentimentLabel,
        x.reachWeight,
        x.severity,
        x.severityReasons,
        x.category,
        x.unitCodes,
        at,
        x.recordedAt,
      ],
    );
    return rows.length > 0;
  }

  async ofIncident(m: EntityManager, incidentId: string): Promise<IncidentMentionRow[]> {
    return m.query(`SELECT * FROM incident_mention WHERE incident_id = $1`, [incidentId]);
  }

  async some(m: EntityManager, incidentId: string, mentionIds: string[]): Promise<IncidentMentionRow[]> {
    return m.query(`SELECT * FROM incident_mention WHERE incident_id = $1 AND mention_id = ANY($2::uuid[])`, [
      incidentId,
      mentionIds,
    ]);
  }

  async count(m: EntityManager, incidentId: string): Promise<number> {
    const total: { n: string }[] = await m.query(`SELECT count(*) AS n FROM incident_mention WHERE incident_id = $1`, [
      incidentId,
    ]);
    return Number(total[0]?.n ?? 0);
  }

  async mentionIds(m: EntityManager, incidentId: string): Promise<string[]> {
    const rows: { mention_id: string }[] = await m.query(
      `SELECT mention_id FROM incident_mention WHERE incident_id = $1`,
      [incidentId],
    );
    return rows.map((x) => x.mention_id);
  }

  /** The units each of the ticket's mentions names. */
  async unitCodesByMention(m: EntityManager, incidentId: string): Promise<{ unit_codes: string[] }[]> {
    return m.query(`SELECT unit_codes FROM incident_mention WHERE incident_id = $1`, [incidentId]);
  }

  async remove(m: EntityManager, incidentId: string, mentionIds: string[]): Promise<void> {
    await m.query(`DELETE FROM incident_mention WHERE incident_id = $1 AND mention_id = ANY($2::uuid[])`, [
      incidentId,
      mentionIds,
    ]);
  }

  async moveAll(m: EntityManager, intoId: string, fromId: string): Promise<void> {
    await m.query(`UPDATE incident_mention SET incident_id = $1 WHERE incident_id = $2`, [intoId, fromId]);
  }

  /** A dismissal's verdict on the ticket's mentions. */
  async recordFalseMatch(
    m: EntityManager,
    x: { incidentId: string; mentionIds: string[]; reason: string; by: string | null; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO analysis_correction (incident_id, mention_ids, kind, reason, corrected_by, at) VALUES ($1, $2, 'false_match', $3, $4, $5)`,
      [x.incidentId, x.mentionIds, x.reason, x.by, x.at],
    );
  }
}
