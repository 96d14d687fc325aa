import * as path from 'node:path';
import { AppEnv } from '../config/env.schema';
import { ensureDatabase, runningEmbeddedPostgres, startOrAttachEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded PostgreSQL when this process owns it; no-op otherwise. */
  stop(): Promise<void>;
}

/** The application's database inside the embedded cluster. */
export const APP_DATABASE = 'mediawatch';

/**
 * The database the application would use, without starting or creating anything: DATABASE_URL, or the application
 * database of an embedded PostgreSQL that is already running; undefined otherwise.
 */
export function runningDatabaseUrl(env: AppEnv): string | undefined {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const pg = runningEmbeddedPostgres(env.MW_PG_DATA_DIR);
  if (!pg) return undefined;
  const url = new URL(pg.adminUrl);
  url.pathname = `/${APP_DATABASE}`;
  return url.toString();
}

/**
 * DATABASE_URL when set (nothing is started); otherwise the embedded PostgreSQL in MW_PG_DATA_DIR,
 * started or, when a server or CLI already runs it, attached to.
 */
export async function resolveDatabase(env: AppEnv, log: (msg: string) => void): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const pg = await startOrAttachEmbeddedPostgres({
    dataDir: path.resolve(env.MW_PG_DATA_DIR),
    port: env.MW_PG_PORT,
    log,
  });
  try {
    const url = await ensureDatabase(pg.adminUrl, APP_DATABASE);
    return { url, embedded: true, stop: () => pg.stop() };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}
