import { Injectable, NotFoundException } from '@nestjs/common';
import {
  ErrorCode,
  type AcknowledgeVia,
  type DeliveryChannel,
  type DeliveryStatus,
  type DeliveryView,
  type InAppNotificationList,
  type InAppNotificationView,
  type InboxIncidentRef,
  type Language,
} from '@mw/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { PeopleService } from '../organisation';
import type { InboxIncidentLookup } from './inbox-incident-lookup';
import { ACKNOWLEDGEABLE_TEMPLATES } from './notification-ack.service';
import { messageLink, renderNotification } from './notification-templates';
import { returnedRows } from '../../common/database/returned-rows';

interface DeliveryRow {
  id: string;
  event: string;
  level: number;
  template: string;
  channel: DeliveryChannel;
  recipient_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  not_before: Date;
  next_attempt_at: Date;
  sent_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_via: AcknowledgeVia | null;
}

interface InboxRow {
  id: string;
  incident_id: string | null;
  event: string;
  template: string;
  params: Record<string, string>;
  urgent: boolean;
  created_at: Date;
  read_at: Date | null;
  acknowledged_at: Date | null;
}

const INBOX_LIMIT = 100;

/** What the message itself recorded about its incident when it was sent (the enqueuing module's params). */
function snapshotOf(incidentId: string, params: Record<string, string>): InboxIncidentRef {
  const number = Number(params.number);
  return {
    id: incidentId,
    number: Number.isFinite(number) ? number : 0,
    title: params.title ?? '',
    severity: /^S[1-4]$/.test(params.severity ?? '') ? (params.severity as string) : null,
    units: (params.units ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u.length > 0),
    status: null,
    ackDueAt: params.ackDueAt ?? null,
    acknowledgedAt: null,
  };
}

/** Read side: delivery state for an incident ticket, and a person's in-app inbox. */
@Injectable()
export class NotificationsQuery {
  private incidentLookup: InboxIncidentLookup | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Registered by the incidents module (see InboxIncidentLookup). */
  useIncidentLookup(lookup: InboxIncidentLookup): void {
    this.incidentLookup = lookup;
  }

  /** Every notification of an incident with its delivery state; the caller checks the reader's scope. */
  async deliveriesForIncident(incidentId: string): Promise<DeliveryView[]> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, event, level, template, channel, recipient_id, status, attempts, last_error, created_at, not_before,
              next_attempt_at, sent_at, acknowledged_at, acknowledged_by, acknowledged_via
       FROM notification WHERE incident_id = $1 ORDER BY created_at, level, recipient_id, channel`,
      [incidentId],
    );
    const names = await this.namesOf(
      rows.flatMap((r) => [r.recipient_id, ...(r.acknowledged_by ? [r.acknowledged_by] : [])]),
    );
    const person = (id: string) => ({ id, name: names.get(id) ?? '—' });
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      level: r.level,
      template: r.template,
      channel: r.channel,
      recipient: person(r.recipient_id),
      status: r.status,
      attempts: r.attempts,
      retried: r.attempts > 1,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      notBefore: r.not_before.toISOString(),
      nextAttemptAt: r.status === 'pending' || r.status === 'failed' ? r.next_attempt_at.toISOString() : null,
      sentAt: r.sent_at?.toISOString() ?? null,
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: r.acknowledged_by ? person(r.acknowledged_by) : null,
      acknowledgedVia: r.acknowledged_via,
    }));
  }

  /** The person's in-app notifications, newest first, rendered in their language. */
  async inbox(reader: AuthUser, language: Language): Promise<InAppNotificationList> {
    const personId = reader.id;
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT id, incident_id, event, template, params, urgent, created_at, read_at, acknowledged_at
       FROM notification WHERE recipient_id = $1 AND channel = 'in_app' AND status = 'sent'
       ORDER BY created_at DESC LIMIT $2`,
      [personId, INBOX_LIMIT],
    );
    const unread = await this.unreadCount(personId);
    const incidentIds = rows.flatMap((r) => (r.incident_id ? [r.incident_id] : []));
    const current = this.incidentLookup ? await this.incidentLookup.find(incidentIds, reader) : null;
    const base = this.config.env.MW_PUBLIC_URL.replace(/\/+$/, '');
    const items: InAppNotificationView[] = rows.map((r) => {
      const link = messageLink(base, { incidentId: r.incident_id, template: r.template, params: r.params });
      const rendered = renderNotification(r.template, {
        language,
        params: r.params,
        incidentLink: null,
        ackLink: null,
      });
      return {
        id: r.id,
        incidentId: r.incident_id,
        incident: r.incident_id ? (current?.get(r.incident_id)?.incident ?? snapshotOf(r.incident_id, r.params)) : null,
        // The same rule as the acknowledgement itself: a message that asks for one, read by someone who may give it.
        asksAcknowledgement:
          r.incident_id !== null &&
          ACKNOWLEDGEABLE_TEMPLATES.has(r.template) &&
          (current === null || current.get(r.incident_id)?.mayAcknowledge === true),
        event: r.event,
        template: r.template,
        title: rendered.subject,
        body: rendered.body,
        link,
        urgent: r.urgent,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      };
    });
    return { items, unread };
  }

  /** In-app notifications delivered to the person and not read yet (the bell's count). */
  async unreadCount(personId: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notification
       WHERE recipient_id = $1 AND channel = 'in_app' AND status = 'sent' AND read_at IS NULL`,
      [personId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Marks every delivered in-app notification of the person read; returns how many changed. */
  async markAllRead(personId: string): Promise<number> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE notification SET read_at = $2
         WHERE recipient_id = $1 AND channel = 'in_app' AND status = 'sent' AND read_at IS NULL RETURNING id`,
        [personId, this.clock.now()],
      ),
    );
    return rows.length;
  }

  /** Marks one of the person's in-app notifications read (idempotent); 404 for anyone else's. */
  async markRead(personId: string, notificationId: string): Promise<void> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE notification SET read_at = COALESCE(read_at, $3)
         WHERE id = $1 AND recipient_id = $2 AND channel = 'in_app' RETURNING id`,
        [notificationId, personId, this.clock.now()],
      ),
    );
    if (rows.length === 0) throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Unknown notification' });
  }

  /**
   * The delivery side of the pipeline's health: messages whose time has come but are not sent yet (new, retry due, or
   * held by a worker whose lease ran out), and messages given up in the last 7 days. Both read partial indexes.
   */
  async deliveryBacklog(): Promise<{ due: number; dead: number }> {
    const now = this.clock.now();
    const rows: { due: number; dead: number }[] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM notification
                WHERE status IN ('pending', 'failed') AND next_attempt_at <= $1) +
              (SELECT count(*)::int FROM notification WHERE status = 'sending' AND lease_until < $1) AS due,
              (SELECT count(*)::int FROM notification
                WHERE status = 'dead' AND created_at > $1::timestamptz - interval '7 days') AS dead`,
      [now],
    );
    return { due: rows[0]?.due ?? 0, dead: rows[0]?.dead ?? 0 };
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const p = await this.people.get(id).catch(() => null);
        if (p) names.set(id, p.name);
      }),
    );
    return names;
  }
}
