import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NOTIFICATION_WAKE_CHANNEL } from './notification-outbox.service';

/** Name of the delivery tick in the schedule registry. Its period is MW_NOTIFY_TICK_SECONDS (default 5 s). */
export const NOTIFICATION_DELIVERY_TICK = 'notifications.deliver-due';

/**
 * The delivery tick, plus a wake-up: a LISTEN connection receives the NOTIFY that every enqueue issues at commit,
 * so a new notification leaves within milliseconds; the tick catches retries, quiet-hour releases, expired leases
 * and anything missed while the LISTEN connection was down. Only in instances that run schedules.
 */
@Injectable()
export class NotificationDeliveryCron implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('notifications');
  private listener: Client | null = null;
  private stopped = false;

  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly config: AppConfig,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.registry || !this.config.env.MW_SCHEDULER_ENABLED) return;
    const timer = setInterval(() => this.tick(), this.config.env.MW_NOTIFY_TICK_SECONDS * 1000);
    this.registry.addInterval(NOTIFICATION_DELIVERY_TICK, timer);
    void this.listen();
    setImmediate(() => this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  private tick(): void {
    this.delivery.deliverDue().catch((error: unknown) => this.logger.error(`delivery tick failed: ${String(error)}`));
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'media-watch-listen' });
    client.on('notification', () => this.tick());
    client.on('error', (error) => this.logger.warn(`notification listener error: ${String(error)}`));
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.retryListen();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_WAKE_CHANNEL}`);
      this.listener = client;
      if (this.stopped) await client.end();
    } catch (error) {
      this.logger.warn(`notification listener could not connect: ${String(error)}`);
      await client.end().catch(() => undefined);
      this.retryListen();
    }
  }

  private retryListen(): void {
    if (!this.stopped) setTimeout(() => void this.listen(), 2000).unref();
  }
}
