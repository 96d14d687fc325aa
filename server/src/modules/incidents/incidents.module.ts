import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis';
import { EscalationModule } from '../escalation';
import { NotificationsModule } from '../notifications';
import { OrganisationModule } from '../organisation';
import { RealtimeModule } from '../realtime';
import { EscalationCron } from './escalation.cron';
import { AssignmentFlow } from './flows/assignment.flow';
import { IncidentCoverage } from './flows/coverage';
import { EscalationFlow } from './flows/escalation.flow';
import { IncidentChanges } from './flows/incident-changes';
import { IncidentWorkflow } from './flows/incident-workflow';
import { IncidentIntakeFlow } from './flows/intake.flow';
import { JudgementsExport } from './flows/judgements';
import { IncidentOpening } from './flows/opening';
import { ResponsesFlow } from './flows/responses.flow';
import { TasksCommentsFlow } from './flows/tasks-comments.flow';
import { TriageFlow } from './flows/triage.flow';
import { WorkflowFlow } from './flows/workflow.flow';
import { GoodNewsService } from './good-news.service';
import { IncidentAuditLabels } from './incident-audit.labels';
import { IncidentInboxLookup } from './incident-inbox.lookup';
import { IncidentMessageAck } from './incident-message-ack';
import { IncidentNotifier } from './incident-notifier';
import { IncidentQueries } from './incident-queries.service';
import { IncidentRecipients } from './incident-recipients';
import { IncidentReportReader } from './incident-report.reader';
import { IncidentUnitNames } from './incident-unit-names';
import { GoodNewsController, IncidentsController } from './incidents.controller';
import { AssignmentStore } from './store/assignment.store';
import { CoverageStore } from './store/coverage.store';
import { GoodNewsStore } from './store/good-news.store';
import { IncidentStore } from './store/incident.store';
import { IntakeCursorStore } from './store/intake-cursor.store';
import { ResponseStore } from './store/response.store';
import { TasksCommentsStore } from './store/tasks-comments.store';

/**
 * Incident tickets from intake to closing: one flow per use case (flows/), the SQL of the module's tables in its
 * stores (store/), the read side (IncidentQueries) and the good-news queue. Escalation keeps the clocks; the chain
 * of who is told lives here (EscalationFlow, run every minute by EscalationCron).
 */
@Module({
  imports: [OrganisationModule, AnalysisModule, EscalationModule, NotificationsModule, RealtimeModule],
  controllers: [IncidentsController, GoodNewsController],
  providers: [
    // stores
    IncidentStore,
    AssignmentStore,
    CoverageStore,
    TasksCommentsStore,
    ResponseStore,
    GoodNewsStore,
    IntakeCursorStore,
    // shared pieces of the flows
    IncidentNotifier,
    IncidentRecipients,
    IncidentChanges,
    IncidentWorkflow,
    IncidentCoverage,
    IncidentOpening,
    // flows
    IncidentIntakeFlow,
    WorkflowFlow,
    AssignmentFlow,
    TriageFlow,
    TasksCommentsFlow,
    ResponsesFlow,
    EscalationFlow,
    EscalationCron,
    IncidentMessageAck,
    IncidentUnitNames,
    // reads
    IncidentQueries,
    GoodNewsService,
    IncidentReportReader,
    IncidentInboxLookup,
    IncidentAuditLabels,
    JudgementsExport,
  ],
  exports: [IncidentIntakeFlow, EscalationFlow, IncidentRecipients, IncidentReportReader],
})
export class IncidentsModule {}
