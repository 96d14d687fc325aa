/**
 * The gauges GET /api/metrics reads from PostgreSQL at each scrape, through the owners' services: items waiting for
 * analysis (sources), notifications due and dead (notifications), escalations due (escalation). They describe the
 * whole installation, so every instance reports the same values: a scraper takes one instance's (or the max), never
 * the sum. The help texts say so.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { Metrics } from '../../common/metrics/metrics';
import { EscalationClocks } from '../escalation';
import { NotificationsQuery } from '../notifications';
import { CollectionHealthService } from '../sources';

const GLOBAL = 'Read from the database at scrape: the same on every instance (do not sum over instances).';

@Injectable()
export class PipelineGauges {
  private readonly awaitingAnalysis: Gauge;
  private readonly notificationsDue: Gauge;
  private readonly notificationsDead: Gauge;
  private readonly escalationsDue: Gauge;

  constructor(
    metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly collection: CollectionHealthService,
    private readonly notifications: NotificationsQuery,
    private readonly escalation: EscalationClocks,
  ) {
    this.awaitingAnalysis = metrics.gauge({
      name: 'mw_items_awaiting_analysis',
      help: `Stored feed items waiting for analysis. ${GLOBAL}`,
    });
    this.notificationsDue = metrics.gauge({
      name: 'mw_notifications_due',
      help: `Notifications due for delivery now (pending or failed and due, or held by a lapsed lease). ${GLOBAL}`,
    });
    this.notificationsDead = metrics.gauge({
      name: 'mw_notifications_dead',
      help: `Notifications that gave up after their last attempt, created in the last 7 days. ${GLOBAL}`,
    });
    this.escalationsDue = metrics.gauge({
      name: 'mw_escalations_due',
      help: `Incident escalation steps or response deadlines due now and not yet taken. ${GLOBAL}`,
    });
  }

  /** Reads the figures once for this scrape (in parallel, a few counts on indexed columns). */
  async refresh(): Promise<void> {
    const [awaiting, backlog, escalations] = await Promise.all([
      this.collection.itemsAwaitingAnalysis(),
      this.notifications.deliveryBacklog(),
      this.escalation.countDue(this.dataSource.manager, this.clock.now()),
    ]);
    this.awaitingAnalysis.set(awaiting);
    this.notificationsDue.set(backlog.due);
    this.notificationsDead.set(backlog.dead);
    this.escalationsDue.set(escalations);
  }
}
