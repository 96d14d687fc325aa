import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module';
import { EscalationModule } from '../escalation/escalation.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { WeeklyReportCron } from './weekly-report.cron';

/** The weekly leadership report: figures read through the owning modules' report readers, stored each Monday. */
@Module({
  imports: [AnalysisModule, IncidentsModule, EscalationModule],
  controllers: [ReportsController],
  providers: [ReportsService, WeeklyReportCron],
  exports: [ReportsService],
})
export class ReportsModule {}
