import 'reflect-metadata';
import { AppConfig } from './config/app-config';
import { ConfigError, parseEnv } from './config/env.schema';
import { JsonLogger } from './common/logging/json-logger';
import { resolveDatabase } from './database/database-bootstrap';
import { runMigrations } from './database/data-source';
import { createApp } from './bootstrap';

/**
 * Server entry: validate configuration, get a database (embedded unless DATABASE_URL), migrate, serve.
 * Shutdown order on SIGTERM/SIGINT: stop accepting requests, close the app (pool, schedules), then stop
 * the embedded PostgreSQL if we own it.
 */
async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = new JsonLogger(env.LOG_LEVEL, process.stdout, { service: 'media-watch' });
  const log = (msg: string) => logger.event('info', msg, { context: 'database' });

  const db = await resolveDatabase(env, log);
  let closing = false;
  const shutdown = async (signal: string, app?: { close(): Promise<void> }) => {
    if (closing) return;
    closing = true;
    logger.event('info', `received ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 25_000);
    try {
      await app?.close();
    } catch (err) {
      logger.event('error', 'error while closing the app', { error: String(err) });
    }
    await db.stop();
    clearTimeout(force);
    logger.event('info', 'stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const applied = await runMigrations(db.url);
    if (applied.length > 0) logger.event('info', 'migrations applied', { migrations: applied });
    const app = await createApp(new AppConfig(env, db.url), logger);
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', () => void shutdown('SIGINT', app));
    process.once('SIGTERM', () => void shutdown('SIGTERM', app));
    await app.listen(env.PORT, env.HOST);
    logger.event('info', 'listening', { url: `http://localhost:${env.PORT}`, embeddedDatabase: db.embedded });
  } catch (err) {
    logger.event('error', 'failed to start', { error: err instanceof Error ? err.message : String(err) });
    await db.stop();
    process.exit(1);
  }
}

void main();
