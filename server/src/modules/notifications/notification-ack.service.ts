import {
  ForbiddenException,
  GoneException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ErrorCode, type AcknowledgeFromMessageResult, type AcknowledgeVia } from '@mw/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock/clock';
import { returnedRows } from '../../common/database/returned-rows';
import { sharedSecret } from '../../common/database/app-settings';
import { AppConfig } from '../../config/app-config';
import { PeopleService } from '../organisation';
import { signAckToken, verifyAckToken } from './ack-token';
import type { IncidentAcknowledger } from './incident-acknowledger';

const ACK_SECRET_SETTING = 'notification_ack_secret';

/** Templates whose messages ask the recipient to acknowledge the incident. */
export const ACKNOWLEDGEABLE_TEMPLATES = new Set([
  'incident.opened',
  'incident.escalated',
  'incident.severity_raised',
  'incident.response_overdue',
]);

/**
 * Acknowledging an incident from a message: signed, expiring links (MW_ACK_LINK_SECRET or a secret generated once
 * into app_setting, shared by every instance), single use because the notification row records the
 * acknowledgement once. Only messages that ask for an acknowledgement count, only for a recipient who is still
 * active and may acknowledge the incident (the incidents module's acknowledger decides, by role and unit), and the
 * message and the incident are acknowledged in one transaction.
 */
