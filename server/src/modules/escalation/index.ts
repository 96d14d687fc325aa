/** The escalation module's public surface: what other modules, the app and the CLI may use. */
export { EscalationModule } from './escalation.module';
export {
  EscalationClocks,
  type EscalationStart,
  type EscalationStateRow,
  type EscalationStepRecord,
  type IncidentClocks,
} from './escalation-clocks';
export { earliestStepTime, isOldCoverage, nextStepDue, OLD_COVERAGE_HOURS } from './escalation-policy';
export { EscalationReportReader, escalationFigures, type EscalationPeriodFigures } from './escalation-report.reader';
export { ESCALATION_ENTITIES } from './escalation.entities';
export { SeverityLevelEntity } from './severity-level.entity';
