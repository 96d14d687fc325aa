import { Module } from '@nestjs/common';
import { CollectionHealthService } from './collection-health.service';
import { OrganisationModule } from '../organisation';
import { RealtimeModule } from '../realtime';
import { ParserPool } from './parse/parser-pool';
import { PendingItems } from './pending-items.service';
import { SourcePollCron } from './source-poll.cron';
import { sourceFetcherProvider } from './source-fetcher.provider';
import { SourceMetrics } from './source-metrics';
import { SourcePollerService } from './source-poller.service';
import { SourcesCatalogueSeed } from './sources-catalogue.seed';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

/** Source registry, safe fetching, parsing, the poll scheduler and item storage. */
@Module({
  imports: [OrganisationModule, RealtimeModule],
  controllers: [SourcesController],
  providers: [
    sourceFetcherProvider,
    // Parsing runs on worker threads, so a huge feed or page never stalls the event loop.
    { provide: ParserPool, useFactory: () => new ParserPool() },
    SourcesService,
    SourcePollerService,
    SourcePollCron,
    SourcesCatalogueSeed,
    CollectionHealthService,
    PendingItems,
    SourceMetrics,
  ],
  exports: [SourcesService, SourcePollerService, CollectionHealthService, PendingItems],
})
export class SourcesModule {}