@Injectable()
export class NotificationAckService implements OnModuleInit {
  private readonly logger = new Logger('notifications');
  private secret = '';
  private acknowledger: IncidentAcknowledger | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly people: PeopleService,
  ) {}

  /** Registered by the incidents module (see IncidentAcknowledger). */
  useAcknowledger(acknowledger: IncidentAcknowledger): void {
    this.acknowledger = acknowledger;
  }

  async onModuleInit(): Promise<void> {
    const configured = this.config.env.MW_ACK_LINK_SECRET;
    if (configured) {
      this.secret = configured;
      return;
    }
    this.secret = await sharedSecret(this.dataSource, ACK_SECRET_SETTING);
    if (this.secret.length < 32) throw new Error('the stored acknowledge-link secret is missing or too short');
  }

  /** The public acknowledge URL for a notification, valid MW_ACK_LINK_TTL_HOURS from now. */
  linkFor(notificationId: string): string {
    const expires = new Date(this.clock.now().getTime() + this.config.env.MW_ACK_LINK_TTL_HOURS * 3600_000);
    const base = this.config.env.MW_PUBLIC_URL.replace(/\/+$/, '');
    return `${base}/api/notifications/ack/${signAckToken(this.secret, notificationId, expires)}`;
  }

  /** Checks a token without using it: the signature and expiry only. */
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

  /**
   * The confirmation page's check: the link would be accepted now (signed and unexpired, unused, asking for an
   * acknowledgement, its recipient active and allowed to acknowledge the incident). Uses nothing.
   */
  async preview(token: string): Promise<void> {
    const { notificationId } = this.check(token);
    const m = this.dataSource.manager;
    const row = await this.usable(m, notificationId, null);
    const person = await this.recipient(m, row);
    const acknowledger = this.requireAcknowledger();
    if (!(await acknowledger.acknowledgeable(person, [row.incident_id], m)).has(row.incident_id)) {
      throw mayNotAcknowledge();
    }
  }

  /** Uses a link: acknowledges the incident for the message's recipient and records who and how, together. */
  async acknowledgeByToken(token: string): Promise<AcknowledgeFromMessageResult> {
    const { notificationId } = this.check(token);
    return this.acknowledge(notificationId, null);
  }

  /** The in-app button: the signed-in person acknowledges through their own in-app notification. */
  async acknowledgeInApp(personId: string, notificationId: string): Promise<AcknowledgeFromMessageResult> {
    return this.acknowledge(notificationId, personId);
  }

  /**
   * One transaction for both writes: the incident's acknowledgement (through the incidents module's acknowledger,
   * which checks the person's roles at the incident's units) and the message's. A failure in either leaves both
   * undone, so the link still works and the escalation goes on; a link used twice at once acknowledges once (the
   * second waits for the incident's lock, then finds the message used and rolls back).
   */
  private async acknowledge(notificationId: string, personId: string | null): Promise<AcknowledgeFromMessageResult> {
    const acknowledger = this.requireAcknowledger();
    let announce: (() => void) | null = null;
    const result = await this.dataSource.transaction(async (m) => {
      const row = await this.usable(m, notificationId, personId);
      const person = await this.recipient(m, row);
      const via = row.channel as AcknowledgeVia;
      const outcome = await acknowledger.acknowledge(m, { incidentId: row.incident_id, person, via });
      const marked = returnedRows<{ id: string }>(
        await m.query(
          `UPDATE notification SET acknowledged_at = $2, acknowledged_by = recipient_id, acknowledged_via = channel
           WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
          [notificationId, this.clock.now()],
        ),
      );
      if (marked.length === 0) throw alreadyUsed();
      announce = outcome.announce;
      return { incidentId: row.incident_id, personId: row.recipient_id, via, changed: outcome.changed };
    });
    (announce as (() => void) | null)?.();
    this.logger.log({ msg: 'incident acknowledged from a message', notificationId, ...result });
    return { incidentId: result.incidentId, personId: result.personId, via: result.via };
  }

  /**
   * The message behind a link or an in-app button, if it can acknowledge: it exists (and, in-app, is the person's
   * own in-app copy), is about an incident, is unused and asks for an acknowledgement. Webhook copies never do.
   */
  private async usable(m: EntityManager, notificationId: string, personId: string | null): Promise<AckableRow> {
    const rows: (AckableRow & { acknowledged_at: Date | null; template: string })[] = await m.query(
      `SELECT id, incident_id, recipient_id, channel, template, acknowledged_at FROM notification
       WHERE id = $1 AND incident_id IS NOT NULL AND channel <> 'webhook'
         AND ($2::uuid IS NULL OR (recipient_id = $2 AND channel = 'in_app'))`,
      [notificationId, personId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Unknown notification' });
    if (row.acknowledged_at) throw alreadyUsed();
    if (!ACKNOWLEDGEABLE_TEMPLATES.has(row.template)) {
      this.logger.warn({ msg: 'acknowledgement refused: not asked', notificationId, template: row.template });
      throw new ForbiddenException({
        code: ErrorCode.Forbidden,
        message: 'This message does not ask for an acknowledgement',
      });
    }
    return row;
  }

  /** The message's recipient as the guard would see them now: a deactivated person's links stop working. */
  private async recipient(m: EntityManager, row: AckableRow): Promise<AuthUser> {
    const person = await this.people.loadAuthUser(row.recipient_id, m);
    if (!person) {
      this.logger.warn({ msg: 'acknowledgement refused: recipient inactive', notificationId: row.id });
      throw new ForbiddenException({
        code: ErrorCode.Forbidden,
        message: 'This acknowledge link belongs to an account that is no longer active',
      });
    }
    return person;
  }

  private requireAcknowledger(): IncidentAcknowledger {
    if (!this.acknowledger) {
      throw new ServiceUnavailableException({
        code: ErrorCode.Internal,
        message: 'Incidents cannot be acknowledged by this server',
      });
    }
    return this.acknowledger;
  }
}

interface AckableRow {
  id: string;
  incident_id: string;
  recipient_id: string;
  channel: string;
}

function alreadyUsed(): GoneException {
  return new GoneException({ code: ErrorCode.Conflict, message: 'This acknowledge link was already used' });
}

export function mayNotAcknowledge(): ForbiddenException {
  return new ForbiddenException({
    code: ErrorCode.Forbidden,
    message: 'Your roles at the schools of this incident do not let you acknowledge it',
  });
}
