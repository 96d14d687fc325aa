import * as path from 'node:path';
import { AppEnv } from '../config/env.schema';
import { ensureDatabase, startOrAttachEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded PostgreSQL when this process owns it; no-op otherwise. */
  stop(): Promise<void>;
}

const APP_DATABASE = 'mediawatch';

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
