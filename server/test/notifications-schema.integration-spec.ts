/**
 * The notification and realtime entities must describe exactly what the migration creates, and the migration must
 * undo cleanly: TypeORM's schema builder, asked what it would change on the migrated database, proposes nothing for
 * these tables.
 */
import { Notifications1764600000001 } from '../src/database/migrations/1764600000001-notifications';
import { NotificationEntity } from '../src/modules/notifications/notification.entity';
import { RealtimeEventEntity } from '../src/modules/realtime/realtime-event.entity';
import { createTestDatabase, type TestDatabase } from './harness/test-database';
import { schemaLog } from './harness/schema-log';

describe('notification entities and migrations agree', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('proposes no schema change for the notification and realtime tables', async () => {
    const tables = [NotificationEntity, RealtimeEventEntity].map((e) => db.dataSource.getMetadata(e).tableName);
    expect(tables).toEqual(['notification', 'realtime_event']);
    const sql = await schemaLog(db.dataSource);
    const ours = sql.upQueries.map((q) => q.query).filter((q) => tables.some((table) => q.includes(`"${table}"`)));
    expect(ours).toEqual([]);
  });

  it('has the table the socket.io PostgreSQL adapter writes large broadcasts to', async () => {
    const rows: { id: string }[] = await db.dataSource.query(
      `INSERT INTO socket_io_attachments (payload) VALUES ('\\x01'::bytea) RETURNING id`,
    );
    expect(rows[0]?.id).toBeDefined();
  });

  it('undoes and redoes the migration', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      const migration = new Notifications1764600000001();
      await migration.down(runner);
      const gone: { n: number }[] = await runner.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('notification', 'realtime_event', 'socket_io_attachments')`,
      );
      expect(gone[0]?.n).toBe(0);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
});
