/**
 * The office's judgements of the analysis, as labels. Every ticket a person acknowledges says "this coverage is an
 * incident at our school"; every ticket dismissed as a false match says it is not (and `analysis_correction` keeps
 * which mentions and why). Those are the real Gò Vấp incidents the news archive lacks, so `labels export` prints
 * each judged mention with its text and what the analyzer said of it when it was stored, in a shape `cli analyze`
 * reads, and `npm run eval -- --office FILE` scores the analyzer that ran then and the build at hand against them.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IncidentStatus } from '@mw/shared';
import { DataSource } from 'typeorm';
import { MentionReader } from '../../analysis';
import { iso } from '../incident-rows';
import { CoverageStore, type JudgedCoverageRow } from '../store/coverage.store';

/** One line of `labels export`: one mention a person judged through its ticket. */
export interface JudgedMention {
  /** The mention's id; with title, summary, url, outlet and publishedAt the line is also `cli analyze` input. */
  id: string;
  title: string;
  summary: string;
  url: string | null;
  outlet: string;
  publishedAt: string | null;
  /** The units the ticket's copy of the mention names. */
  units: string[];
  /** "incident": on a ticket a person acknowledged or opened; "false_match": on a ticket dismissed as one. */
  judgement: 'incident' | 'false_match';
  /** The dismissal's reason, for a false match. */
  reason: string | null;
  judgedAt: string;
  ticket: { number: string; origin: string; status: string; severity: string; category: string | null };
  /** What the analysis stage said when it stored the mention; null when the mention row is gone. */
  analysed: { incident: boolean; sentiment: string | null; category: string | null } | null;
}

@Injectable()
export class JudgementsExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly coverage: CoverageStore,
    private readonly mentions: MentionReader,
  ) {}

  /** Every judged mention, oldest judgement first, read in one transaction so the two reads agree. */
  async list(): Promise<JudgedMention[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const rows = await this.coverage.judged(m);
      const stored = await this.mentions.summariesAndFlags([...new Set(rows.map((r) => r.mention_id))], m);
      return rows.map((r) => toJudged(r, stored.get(r.mention_id)));
    });
  }
}

/** A judged row as its export line; `stored` is the mention row's summary and flag, undefined when it is gone. */
function toJudged(r: JudgedCoverageRow, stored: { summary: string; incident: boolean } | undefined): JudgedMention {
  return {
    id: r.mention_id,
    title: r.title,
    summary: stored?.summary ?? '',
    url: r.url,
    outlet: r.outlet,
    publishedAt: iso(r.published_at),
    units: r.unit_codes,
    judgement: r.status === IncidentStatus.Dismissed ? 'false_match' : 'incident',
    reason: r.status === IncidentStatus.Dismissed ? r.reason : null,
    judgedAt: iso(r.judged_at) as string,
    ticket: {
      number: r.number,
      origin: r.origin,
      status: r.status,
      severity: r.severity,
      category: r.incident_category,
    },
    analysed: stored ? { incident: stored.incident, sentiment: r.sentiment_label, category: r.category } : null,
  };
}
