import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { EscalationSettingsController } from './escalation.controller';
import { EscalationCron } from './escalation.cron';
import { EscalationReportReader } from './escalation-report.reader';
import { EscalationService } from './escalation.service';
import { EscalationSettingsService } from './escalation-settings.service';

/** Deadlines per severity, the escalation chain and its every-minute schedule, the office calendar. */
@Module({
  imports: [IncidentsModule],
  controllers: [EscalationSettingsController],
  providers: [EscalationService, EscalationCron, EscalationSettingsService, EscalationReportReader],
  exports: [EscalationService, EscalationReportReader],
})
export class EscalationModule {}
