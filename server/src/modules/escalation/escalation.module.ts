import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { EscalationSettingsController } from './escalation.controller';
import { EscalationCron } from './escalation.cron';
import { EscalationService } from './escalation.service';
import { EscalationSettingsService } from './escalation-settings.service';

/** Deadlines per severity, the escalation chain and its every-minute schedule, the office calendar. */
@Module({
  imports: [IncidentsModule],
  controllers: [EscalationSettingsController],
  providers: [EscalationService, EscalationCron, EscalationSettingsService],
  exports: [EscalationService],
})
export class EscalationModule {}
