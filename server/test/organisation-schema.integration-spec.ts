/**
 * The organisation entities must describe exactly what the migrations create: TypeORM's schema builder, asked what
 * it would change on the migrated database, must propose nothing for these tables.
 */
import { ORGANISATION_ENTITIES } from '../src/modules/organisation/organisation.entities';
import { createTestDatabase, TestDatabase } from './harness/test-database';
import { schemaLog } from './harness/schema-log';

describe('organisation entities and migrations agree', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('proposes no schema change for the organisation tables', async () => {
    const tables = ORGANISATION_ENTITIES.map((e) => db.dataSource.getMetadata(e).tableName);
    expect(tables).toEqual([
      'unit',
      'person',
      'role_assignment',
      'refresh_token',
      'login_attempt',
      'login_lockout',
      'audit_log',
    ]);
    const sql = await schemaLog(db.dataSource);
    const ours = sql.upQueries
      .map((q) => q.query)
      .filter((q) => tables.some((table) => new RegExp(`"${table}"`).test(q)));
    expect(ours).toEqual([]);
  });
});
