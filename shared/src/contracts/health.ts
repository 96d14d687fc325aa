/**
 * Why nothing is being collected, when that is the case:
 * - `no_sources`: no source is enabled;
 * - `all_sources_failing`: every enabled source failed its last poll;
 * - `nothing_stored`: sources answer, but no item has been stored for longer than their usual rhythm.
 */
export const CollectionProblem = {
  NoSources: 'no_sources',
  AllSourcesFailing: 'all_sources_failing',
  NothingStored: 'nothing_stored',
} as const;
export type CollectionProblem = (typeof CollectionProblem)[keyof typeof CollectionProblem];

/** The news pipeline at a glance: collecting, analysing, notifying. */
export interface PipelineHealth {
  /** False when one of the problems above holds: the office is told on every page. */
  collecting: boolean;
  problem: CollectionProblem | null;
  sources: {
    /** Enabled sources. */
    enabled: number;
    /** Enabled sources whose last poll succeeded. */
    ok: number;
    /** Enabled sources whose last poll failed. */
    failing: number;
    /** Enabled sources not polled yet. */
    pending: number;
  };
  /** When the newest feed item was stored (ISO 8601), null when none was ever stored. */
  lastItemStoredAt: string | null;
  /** How long without a new item counts as "nothing stored" (derived from the sources' usual rhythm). */
  quietLimitMinutes: number;
  /** Stored items not analysed yet. */
  itemsAwaitingAnalysis: number;
  notifications: {
    /** Waiting for delivery with their time come (pending or failed and due again). */
    due: number;
    /** Given up after the last attempt, created in the last 7 days. */
    dead: number;
  };
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  version: string;
  uptimeSeconds: number;
  time: string;
  /** Null while the database is unreachable. */
  pipeline: PipelineHealth | null;
}
