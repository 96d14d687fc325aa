import { AnalysisCorrectionEntity } from './entities/analysis-correction.entity';
import { GoodNewsEntity } from './entities/good-news.entity';
import { IncidentAssignmentEntity } from './entities/incident-assignment.entity';
import { IncidentCommentEntity } from './entities/incident-comment.entity';
import { IncidentIntakeCursorEntity } from './entities/incident-intake-cursor.entity';
import { IncidentMentionEntity } from './entities/incident-mention.entity';
import { IncidentResponseEntity } from './entities/incident-response.entity';
import { IncidentTaskEntity } from './entities/incident-task.entity';
import { IncidentTimelineEntity } from './entities/incident-timeline.entity';
import { IncidentUnitEntity } from './entities/incident-unit.entity';
import { IncidentEntity } from './entities/incident.entity';

/**
 * The incidents module's tables, listed once for database/entities.ts. They describe the schema (a test
 * checks they agree with the migration); the services write with SQL so each statement says what it locks.
 */
export const INCIDENT_ENTITIES = [
  IncidentEntity,
  IncidentUnitEntity,
  IncidentMentionEntity,
  IncidentAssignmentEntity,
  IncidentTimelineEntity,
  IncidentCommentEntity,
  IncidentTaskEntity,
  IncidentResponseEntity,
  AnalysisCorrectionEntity,
  GoodNewsEntity,
  IncidentIntakeCursorEntity,
];
