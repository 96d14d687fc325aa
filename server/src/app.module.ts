import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { Clock, ClockModule } from './common/clock/clock';
import { DomainEventsModule } from './common/events/domain-events';
import { MetricsModule } from './common/metrics/metrics';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './modules/health';
import { OrganisationModule } from './modules/organisation';
import { SourcesModule } from './modules/sources';
import { AnalysisModule } from './modules/analysis';
import { RealtimeModule } from './modules/realtime';
import { NotificationsModule } from './modules/notifications';
import { IncidentsModule } from './modules/incidents';
import { EscalationModule } from './modules/escalation';
import { ReportsModule } from './modules/reports';

/** Feature modules, in the order of the data path (see docs/ARCHITECTURE.md). */
const FEATURE_MODULES = [
  HealthModule,
  OrganisationModule,
  SourcesModule,
  AnalysisModule,
  RealtimeModule,
  NotificationsModule,
  EscalationModule,
  IncidentsModule,
  ReportsModule,
];

export interface AppOverrides {
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, config.env.MW_DB_POOL_SIZE),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        ...(config.env.MW_SCHEDULER_ENABLED ? [ScheduleModule.forRoot()] : []),
        ClockModule.forRoot(overrides.clock),
        DomainEventsModule,
        MetricsModule,
        ...FEATURE_MODULES,
      ],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
