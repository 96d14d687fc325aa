import { FeedItemEntity, SourceEntity } from '../modules/sources';
import { MentionEntity, StoryEntity } from '../modules/analysis';
import { NotificationEntity } from '../modules/notifications';
import { RealtimeEventEntity } from '../modules/realtime';
import { INCIDENT_ENTITIES } from '../modules/incidents';
import { ESCALATION_ENTITIES } from '../modules/escalation';
import { ORGANISATION_ENTITIES } from '../modules/organisation';
import { CoverageSpikeEntity, WeeklyReportEntity } from '../modules/reports';

/** Every TypeORM entity, listed as classes (see migrations/index.ts for why not globs). */
export const ENTITIES: Function[] = [
  SourceEntity,
  FeedItemEntity,
  ...ORGANISATION_ENTITIES,
  StoryEntity,
  MentionEntity,
  NotificationEntity,
  RealtimeEventEntity,
  ...INCIDENT_ENTITIES,
  ...ESCALATION_ENTITIES,
  WeeklyReportEntity,
  CoverageSpikeEntity,
];
