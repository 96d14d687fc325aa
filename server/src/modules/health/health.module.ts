import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { RealtimeModule } from '../realtime';
import { SourcesModule } from '../sources';
import { HealthMonitorCron } from './health-monitor.cron';
import { HealthMonitorService } from './health-monitor.service';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** GET /api/health: server, database and the news pipeline; `health.changed` when collection stops or resumes. */
@Module({
  imports: [SourcesModule, NotificationsModule, RealtimeModule],
  controllers: [HealthController],
  providers: [HealthService, HealthMonitorService, HealthMonitorCron],
  exports: [HealthService],
})
export class HealthModule {}
