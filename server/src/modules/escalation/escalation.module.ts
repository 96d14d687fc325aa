import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation';
import { EscalationSettingsController, SeverityLevelsController } from './escalation.controller';
import { EscalationClocks } from './escalation-clocks';
import { EscalationReportReader } from './escalation-report.reader';
import { EscalationSettingsService } from './escalation-settings.service';
import { SeverityLevelsService } from './severity-levels.service';

/**
 * Time for incidents: deadlines per severity level (data), the office calendar, each incident's clocks and the
 * record of steps taken. It knows nothing of incidents beyond their ids: the incidents module starts and stops the
 * clocks and decides who is told at each step (see incidents/flows/escalation.flow.ts).
 */
@Module({
  imports: [OrganisationModule],
  controllers: [EscalationSettingsController, SeverityLevelsController],
  providers: [EscalationClocks, EscalationSettingsService, SeverityLevelsService, EscalationReportReader],
  exports: [EscalationClocks, EscalationReportReader],
})
export class EscalationModule {}
