/**
 * The incidents module's one door to notifications and realtime, escalation steps included. The notifications module
 * owns the outbox, the channels and the per-person choice of channels; this adapter asks its planner for requests
 * and enqueues them with the caller's EntityManager, so a notification commits or rolls back with the step that
 * caused it. The outbox's dedup key (incident, event, level, recipient, channel) is what makes a repeated step send
 * nothing twice.
 */
import { Injectable, Logger } from '@nestjs/common';
import { RealtimeEvent, type DeliveryView, type Severity } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { NotificationOutbox, NotificationPlanner, NotificationsQuery } from '../notifications';
import { RealtimeService } from '../realtime';
import { IncidentStore } from './store/incident.store';

export interface NotificationPlanInput {
  incidentId: string;
  event: string;
  level: number;
  recipientIds: string[];
  severity: Severity;
  template: string;
  params: Record<string, string>;
  /** Overrides "S1 is urgent" (false for old coverage: held in quiet hours like any other). */
  urgent?: boolean;
}

export interface IncidentChange {
  incidentId: string;
  unitCodes: string[];
  severity: string;
  status: string;
  title: string;
  summary: string;
}

@Injectable()
export class IncidentNotifier {
  private readonly logger = new Logger('incidents');

  constructor(
    private readonly store: IncidentStore,
    private readonly config: AppConfig,
    private readonly planner: NotificationPlanner,
    private readonly outbox: NotificationOutbox,
    private readonly query: NotificationsQuery,
    private readonly realtime: RealtimeService,
  ) {}

  /** Plans and enqueues one step's notifications inside the caller's transaction; returns how many were new. */
  async notify(manager: EntityManager, input: NotificationPlanInput): Promise<number> {
    if (input.recipientIds.length === 0) return 0;
    const requests = await this.planner.plan(manager, input);
    return requests.length === 0 ? 0 : this.outbox.enqueue(manager, requests);
  }

  async deliveriesFor(incidentId: string): Promise<DeliveryView[]> {
    return this.query.deliveriesForIncident(incidentId);
  }

  /** Parameters every incident message template receives. */
  templateParams(ctx: {
    id: string;
    number: string;
    title: string;
    severity: Severity;
    unitNames: string[];
  }): Record<string, string> {
    const base = this.config.env.MW_PUBLIC_URL.replace(/\/+$/, '');
    return {
      incidentId: ctx.id,
      number: ctx.number,
      title: ctx.title,
      severity: ctx.severity,
      units: ctx.unitNames.join(', '),
      link: `${base}/incidents/${ctx.id}`,
    };
  }

  /**
   * Live update for dashboards (after commit): 'incident.opened' publishes a creation, anything else an update.
   * `formerUnitCodes`: units that have just lost the incident; their rooms hear this update too.
   */
  publishChange(id: string, event: string, formerUnitCodes: readonly string[] = []): void {
    void this.store
      .summary(id)
      .then((r) => {
        if (!r) return;
        const change = {
          incidentId: id,
          unitCodes: r.units,
          severity: r.severity,
          status: r.status,
          title: r.title,
          summary: event,
        };
        this.publish(event === 'incident.opened' ? 'created' : 'updated', change, formerUnitCodes);
      })
      .catch(() => undefined);
  }

  /**
   * Live update for dashboards in the incident's unit rooms and the office room; call after commit.
   * `formerUnitCodes` (updates only): units the incident has just left, whose rooms need the update to drop it. The
   * update carries no title or text, only the id, status and current units, which those rooms already knew.
   */
  publish(kind: 'created' | 'updated', change: IncidentChange, formerUnitCodes: readonly string[] = []): void {
    const units = kind === 'updated' ? [...new Set([...change.unitCodes, ...formerUnitCodes])] : change.unitCodes;
    const rooms = ['office', ...units.map((c) => `unit:${c}`)];
    try {
      if (kind === 'created') {
        this.realtime.publish(rooms, RealtimeEvent.IncidentCreated, {
          incidentId: change.incidentId,
          unitCodes: change.unitCodes,
          severity: change.severity,
          title: change.title,
        });
      } else {
        this.realtime.publish(rooms, RealtimeEvent.IncidentUpdated, {
          incidentId: change.incidentId,
          unitCodes: change.unitCodes,
          status: change.status,
          summary: change.summary,
        });
      }
    } catch (err) {
      this.logger.warn(`realtime publish failed: ${String(err)}`);
    }
  }
}
