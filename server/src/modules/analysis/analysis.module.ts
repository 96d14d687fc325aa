import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { OrganisationModule } from '../organisation';
import { RealtimeModule } from '../realtime';
import { SourcesModule } from '../sources';
import { AnalysisCron } from './analysis.cron';
import { AnalyzeController, MentionsController, StoriesController } from './analysis.controller';
import { AnalysisService } from './analysis.service';
import { MentionBatchStore } from './store/mention-batch.store';
import { AnalysisWorker } from './analysis.worker';
import { MentionReader } from './mention-reader.service';
import { MentionReportReader } from './mention-report.reader';
import { MentionsService } from './mentions.service';
import { AnalysisPool } from './threads/analysis-pool';
import { UnitsGazetteerService } from './units-gazetteer.service';

/** Feed items become mentions (units, tone, topic, incident flag) grouped into stories; 'mention.stored' follows. */
@Module({
  imports: [OrganisationModule, RealtimeModule, SourcesModule],
  controllers: [MentionsController, StoriesController, AnalyzeController],
  providers: [
    UnitsGazetteerService,
    AnalysisService,
    {
      provide: AnalysisPool,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new AnalysisPool(config.env.MW_ANALYSIS_THREADS),
    },
    MentionBatchStore,
    MentionsService,
    MentionReader,
    MentionReportReader,
    AnalysisWorker,
    AnalysisCron,
  ],
  exports: [AnalysisService, MentionsService, MentionReader, MentionReportReader],
})
export class AnalysisModule {}
