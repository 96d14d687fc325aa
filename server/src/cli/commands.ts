import { CliCommand } from './cli-command';
import { healthCommand, migrateCommand } from './core.commands';

/** Every operator command. Modules add theirs here. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  migrate: migrateCommand,
  health: healthCommand,
};
