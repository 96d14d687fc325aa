import { GoneException, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { ErrorCode, type AcknowledgeFromMessageResult, type AcknowledgeVia } from '@mw/shared';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DomainEventBus } from '../../common/events/domain-events';
import { AppConfig } from '../../config/app-config';
import { signAckToken, verifyAckToken } from './ack-token';
import { returnedRows } from '../../common/database/returned-rows';

const ACK_SECRET_SETTING = 'notification_ack_secret';

/** Templates whose messages ask the recipient to acknowledge the incident. */
export const ACKNOWLEDGEABLE_TEMPLATES = new Set([
  'incident.opened',
  'incident.escalated',
  'incident.response_overdue',
]);

/**
 * Acknowledging an incident from a message: signed, expiring links (MW_ACK_LINK_SECRET or a secret generated once
 * into app_setting, shared by every instance), single use because the notification row records the
 * acknowledgement once. The incidents module does the acknowledging on 'incident.ack_requested'.
 */
@Injectable()
export class NotificationAckService implements OnModuleInit {
  private readonly logger = new Logger('notifications');
  private secret = '';

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: DomainEventBus,
  ) {}

  async onModuleInit(): Promise<void> {
    const configured = this.config.env.MW_ACK_LINK_SECRET;
    if (configured) {
      this.secret = configured;
      return;
    }
    await this.dataSource.query(
      `INSERT INTO app_setting (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING`,
      [ACK_SECRET_SETTING, randomBytes(48).toString('base64url')],
    );
    const rows: { secret: string }[] = await this.dataSource.query(
      `SELECT value #>> '{}' AS secret FROM app_setting WHERE key = $1`,
      [ACK_SECRET_SETTING],
    );
    this.secret = rows[0]?.secret ?? '';
    if (this.secret.length < 32) throw new Error('the stored acknowledge-link secret is missing or too short');
  }

  /** The public acknowledge URL for a notification, valid MW_ACK_LINK_TTL_HOURS from now. */
  linkFor(notificationId: string): string {
    const expires = new Date(this.clock.now().getTime() + this.config.env.MW_ACK_LINK_TTL_HOURS * 3600_000);
    const base = this.config.env.MW_PUBLIC_URL.replace(/\/+$/, '');
    return `${base}/api/notifications/ack/${signAckToken(this.secret, notificationId, expires)}`;
  }

  /** Checks a token without using it (the confirmation page). */
  check(token: string): { notificationId: string } {
    const checked = verifyAckToken(this.secret, token, this.clock.now());
    if (!checked.ok) {
      this.logger.warn({ msg: 'acknowledge link refused', reason: checked.reason });
      if (checked.reason === 'expired') {
        throw new GoneException({ code: ErrorCode.NotFound, message: 'This acknowledge link has expired' });
      }
      throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Unknown acknowledge link' });
    }
    return { notificationId: checked.notificationId };
  }

  /** Uses a link: records who acknowledged and how, then asks the incidents module to acknowledge. */
  async acknowledgeByToken(token: string): Promise<AcknowledgeFromMessageResult> {
    const { notificationId } = this.check(token);
    return this.acknowledge(notificationId, null);
  }

  /** The in-app button: the signed-in person acknowledges through their own in-app notification. */
  async acknowledgeInApp(personId: string, notificationId: string): Promise<AcknowledgeFromMessageResult> {
    return this.acknowledge(notificationId, personId);
  }

  private async acknowledge(notificationId: string, personId: string | null): Promise<AcknowledgeFromMessageResult> {
    const rows = returnedRows<{ incident_id: string; recipient_id: string; channel: string }>(
      await this.dataSource.query(
        `UPDATE notification
           SET acknowledged_at = $2, acknowledged_by = recipient_id,
               acknowledged_via = CASE WHEN channel = 'webhook' THEN NULL ELSE channel END
         WHERE id = $1 AND acknowledged_at IS NULL AND incident_id IS NOT NULL AND channel <> 'webhook'
           AND ($3::uuid IS NULL OR (recipient_id = $3 AND channel = 'in_app'))
         RETURNING incident_id, recipient_id, channel`,
        [notificationId, this.clock.now(), personId],
      ),
    );
    const row = rows[0];
    if (!row) {
      const exists: { acknowledged_at: Date | null }[] = await this.dataSource.query(
        `SELECT acknowledged_at FROM notification
         WHERE id = $1 AND incident_id IS NOT NULL AND ($2::uuid IS NULL OR (recipient_id = $2 AND channel = 'in_app'))`,
        [notificationId, personId],
      );
      if (exists[0]?.acknowledged_at) {
        throw new GoneException({ code: ErrorCode.Conflict, message: 'This acknowledge link was already used' });
      }
      throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Unknown notification' });
    }
    const result: AcknowledgeFromMessageResult = {
      incidentId: row.incident_id,
      personId: row.recipient_id,
      via: row.channel as AcknowledgeVia,
    };
    this.logger.log({ msg: 'incident acknowledged from a message', notificationId, ...result });
    this.events.emit('incident.ack_requested', result);
    return result;
  }
}
