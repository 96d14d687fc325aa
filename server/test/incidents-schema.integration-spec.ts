/**
 * The incidents and escalation entities must describe exactly what the migration creates: TypeORM's schema builder,
 * asked what it would change on the migrated database, must propose nothing for these tables. The migration's
 * down() must also remove every one of them.
 */
import { Incidents1764500000001 } from '../src/database/migrations/1764500000001-incidents';
import { ESCALATION_ENTITIES } from '../src/modules/escalation/escalation.entities';
import { INCIDENT_ENTITIES } from '../src/modules/incidents/incidents.entities';
import { createTestDatabase, TestDatabase } from './harness/test-database';
import { schemaLog } from './harness/schema-log';

describe('incidents entities and migration agree', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('proposes no schema change for the incidents and escalation tables', async () => {
    const tables = [...INCIDENT_ENTITIES, ...ESCALATION_ENTITIES].map((e) => db.dataSource.getMetadata(e).tableName);
    expect(tables).toHaveLength(15);
    const sql = await schemaLog(db.dataSource);
    const ours = sql.upQueries
      .map((q) => q.query)
      .filter((q) => tables.some((table) => new RegExp(`"${table}"`).test(q)));
    expect(ours).toEqual([]);
  });

  it('seeds the default severity levels and office calendar', async () => {
    const levels: { code: string; ack_minutes: number | null; respond_minutes: number | null }[] =
      await db.dataSource.query(`SELECT code, ack_minutes, respond_minutes FROM severity_level ORDER BY sort_order`);
    expect(levels).toEqual([
      { code: 'S1', ack_minutes: 15, respond_minutes: 360 },
      { code: 'S2', ack_minutes: 60, respond_minutes: 1440 },
      { code: 'S3', ack_minutes: 240, respond_minutes: 4320 },
      { code: 'S4', ack_minutes: null, respond_minutes: null },
    ]);
    const settings: { working_days: number[] }[] = await db.dataSource.query(
      `SELECT working_days FROM escalation_settings`,
    );
    expect(settings).toEqual([{ working_days: [1, 2, 3, 4, 5] }]);
  });

  it('drops every table it created on the way down', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new Incidents1764500000001().down(runner);
      const left: { table_name: string }[] = await runner.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1::text[])`,
        [INCIDENT_ENTITIES.map((e) => db.dataSource.getMetadata(e).tableName)],
      );
      expect(left).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
