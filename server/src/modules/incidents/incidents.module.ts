import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module';
import { GoodNewsService } from './good-news.service';
import { IncidentAckListener } from './incident-ack.listener';
import { IncidentIntakeFlow } from './incident-intake.flow';
import { IncidentNotifier } from './incident-notifier';
import { IncidentRecipients } from './incident-recipients';
import { GoodNewsController, IncidentsController, SeverityLevelsController } from './incidents.controller';
import { IncidentQueries } from './incident-queries.service';
import { IncidentReportReader } from './incident-report.reader';
import { IncidentResponsesService } from './incident-responses.service';
import { IncidentStore } from './incident-store';
import { IncidentWorkflow } from './incident-workflow';
import { IncidentsService } from './incidents.service';
import { SeverityLevelsService } from './severity-levels.service';

/**
 * Incident tickets, their workflow and official responses, severity levels and the good-news queue. Exports what
 * escalation drives (store, workflow, recipients, notifier) and the services other modules may call.
 */
@Module({
  imports: [AnalysisModule],
  controllers: [IncidentsController, SeverityLevelsController, GoodNewsController],
  providers: [
    IncidentNotifier,
    IncidentRecipients,
    IncidentStore,
    IncidentWorkflow,
    IncidentQueries,
    IncidentsService,
    IncidentResponsesService,
    IncidentIntakeFlow,
    IncidentAckListener,
    GoodNewsService,
    SeverityLevelsService,
    IncidentReportReader,
  ],
  exports: [
    IncidentsService,
    IncidentStore,
    IncidentWorkflow,
    IncidentRecipients,
    IncidentNotifier,
    IncidentIntakeFlow,
    IncidentReportReader,
  ],
})
export class IncidentsModule {}
