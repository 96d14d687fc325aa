/**
 * The transactional outbox: callers (incidents, escalation) enqueue notifications with the EntityManager of the
 * transaction that records the cause, so a rolled-back incident notifies nobody and a committed one is certain to
 * be delivered. The unique dedup key (incident, event, level, recipient, channel) turns a repeated enqueue (a retried
 * escalation tick, a second instance) into nothing. The enqueue also issues `NOTIFY`, which PostgreSQL delivers
 * only at commit: the delivery workers wake at once instead of at their next tick.
 */
import { Injectable } from '@nestjs/common';
import type { DeliveryChannel } from '@mw/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';

/** PostgreSQL channel the delivery workers LISTEN on. */
export const NOTIFICATION_WAKE_CHANNEL = 'mw_notification_due';

export interface NotificationRequest {
  incidentId: string | null;
  event: string;
  level: number;
  recipientId: string;
  channel: DeliveryChannel;
  template: string;
  params: Record<string, string>;
  urgent: boolean;
  /** Not sent before this time (quiet hours); now when absent. Set by NotificationPlanner. */
  notBefore?: Date;
}

/** incident, event, level, recipient, channel: what makes two requests the same notification. */
export function dedupKeyOf(r: Pick<NotificationRequest, 'incidentId' | 'event' | 'level' | 'recipientId' | 'channel'>) {
  return [r.incidentId ?? '-', r.event, String(r.level), r.recipientId, r.channel].join('|');
}

const CHANNELS = new Set<string>(['in_app', 'email', 'zalo', 'webhook']);

@Injectable()
export class NotificationOutbox {
  constructor(private readonly clock: Clock) {}

  /** Inserts the requests not already in the outbox, inside the caller's transaction; returns how many were new. */
  async enqueue(manager: EntityManager, requests: NotificationRequest[]): Promise<number> {
    if (requests.length === 0) return 0;
    for (const r of requests) {
      if (!CHANNELS.has(r.channel)) throw new Error(`unknown notification channel ${r.channel}`);
    }
    const now = this.clock.now();
    const notBefore = requests.map((r) => (r.notBefore && r.notBefore > now ? r.notBefore : now));
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification (dedup_key, incident_id, event, level, recipient_id, channel, template, params, urgent,
                                 not_before, next_attempt_at, created_at)
       SELECT k, i, e, l, rc, c, t, p, u, nb, nb, $11
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[],
                   $9::boolean[], $10::timestamptz[]) AS x(k, i, e, l, rc, c, t, p, u, nb)
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id`,
      [
        requests.map(dedupKeyOf),
        requests.map((r) => r.incidentId),
        requests.map((r) => r.event),
        requests.map((r) => r.level),
        requests.map((r) => r.recipientId),
        requests.map((r) => r.channel),
        requests.map((r) => r.template),
        requests.map((r) => JSON.stringify(stringParams(r.params))),
        requests.map((r) => r.urgent),
        notBefore,
        now,
      ],
    );
    if (rows.length > 0) await manager.query(`SELECT pg_notify($1, '')`, [NOTIFICATION_WAKE_CHANNEL]);
    return rows.length;
  }
}

function stringParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v).normalize('NFC')]));
}
