/**
 * The coverage of a ticket: `incident_mention` (a copy of each analysed mention's facts as attached, so a ticket
 * keeps its evidence whatever happens upstream) and `analysis_correction` (mentions a dismissal marked as false
 * matches, kept as labels for the analysis models).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MentionFacts } from '../../analysis';
import type { IncidentMentionRow } from '../incident-rows';

/** A mention on a ticket a person has judged, with that judgement (`judged`). */
export interface JudgedCoverageRow {
  mention_id: string;
  title: string;
  url: string | null;
  outlet: string;
  published_at: Date | null;
  unit_codes: string[];
  sentiment_label: string | null;
  category: string | null;
  number: string;
  origin: string;
  status: string;
  severity: string;
  incident_category: string | null;
  reason: string | null;
  judged_at: Date;
}

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
  /**
   * Every mention on a ticket a person has judged, oldest judgement first: a dismissed ticket (a false match, with the
   * correction's reason), or one acknowledged or further, or opened by a person (by hand or by a split). A detected
   * ticket still new has been judged by nobody and is left out.
   */
  async judged(m: EntityManager): Promise<JudgedCoverageRow[]> {
    return m.query(
      `SELECT im.mention_id, im.title, im.url, im.outlet, im.published_at, im.unit_codes, im.sentiment_label, im.category,
         i.number::text AS number, i.origin, i.status, i.severity, i.category AS incident_category,
         (SELECT c.reason FROM analysis_correction c WHERE c.incident_id = i.id AND im.mention_id = ANY (c.mention_ids)
           ORDER BY c.at DESC LIMIT 1) AS reason,
         CASE WHEN i.status = 'dismissed' THEN coalesce(i.dismissed_at, i.updated_at)
           ELSE coalesce(i.acknowledged_at, i.opened_at) END AS judged_at
       FROM incident_mention im JOIN incident i ON i.id = im.incident_id
       WHERE NOT (i.origin = 'detected' AND i.status = 'new')
       ORDER BY judged_at, im.mention_id`,
    );
  }

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
