import { Init1764200000000 } from './1764200000000-init';
import { Organisation1764210000001 } from './1764210000001-organisation';
import { Sources1764300000010 } from './1764300000010-sources';
import { Analysis1764400000001 } from './1764400000001-analysis';
import { Incidents1764500000001 } from './1764500000001-incidents';
import { Notifications1764600000001 } from './1764600000001-notifications';
import { IncidentIntakeBacklog1795768892391 } from './1795768892391-incident-intake-backlog';
import { WeeklyReport1795900000001 } from './1795900000001-weekly-report';
import { GoodNewsStory1796000000001 } from './1796000000001-good-news-story';
import { ReportsAnyPeriod1796499332726 } from './1796499332726-reports-any-period';
import { LoginLockout1796500391705 } from './1796500391705-login-lockout';
import { PipelineHealth1796500793774 } from './1796500793774-pipeline-health';
import { RecordedAt1796501545759 } from './1796501545759-recorded-at';
import { TextSearch1796502653512 } from './1796502653512-text-search';
import { SearchByUnit1796508508464 } from './1796508508464-search-by-unit';
import { OldCoverage1796512954902 } from './1796512954902-old-coverage';
import { TimeOrderedIds1796600000001 } from './1796600000001-time-ordered-ids';

/** Every migration, in order. Listed as classes so the same list works from ts (Jest) and dist (node). */
export const MIGRATIONS = [
  Init1764200000000,
  Organisation1764210000001,
  Sources1764300000010,
  Analysis1764400000001,
  Incidents1764500000001,
  Notifications1764600000001,
  IncidentIntakeBacklog1795768892391,
  WeeklyReport1795900000001,
  GoodNewsStory1796000000001,
  ReportsAnyPeriod1796499332726,
  LoginLockout1796500391705,
  PipelineHealth1796500793774,
  RecordedAt1796501545759,
  TextSearch1796502653512,
  SearchByUnit1796508508464,
  OldCoverage1796512954902,
  TimeOrderedIds1796600000001,
];
