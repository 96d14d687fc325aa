/** The reports module's public surface: what the app and the CLI may use. */
export { ReportsModule } from './reports.module';
export { reportCommand } from './reports.commands';
export { WeeklyReportEntity } from './weekly-report.entity';
export { CoverageSpikeEntity } from './spikes/coverage-spike.entity';
