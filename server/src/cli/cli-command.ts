import type { INestApplicationContext } from '@nestjs/common';
import type { AppEnv } from '../config/env.schema';

/** What a CLI command gets: its streams, the configuration and lazy access to the database and the app. */
export interface CliContext {
  env: AppEnv;
  /** Standard output: only the command's output (JSON lines where a contract says so). */
  out: NodeJS.WritableStream;
  /** Standard error: logs and error lines. */
  err: NodeJS.WritableStream;
  in: NodeJS.ReadableStream;
  /** The database URL, starting or attaching to the embedded PostgreSQL on first use. */
  databaseUrl(): Promise<string>;
  /** The NestJS application context (modules, services) on the same database, schedules off. */
  app(): Promise<INestApplicationContext>;
}

export interface CliCommand {
  summary: string;
  usage: string;
  /** Returns the exit code. Throw CliError for a one-line failure. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** A failure reported as one line on stderr, with exit code 1. */
export class CliError extends Error {}

/** Minimal `--name value` / `--flag` parser; unknown options are an error naming the option. */
export function parseOptions(
  args: string[],
  known: Record<string, 'string' | 'boolean'>,
): { positional: string[]; options: Record<string, string | boolean> } {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = known[rawName];
    if (!kind) throw new CliError(`unknown option --${rawName}`);
    if (kind === 'boolean') {
      options[rawName] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new CliError(`option --${rawName} needs a value`);
    options[rawName] = value;
  }
  return { positional, options };
}
