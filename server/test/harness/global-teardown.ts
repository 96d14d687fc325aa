import { Client } from 'pg';
import { TEMPLATE_DATABASE } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.MW_TEST_ADMIN_URL;
  if (adminUrl && process.env.TEST_DATABASE_URL) {
    // On a shared server, leave nothing behind; an embedded cluster is deleted whole below.
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const dbs = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'mw_test_%'`,
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.__MW_TEST_PG__?.stop();
}
