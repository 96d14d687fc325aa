import { FeedItemEntity } from '../modules/sources/feed-item.entity';
import { SourceEntity } from '../modules/sources/source.entity';
import { MentionEntity } from '../modules/analysis/mention.entity';
import { StoryEntity } from '../modules/analysis/story.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { RealtimeEventEntity } from '../modules/realtime/realtime-event.entity';
import { INCIDENT_ENTITIES } from '../modules/incidents/incidents.entities';
import { ESCALATION_ENTITIES } from '../modules/escalation/escalation.entities';
import { ORGANISATION_ENTITIES } from '../modules/organisation/organisation.entities';
import { WeeklyReportEntity } from '../modules/reports/weekly-report.entity';
import { CoverageSpikeEntity } from '../modules/reports/spikes/coverage-spike.entity';

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
