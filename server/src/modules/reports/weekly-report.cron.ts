import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { isoWeekBounds, lastCompleteIsoWeek } from '@mw/shared';
import { Clock } from '../../common/clock/clock';
import { reportDueAt, ReportsService } from './reports.service';

/**
 * Every hour at :05 in Ho Chi Minh City. The report is due from Monday 07:00 (the week just ended is complete and
 * the office day begins); the hourly run makes a missed Monday (no scheduler instance up at 07:00, the database
 * away) catch up at the next hour instead of skipping the week. A run on a stored week is one cheap SELECT.
 */
export const WEEKLY_REPORT_CRON = '0 5 * * * *';
export const WEEKLY_REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const WEEKLY_REPORT_JOB = 'reports.weekly';

/**
 * Stores last week's report and notifies leadership once it is due. Active only where the schedule module runs
 * (MW_SCHEDULER_ENABLED); safe on several instances at once (see ReportsService.generateLastWeek).
 */
@Injectable()
export class WeeklyReportCron {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  /** Whether last week's report is due at `now`: from Monday 07:00 local on. */
  isDue(now: Date = this.clock.now()): boolean {
    const bounds = isoWeekBounds(lastCompleteIsoWeek(now));
    return !!bounds && now.getTime() >= reportDueAt(bounds).getTime();
  }

  @Cron(WEEKLY_REPORT_CRON, { name: WEEKLY_REPORT_JOB, timeZone: WEEKLY_REPORT_TIME_ZONE })
  async tick(): Promise<void> {
    if (!this.isDue()) return;
    try {
      await this.reports.generateLastWeek();
    } catch (err) {
      this.logger.error(`weekly report failed: ${String(err)}`);
    }
  }
}
