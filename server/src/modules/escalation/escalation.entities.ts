import { EscalationSettingsEntity } from './escalation-settings.entity';
import { EscalationStateEntity } from './escalation-state.entity';
import { EscalationStepEntity } from './escalation-step.entity';
import { SeverityLevelEntity } from './severity-level.entity';

/**
 * The escalation module's tables, listed once for database/entities.ts: the deadlines per severity, the office
 * calendar, each incident's clocks and the steps taken. Written only through EscalationClocks and the settings and
 * severity-level services.
 */
export const ESCALATION_ENTITIES = [
  SeverityLevelEntity,
  EscalationSettingsEntity,
  EscalationStateEntity,
  EscalationStepEntity,
];
