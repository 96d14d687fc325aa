import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { ConfigError, parseEnv } from '../config/env.schema';
import { JsonLogger } from '../common/logging/json-logger';
import { resolveDatabase, ResolvedDatabase } from '../database/database-bootstrap';
import { runMigrations } from '../database/data-source';
import { CliContext, CliError } from './cli-command';
import { CLI_COMMANDS } from './commands';

/**
 * `npm run -s cli -- <command>`: operator commands on the same database as `npm start`, whether or not a
 * server runs (the embedded PostgreSQL is found through its data folder, or started for the run).
 * stdout carries only the command's output; logs and the one error line go to stderr.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? CLI_COMMANDS[name] : undefined;
  if (!command) {
    const list = Object.entries(CLI_COMMANDS)
      .map(([, c]) => `  ${c.usage.padEnd(60)} ${c.summary}`)
      .join('\n');
    process.stderr.write(
      `${name ? `error: unknown command "${name}"\n` : ''}usage: npm run -s cli -- <command>\n${list}\n`,
    );
    return name ? 1 : 0;
  }

  const env = parseEnv({ ...process.env, MW_SCHEDULER_ENABLED: 'false' });
  const logger = new JsonLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, process.stderr, {
    service: 'media-watch-cli',
  });
  let db: ResolvedDatabase | undefined;
  let app: INestApplicationContext | undefined;
  const ctx: CliContext = {
    env,
    out: process.stdout,
    err: process.stderr,
    in: process.stdin,
    async databaseUrl() {
      db ??= await resolveDatabase(env, (msg) => logger.event('info', msg, { context: 'database' }));
      return db.url;
    },
    async app() {
      if (!app) {
        const url = await ctx.databaseUrl();
        await runMigrations(url);
        app = await NestFactory.createApplicationContext(AppModule.forRoot(new AppConfig(env, url)), {
          logger,
          abortOnError: false,
        });
      }
      return app;
    },
  };
  try {
    return await command.run(args, ctx);
  } finally {
    await app?.close().catch(() => undefined);
    await db?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message =
      err instanceof ConfigError || err instanceof CliError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
