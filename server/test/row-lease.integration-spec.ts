/**
 * The one row-claiming helper (common/database/row-lease.ts) against real PostgreSQL, on a probe table of its own:
 * concurrent claims never share a row, a live lease is respected and an expired one taken over, only the holder
 * renews or releases, and a transaction-scoped lock skips rows another transaction holds until it ends.
 */
import type { DataSource } from 'typeorm';
import { claimLeased, lockDue, releaseLease, renewLease, type Lease } from '../src/common/database/row-lease';
import { createTestDatabase, type TestDatabase } from './harness/test-database';

const T0 = new Date('2026-03-04T03:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const lease = (owner: string, now = T0, minutes = 5): Lease => ({
  owner,
  now,
  until: at(minutes + (now.getTime() - T0.getTime()) / 60_000),
});

describe('row leases (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = db.dataSource;
    await ds.query(
      `CREATE TABLE lease_probe (id text PRIMARY KEY, due_at timestamptz NOT NULL, attempts int NOT NULL DEFAULT 0,
         lease_owner text, lease_until timestamptz)`,
    );
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    await ds.query(`TRUNCATE lease_probe`);
  });

  const seed = async (n: number, dueAt = at(-1)) => {
    for (let i = 0; i < n; i++) {
      await ds.query(`INSERT INTO lease_probe (id, due_at) VALUES ($1, $2)`, [`r${String(i).padStart(2, '0')}`, dueAt]);
    }
  };
  const claim = (owner: string, limit: number, now = T0) =>
    claimLeased<{ id: string; attempts: number }>(
      ds,
      {
        table: 'lease_probe',
        alias: 'p',
        due: 'due_at <= $1',
        orderBy: 'due_at, id',
        limit,
        set: 'attempts = p.attempts + 1',
        returning: 'p.id, p.attempts',
      },
      lease(owner, now),
    );

  it('gives each row to one of several claims running at once, and leases it to that claim', async () => {
    await seed(30);
    const claims = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((owner) => claim(owner, 8)));
    const ids = claims.flat().map((r) => r.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(claims.flat().every((r) => r.attempts === 1)).toBe(true);
    const owners: { lease_owner: string; n: string }[] = await ds.query(
      `SELECT lease_owner, count(*) AS n FROM lease_probe GROUP BY lease_owner ORDER BY lease_owner`,
    );
    expect(owners.map((o) => [o.lease_owner, Number(o.n)])).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((o, i) => [o, claims[i]?.length]).filter(([, n]) => (n as number) > 0),
    );
  });

  it('claims only due rows, leaves a live lease alone and takes an expired one over', async () => {
    await seed(2);
    await ds.query(`INSERT INTO lease_probe (id, due_at) VALUES ('later', $1)`, [at(60)]);
    expect((await claim('a', 10)).map((r) => r.id)).toEqual(['r00', 'r01']);
    // Four minutes on, a's leases (five minutes) still hold.
    expect(await claim('b', 10, at(4))).toEqual([]);
    // Six minutes on, they have run out: b takes both over (a crashed), the not-yet-due row stays.
    expect((await claim('b', 10, at(6))).map((r) => [r.id, r.attempts])).toEqual([
      ['r00', 2],
      ['r01', 2],
    ]);
  });

  it('lets only the holder renew or release its lease', async () => {
    await seed(1);
    await claim('a', 1);
    expect(await renewLease(ds, 'lease_probe', 'r00', lease('b', at(1), 30))).toBe(false);
    expect(await renewLease(ds, 'lease_probe', 'r00', lease('a', at(1), 30))).toBe(true);
    // Renewed to 31 minutes: still held at minute 20.
    expect(await claim('b', 1, at(20))).toEqual([]);
    await releaseLease(ds, 'lease_probe', 'r00', 'b');
    expect(await claim('b', 1, at(20))).toEqual([]);
    await releaseLease(ds, 'lease_probe', 'r00', 'a');
    expect((await claim('b', 1, at(20))).map((r) => r.id)).toEqual(['r00']);
  });

  it('locks due rows for one transaction, skipping rows another holds, until it ends', async () => {
    await seed(3);
    const lockNext = (m: Parameters<typeof lockDue>[0]) =>
      lockDue<{ id: string }>(m, {
        from: 'lease_probe p',
        columns: 'p.id',
        where: 'p.due_at <= $1',
        orderBy: 'p.id',
        limit: 1,
        params: [T0],
      });
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      expect(await lockNext(runner.manager)).toEqual([{ id: 'r00' }]);
      // While the first transaction holds r00, another one gets the next row, then the one after.
      await ds.transaction(async (m) => {
        expect(await lockNext(m)).toEqual([{ id: 'r01' }]);
        expect(
          await lockDue(m, { from: 'lease_probe', columns: 'id', where: 'true', orderBy: 'id', params: [] }),
        ).toEqual([{ id: 'r01' }, { id: 'r02' }]);
      });
    } finally {
      await runner.commitTransaction();
      await runner.release();
    }
    // The first transaction ended: r00 is free again.
    await ds.transaction(async (m) => expect(await lockNext(m)).toEqual([{ id: 'r00' }]));
  });
});
