/**
 * Jest global setup for integration tests: one PostgreSQL for the whole run (TEST_DATABASE_URL when set,
 * else an embedded cluster in a temporary folder), and a migrated template database from which each test
 * file clones its own database (see test-database.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startOrAttachEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/data-source';
import { TEMPLATE_DATABASE } from './test-database';

declare global {
  var __MW_TEST_PG__: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-test-pg-'));
    const pg = await startOrAttachEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: 0,
      ephemeral: true,
      log: () => undefined,
    });
    globalThis.__MW_TEST_PG__ = {
      stop: async () => {
        await pg.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    adminUrl = pg.adminUrl;
  }
  process.env.MW_TEST_ADMIN_URL = adminUrl;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Leftovers of an interrupted earlier run against the same server.
    const old = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'mw_test_%'`,
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(templateUrl.toString());
}
