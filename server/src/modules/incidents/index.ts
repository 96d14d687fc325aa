/** The incidents module's public surface: what other modules, the app and the CLI may use. */
export { IncidentsModule } from './incidents.module';
export { incidentsCommand, labelsCommand } from './incidents.commands';
export { INCIDENT_ENTITIES } from './incidents.entities';
export { IncidentRecipients, unique } from './incident-recipients';
export { IncidentReportReader, type IncidentPeriodFigures, type IncidentReportScope } from './incident-report.reader';
