import { Module, OnModuleInit } from '@nestjs/common';
import { AnalysisModule } from '../analysis';
import { EscalationModule } from '../escalation';
import { IncidentsModule } from '../incidents';
import { NotificationAttachments, NotificationsModule } from '../notifications';
import { OrganisationModule } from '../organisation';
import { PdfRenderer } from './render/pdf-renderer.service';
import { ReportFiles } from './render/report-files.service';
import { ReportsController } from './reports.controller';
import { ReportsService, WEEKLY_REPORT_TEMPLATE } from './reports.service';
import { SpikeCron } from './spikes/spike.cron';
import { SpikeDetector } from './spikes/spike-detector.service';
import { SpikeStore } from './spikes/spike.store';
import { WeeklyReportCron } from './weekly-report.cron';

/**
 * Leadership reports over any period, as JSON, PDF and CSV: figures read through the owning modules' report readers,
 * a week stored each Monday and sent with its PDF, and the coverage-spike alerts.
 */
@Module({
  imports: [OrganisationModule, AnalysisModule, IncidentsModule, EscalationModule, NotificationsModule],
  controllers: [ReportsController],
  providers: [ReportsService, WeeklyReportCron, PdfRenderer, ReportFiles, SpikeStore, SpikeDetector, SpikeCron],
  exports: [ReportsService, ReportFiles, SpikeDetector],
})
export class ReportsModule implements OnModuleInit {
  constructor(
    private readonly attachments: NotificationAttachments,
    private readonly reports: ReportsService,
    private readonly files: ReportFiles,
  ) {}

  /** The Monday e-mail carries the stored week's PDF, for the scope it was sent about, in the reader's language. */
  onModuleInit(): void {
    this.attachments.register(WEEKLY_REPORT_TEMPLATE, async ({ params, language }) => {
      const report = await this.reports.storedWeek(params.week ?? '', params.unit ?? '');
      if (!report) throw new Error(`the report of ${params.week} (${params.unit || 'all units'}) is not stored`);
      return [await this.files.pdfOf(report, language)];
    });
  }
}
