/**
 * Delivery workers. Due rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease in the same statement
 * (status 'sending', lease_owner, lease_until, attempts + 1), so any number of instances share the outbox and
 * never send the same row at once. After the channel accepted a message the row is marked 'sent' — but only by the
 * lease holder. A failure schedules the next attempt (exponential back-off) or, after MW_NOTIFY_MAX_ATTEMPTS or a
 * permanent refusal, marks the row 'dead'.
 *
 * A crash between sending and marking leaves the row 'sending' with a lease that runs out; the next claim after
 * MW_NOTIFY_LEASE_SECONDS takes it and sends again. That re-send is the only way a notification goes out twice; each
 * channel carries a stable key so the far side can drop it: in-app the notification id, e-mail the Message-ID,
 * Zalo the tracking_id, webhook the Idempotency-Key header (see the top of each channel file).
 */
import { BeforeApplicationShutdown, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { DeliveryChannel, DeliveryStatus } from '@mw/shared';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { claimLeased } from '../../common/database/row-lease';
import { WakeLoop } from '../../common/work/wake-loop';
import { AppConfig } from '../../config/app-config';
import { PeopleService } from '../organisation';
import {
  describeError,
  NOTIFICATION_CHANNELS,
  NotificationChannelAdapter,
  PermanentDeliveryError,
  RecipientContact,
} from './channels/notification-channel';
import { ACKNOWLEDGEABLE_TEMPLATES, NotificationAckService } from './notification-ack.service';
import { messageLink } from './notification-templates';
import { returnedRows } from '../../common/database/returned-rows';
import { mayRetry, retryDelayMs, RetryPolicy } from './retry-policy';

/** Rows one instance claims per round; they are sent concurrently. */
export const DELIVERY_BATCH_SIZE = 10;
const MAX_ROUNDS_PER_TICK = 50;

export interface ClaimedNotification {
  id: string;
  incident_id: string | null;
  event: string;
  level: number;
  recipient_id: string;
  channel: DeliveryChannel;
  template: string;
  params: Record<string, string>;
  urgent: boolean;
  attempts: number;
  created_at: Date;
}

export interface DeliveryOutcome {
  id: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
}

@Injectable()
export class NotificationDeliveryService implements BeforeApplicationShutdown {
  /** Who holds a lease: host, process and this app instance (two apps in one test process differ). */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly logger = new Logger('notifications');
  private readonly byChannel: Map<DeliveryChannel, NotificationChannelAdapter>;
  /** Sends everything due, round after round, until nothing is due (see WakeLoop). */
  private readonly loop = new WakeLoop<DeliveryOutcome[]>({
    result: () => [],
    maxRounds: MAX_ROUNDS_PER_TICK,
    pass: async (outcomes) => {
      const claimed = await this.claimDue(DELIVERY_BATCH_SIZE);
      outcomes.push(...(await Promise.all(claimed.map((n) => this.deliver(n)))));
      return claimed.length >= DELIVERY_BATCH_SIZE;
    },
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly ack: NotificationAckService,
    @Inject(NOTIFICATION_CHANNELS) adapters: NotificationChannelAdapter[],
  ) {
    this.byChannel = new Map(adapters.map((a) => [a.channel, a]));
  }

  get retryPolicy(): RetryPolicy {
    const env = this.config.env;
    return {
      maxAttempts: env.MW_NOTIFY_MAX_ATTEMPTS,
      baseMs: env.MW_NOTIFY_RETRY_BASE_SECONDS * 1000,
      maxMs: env.MW_NOTIFY_RETRY_MAX_SECONDS * 1000,
    };
  }

  /**
   * Sends everything due, round after round, until nothing is due. A call while a run is going on does not start a
   * second one: it makes the running one look again before it ends (a wake-up during a run is never lost).
   */
  deliverDue(): Promise<DeliveryOutcome[]> {
    return this.loop.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.close();
  }

  /** Claims up to `limit` due rows (new, retry due, or abandoned by a crashed worker) for this instance. */
  async claimDue(limit: number): Promise<ClaimedNotification[]> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.env.MW_NOTIFY_LEASE_SECONDS * 1000);
    // A 'sending' row whose lease ran out was abandoned by a crashed worker (its lease is the only condition).
    return claimLeased<ClaimedNotification>(
      this.dataSource,
      {
        table: 'notification',
        alias: 'n',
        due: `(status IN ('pending', 'failed') AND next_attempt_at <= $1) OR status = 'sending'`,
        orderBy: 'urgent DESC, next_attempt_at',
        limit,
        set: `status = 'sending', attempts = n.attempts + 1`,
        returning: `n.id, n.incident_id, n.event, n.level, n.recipient_id, n.channel, n.template, n.params, n.urgent,
                   n.attempts, n.created_at`,
      },
      { owner: this.instanceId, now, until },
    );
  }

  /** Sends one claimed row and records the outcome. Never throws. */
  async deliver(n: ClaimedNotification): Promise<DeliveryOutcome> {
    try {
      const adapter = this.byChannel.get(n.channel);
      if (!adapter) throw new PermanentDeliveryError(`no adapter for channel ${n.channel}`);
      const recipient = await this.contactOf(n.recipient_id, n.channel);
      const base = this.config.env.MW_PUBLIC_URL.replace(/\/+$/, '');
      const result = await adapter.send({
        notificationId: n.id,
        incidentId: n.incident_id,
        event: n.event,
        level: n.level,
        template: n.template,
        params: n.params,
        urgent: n.urgent,
        recipient,
        incidentLink: messageLink(base, { incidentId: n.incident_id, template: n.template, params: n.params }),
        ackLink:
          n.incident_id &&
          n.channel !== 'in_app' &&
          n.channel !== 'webhook' &&
          ACKNOWLEDGEABLE_TEMPLATES.has(n.template)
            ? this.ack.linkFor(n.id)
            : null,
        createdAt: n.created_at,
      });
      return await this.markSent(n, result.providerMessageId);
    } catch (error) {
      return this.markFailed(n, error);
    }
  }

  private async contactOf(personId: string, channel: DeliveryChannel): Promise<RecipientContact> {
    let person;
    try {
      person = await this.people.get(personId);
    } catch (error) {
      if (error instanceof NotFoundException) throw new PermanentDeliveryError('the recipient does not exist');
      throw error;
    }
    if (!person.active && channel !== 'webhook') throw new PermanentDeliveryError('the recipient is deactivated');
    return { id: person.id, name: person.name, email: person.email, zaloId: person.zaloId, language: person.language };
  }

  private async markSent(n: ClaimedNotification, providerMessageId: string | null): Promise<DeliveryOutcome> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE notification
           SET status = 'sent', sent_at = $3, provider_message_id = $4, last_error = NULL,
               lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND status = 'sending'
         RETURNING id`,
        [n.id, this.instanceId, this.clock.now(), providerMessageId],
      ),
    );
    if (rows.length === 0) {
      this.logger.warn({ msg: 'lease lost before marking a notification sent', notificationId: n.id });
    }
    return { id: n.id, channel: n.channel, status: 'sent', attempts: n.attempts, error: null };
  }

  private async markFailed(n: ClaimedNotification, error: unknown): Promise<DeliveryOutcome> {
    const message = describeError(error);
    const permanent = error instanceof PermanentDeliveryError;
    const policy = this.retryPolicy;
    const dead = permanent || !mayRetry(n.attempts, policy);
    const now = this.clock.now();
    const next = new Date(now.getTime() + retryDelayMs(n.attempts, policy));
    await this.dataSource
      .query(
        `UPDATE notification
           SET status = $3, last_error = $4, next_attempt_at = CASE WHEN $3 = 'failed' THEN $5 ELSE next_attempt_at END,
               lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 AND status = 'sending'`,
        [n.id, this.instanceId, dead ? 'dead' : 'failed', message, next],
      )
      .catch((e: unknown) => this.logger.error(`could not record a failed delivery of ${n.id}: ${String(e)}`));
    this.logger.warn({
      msg: dead ? 'notification given up' : 'notification delivery failed; will retry',
      notificationId: n.id,
      channel: n.channel,
      attempts: n.attempts,
      error: message,
    });
    return { id: n.id, channel: n.channel, status: dead ? 'dead' : 'failed', attempts: n.attempts, error: message };
  }
}
