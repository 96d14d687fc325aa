/**
 * Notices a surge of coverage that no single item made an incident of: per unit and per topic, today's and
 * yesterday's articles (counted as the report counts them) against a calendar-aware baseline (see spike-baseline.ts).
 * A spike is recorded in `coverage_spike` and alerts the office (the office spokesperson, deputies and steering
 * committee) through the outbox in the same transaction; the table's key (day, dimension, key) makes one instance
 * record and alert it, however many run the schedule, and a spike already recorded is not alerted again that day.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { localDay, localDayStart, reportWords, shiftDay, type Category, type CoverageSpike } from '@mw/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import { MentionReportReader, type DailyCoverage } from '../../analysis';
import { IncidentRecipients } from '../../incidents';
import { NotificationOutbox, NotificationPlanner } from '../../notifications';
import { UnitsService } from '../../organisation';
import { dayFactor } from './school-calendar';
import { BASELINE_DAYS, expectedArticles, isSpike } from './spike-baseline';
import { SpikeStore } from './spike.store';

export const SPIKE_TEMPLATE = 'coverage_spike';
export const spikeEvent = (s: Pick<CoverageSpike, 'day' | 'dimension' | 'key'>): string =>
  `coverage_spike:${s.day}:${s.dimension}:${s.key}`;

/** The spikes among one dimension's daily counts on `day`, with the baseline from the days before it. */
export function spikesOn(
  day: string,
  dimension: 'unit' | 'topic',
  counts: readonly DailyCoverage[],
  label: (key: string) => string,
): CoverageSpike[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const days = byKey.get(c.key) ?? new Map<string, number>();
    days.set(c.day, c.count);
    byKey.set(c.key, days);
  }
  const spikes: CoverageSpike[] = [];
  for (const [key, days] of byKey) {
    const articles = days.get(day) ?? 0;
    const topic = dimension === 'topic' ? key : null;
    const history: number[] = [];
    const factors: number[] = [];
    for (let i = 1; i <= BASELINE_DAYS; i++) {
      const d = shiftDay(day, -i);
      history.push(days.get(d) ?? 0);
      factors.push(dayFactor(d, topic));
    }
    const baseline = expectedArticles(history, factors, dayFactor(day, topic));
    if (isSpike(articles, baseline)) {
      spikes.push({ day, dimension, key, label: label(key), articles, baseline: Math.round(baseline * 100) / 100 });
    }
  }
  return spikes.sort((a, b) => b.articles - a.articles || (a.key < b.key ? -1 : 1));
}

@Injectable()
export class SpikeDetector {
  private readonly logger = new Logger('spikes');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mentions: MentionReportReader,
    private readonly store: SpikeStore,
    private readonly units: UnitsService,
    private readonly recipients: IncidentRecipients,
    private readonly planner: NotificationPlanner,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Looks at yesterday and today (local); records and alerts the spikes not yet recorded. Returns the new ones. */
  async detect(): Promise<CoverageSpike[]> {
    const today = localDay(this.clock.now());
    const days = [shiftDay(today, -1), today];
    const from = localDayStart(shiftDay(today, -1 - BASELINE_DAYS)) as Date;
    const to = localDayStart(shiftDay(today, 1)) as Date;
    const names = new Map((await this.units.listAll()).map((u) => [u.code, u.name]));
    const words = reportWords('vi');
    const { unit, topic } = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return {
        unit: await this.mentions.daily(m, from, to, 'unit'),
        topic: await this.mentions.daily(m, from, to, 'topic'),
      };
    });
    const found = days.flatMap((day) => [
      ...spikesOn(day, 'unit', unit, (k) => names.get(k) ?? k),
      ...spikesOn(day, 'topic', topic, (k) => words.category[k as Category] ?? k),
    ]);
    const recorded: CoverageSpike[] = [];
    if (found.length === 0) return recorded;
    const office = await this.recipients.office();
    for (const spike of found) {
      const isNew = await this.dataSource.transaction(async (m) => {
        if (!(await this.store.record(m, spike, this.clock.now()))) return false;
        const requests = await this.planner.plan(m, {
          incidentId: null,
          event: spikeEvent(spike),
          level: 0,
          recipientIds: office,
          severity: null,
          template: SPIKE_TEMPLATE,
          params: {
            day: spike.day,
            dimension: spike.dimension,
            key: spike.key,
            label: spike.label,
            articles: String(spike.articles),
            baseline: String(spike.baseline),
          },
        });
        await this.outbox.enqueue(m, requests);
        return true;
      });
      if (isNew) {
        recorded.push(spike);
        this.logger.log(`coverage spike ${spike.day} ${spike.dimension} ${spike.key}: ${spike.articles} articles`);
      }
    }
    return recorded;
  }
}
