import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startOrAttachEmbeddedPostgres } from '../../server/src/database/embedded-postgres';

export interface TestPostgres {
  adminUrl: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL for one end-to-end file: TEST_DATABASE_URL when set, else an embedded cluster in a temp folder.
 * Databases created here are dropped by stop().
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const created: string[] = [];
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopCluster = async () => undefined as void;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-pg-'));
    const pg = await startOrAttachEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: 0,
      ephemeral: true,
      log: () => undefined,
    });
    adminUrl = pg.adminUrl;
    stopCluster = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = adminUrl;
  return {
    adminUrl: admin,
    async createDatabase(prefix = 'mw_e2e') {
      const name = `${prefix}_${randomBytes(5).toString('hex')}`;
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      created.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (process.env.TEST_DATABASE_URL) {
        const client = new Client({ connectionString: admin });
        await client.connect();
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      }
      await stopCluster();
    },
  };
}
