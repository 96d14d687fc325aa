import { CliCommand } from './cli-command';
import { healthCommand, migrateCommand } from './core.commands';
import { usersCommand } from '../modules/organisation';
import { fetchCommand, sourcesCommand } from '../modules/sources';
import { analyzeCommand, analyzePendingCommand, unitsCommand } from '../modules/analysis';
import { incidentsCommand, labelsCommand } from '../modules/incidents';
import { reportCommand } from '../modules/reports';

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
  labels: labelsCommand,
  report: reportCommand,
};
