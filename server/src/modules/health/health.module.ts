import { Module } from '@nestjs/common';
import { EscalationModule } from '../escalation';
import { NotificationsModule } from '../notifications';
import { RealtimeModule } from '../realtime';
import { SourcesModule } from '../sources';
import { HealthMonitorCron } from './health-monitor.cron';
import { HealthMonitorService } from './health-monitor.service';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { PipelineGauges } from './pipeline-gauges';

/**
 * GET /api/health: server, database and the news pipeline; `health.changed` when collection stops or resumes.
 * GET /api/metrics: this instance's Prometheus metrics and the pipeline's gauges read from the database.
 */
@Module({
  imports: [SourcesModule, NotificationsModule, RealtimeModule, EscalationModule],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, HealthMonitorService, HealthMonitorCron, PipelineGauges],
  exports: [HealthService],
})
export class HealthModule {}
