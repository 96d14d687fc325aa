import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';

export const TEMPLATE_DATABASE = 'mw_template';

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.MW_TEST_ADMIN_URL;
  if (!url) throw new Error('MW_TEST_ADMIN_URL is not set: run integration tests through the Jest global setup');
  return url;
}

/**
 * A database of its own for one test file, cloned from the migrated template, so files run in parallel
 * and never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `mw_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
        break;
      } catch (err) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if (attempt >= 20 || !String(err).includes('being accessed')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const dataSource = new DataSource(dataSourceOptions(url.toString(), 4));
  await dataSource.initialize();
  return {
    name,
    url: url.toString(),
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
