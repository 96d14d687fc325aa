/**
 * The sources module's metrics (see common/metrics/metrics.ts): items stored and poll outcomes per source, counted
 * by the instance that did the work. Cardinality stays bounded: the outcome is one of a closed list of codes, and
 * after MAX_SOURCE_SERIES distinct sources (the registry holds a few dozen) further ones are counted as `other`.
 */
import { Injectable } from '@nestjs/common';
import { SOURCE_ERROR_CODES } from '@mw/shared';
import type { Counter } from 'prom-client';
import { Metrics } from '../../common/metrics/metrics';

export const MAX_SOURCE_SERIES = 500;
/** Outcomes besides the shared error codes. */
const OUTCOMES = new Set<string>(['ok', 'not_modified', 'INTERRUPTED', 'LEASE_LOST', ...SOURCE_ERROR_CODES]);

export interface PolledSource {
  id: string;
  name: string;
}

export interface PollResult {
  ok: boolean;
  notModified: boolean;
  itemsStored: number;
  error: { code: string } | null;
}

@Injectable()
export class SourceMetrics {
  private readonly stored: Counter;
  private readonly polls: Counter<'source_id' | 'source' | 'outcome'>;
  private readonly seen = new Set<string>();

  constructor(metrics: Metrics) {
    this.stored = metrics.counter({
      name: 'mw_items_stored_total',
      help: 'Feed items stored (new rows only) by the polls of this instance.',
    });
    this.polls = metrics.counter({
      name: 'mw_source_polls_total',
      help: 'Polls run by this instance, by source and outcome (ok, not_modified, or the error code).',
      labelNames: ['source_id', 'source', 'outcome'],
    });
  }

  polled(source: PolledSource, result: PollResult): void {
    if (result.itemsStored > 0) this.stored.inc(result.itemsStored);
    const outcome = result.ok ? (result.notModified ? 'not_modified' : 'ok') : (result.error?.code ?? 'UNEXPECTED');
    const known = this.seen.has(source.id) || this.seen.size < MAX_SOURCE_SERIES;
    if (known) this.seen.add(source.id);
    this.polls.inc({
      source_id: known ? source.id : 'other',
      source: known ? source.name.slice(0, 100) : 'other',
      outcome: OUTCOMES.has(outcome) ? outcome : 'OTHER',
    });
  }
}
