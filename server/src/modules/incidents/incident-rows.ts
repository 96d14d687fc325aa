import type { Category, IncidentOrigin, IncidentStatus, Severity } from '@mw/shared';
import type { StoredSeverityReason } from './incident-messages';

/** An `incident` row as the service reads it. */
export interface IncidentRow {
  id: string;
  number: string;
  title: string;
  description: string;
  origin: IncidentOrigin;
  status: IncidentStatus;
  severity: Severity;
  /** jsonb: `{code, params, text}` objects, read through `readSeverityReason`. */
  severity_reasons: StoredSeverityReason[];
  severity_manual: boolean;
  category: Category | null;
  source_url: string | null;
  story_ids: string[];
  outlets: string[];
  reach: number;
  mention_count: number;
  unreachable_units: string[];
  unit_names: string;
  merged_into: string | null;
  opened_at: Date;
  recorded_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  investigating_at: Date | null;
  response_drafted_at: Date | null;
  awaiting_approval_at: Date | null;
  responded_at: Date | null;
  resolved_at: Date | null;
  dismissed_at: Date | null;
}

export interface IncidentMentionRow {
  mention_id: string;
  incident_id: string;
  story_id: string | null;
  title: string;
  url: string | null;
  outlet: string;
  source_kind: string | null;
  published_at: Date | null;
  sentiment: number | null;
  sentiment_label: string | null;
  reach_weight: number;
  severity: Severity | null;
  severity_reasons: string[];
  category: Category | null;
  unit_codes: string[];
  attached_at: Date;
  recorded_at: Date;
}

export const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
