/** The analysis module's public surface: what other modules, the app and the CLI may use. */
export { AnalysisModule } from './analysis.module';
export { analyzeCommand, analyzePendingCommand, unitsCommand } from './analysis.commands';
export { MentionReader, type MentionFacts } from './mention-reader.service';
export { MentionReportReader, type DailyCoverage, type MentionPeriodFigures } from './mention-report.reader';
export { MentionEntity } from './mention.entity';
export { StoryEntity } from './story.entity';
