/**
 * Who gets what on which channel. For each recipient (active people only):
 * - in-app always (it is the inbox; it is not held by quiet hours, since it rings nothing);
 * - e-mail when the person's channels include it (the default), and always for S1;
 * - Zalo when the person has a Zalo id;
 * - a channel not configured on this server (no SMTP_URL, no Zalo endpoint) is left out.
 * S1 is urgent: never held. Anything else falling in the person's quiet hours gets not_before = the end of the
 * window (Asia/Ho_Chi_Minh), so e-mail and Zalo wait until morning while the in-app entry is there at once.
 * Webhooks are not planned per person; a caller that wants one enqueues it directly.
 */
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DeliveryChannel, PersonDetail, QuietHours } from '@mw/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PeopleService, isWithinQuietHours } from '../organisation';
import { NOTIFICATION_CHANNELS, NotificationChannelAdapter } from './channels/notification-channel';
import { NotificationRequest } from './notification-outbox.service';

export type PlanSeverity = 'S1' | 'S2' | 'S3' | 'S4';

export interface PlanArgs {
  incidentId: string | null;
  event: string;
  level: number;
  recipientIds: string[];
  severity: PlanSeverity | null;
  template: string;
  params: Record<string, string>;
  /** Overrides "S1 is urgent": old coverage of an S1 story is not (see the incidents intake). */
  urgent?: boolean;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The first moment at or after `at` when the clock in Ho Chi Minh City reads `quietHours.end`. */
export function quietHoursEnd(quietHours: QuietHours, at: Date): Date {
  const [h, m] = quietHours.end.split(':').map(Number);
  const endMinutes = (h ?? 0) * 60 + (m ?? 0);
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const localMinutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  let delta = endMinutes - localMinutes;
  if (delta <= 0) delta += 1440;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + delta * 60_000);
}

/** Pure part of the plan for one person. */
export function channelsFor(
  person: Pick<PersonDetail, 'zaloId' | 'preferences'>,
  severity: PlanSeverity | null,
  configured: ReadonlySet<DeliveryChannel>,
): DeliveryChannel[] {
  const channels: DeliveryChannel[] = ['in_app'];
  if (configured.has('email') && (severity === 'S1' || person.preferences.channels.includes('email'))) {
    channels.push('email');
  }
  if (configured.has('zalo') && person.zaloId) channels.push('zalo');
  return channels;
}

@Injectable()
export class NotificationPlanner {
  constructor(
    private readonly people: PeopleService,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_CHANNELS) private readonly adapters: NotificationChannelAdapter[],
  ) {}

  /**
   * The requests to enqueue for an event. People are read through `manager`, the caller's transaction: on its
   * connection (no second pooled connection held while the caller's locks are), and seeing what it has written.
   */
  async plan(manager: EntityManager, args: PlanArgs): Promise<NotificationRequest[]> {
    const now = this.clock.now();
    const urgent = args.urgent ?? args.severity === 'S1';
    const configured = new Set(this.adapters.filter((a) => a.isConfigured()).map((a) => a.channel));
    const requests: NotificationRequest[] = [];
    for (const recipientId of [...new Set(args.recipientIds)]) {
      const person = await this.people.get(recipientId, manager).catch((error: unknown) => {
        if (error instanceof NotFoundException) return null;
        throw error;
      });
      if (!person || !person.active) continue;
      const quiet = person.preferences.quietHours;
      const held = !urgent && quiet !== null && isWithinQuietHours(quiet, now);
      for (const channel of channelsFor(person, args.severity, configured)) {
        requests.push({
          incidentId: args.incidentId,
          event: args.event,
          level: args.level,
          recipientId,
          channel,
          template: args.template,
          params: args.params,
          urgent,
          notBefore: held && channel !== 'in_app' && quiet ? quietHoursEnd(quiet, now) : now,
        });
      }
    }
    return requests;
  }
}
