import { CliCommand } from './cli-command';
import { healthCommand, migrateCommand } from './core.commands';
import { usersCommand } from '../modules/organisation/users.commands';
import { fetchCommand, sourcesCommand } from '../modules/sources/sources.commands';
import { analyzeCommand, analyzePendingCommand, unitsCommand } from '../modules/analysis/analysis.commands';
import { incidentsCommand } from '../modules/incidents/incidents.commands';
import { reportCommand } from '../modules/reports/reports.commands';

/** Every operator command. Modules add theirs here. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  migrate: migrateCommand,
  health: healthCommand,
  users: usersCommand,
  fetch: fetchCommand,
  sources: sourcesCommand,
  analyze: analyzeCommand,
  'analyze-pending': analyzePendingCommand,
  units: unitsCommand,
  incidents: incidentsCommand,
  report: reportCommand,
};
