/**
 * Claiming rows of shared work: the one way background work is split between instances on one PostgreSQL.
 *
 * - `claimLeased` reserves rows past the claiming statement, for work done outside a transaction (polling a
 *   source, sending a notification). One statement picks the due rows that no live lease holds, skipping any that
 *   another claim has locked at that instant (FOR UPDATE SKIP LOCKED), and writes this instance's lease on them
 *   (`lease_owner`, `lease_until`). A lease left by a crashed instance runs out and the row is due again. The holder
 *   renews it while it works (`renewLease`) and gives it up when done (`releaseLease`, or its own final UPDATE that
 *   checks `lease_owner`).
 * - `lockDue` locks rows for the caller's transaction only (FOR UPDATE SKIP LOCKED), for work done inside it
 *   (analysing items, taking an escalation step, sweeping with the intake cursor); the lock ends with it.
 *
 * Table names and SQL fragments come from code, never from input. A leased table has `id`, `lease_owner` and
 * `lease_until` columns.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from './returned-rows';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

export interface Lease {
  /** Who claims: an id unique to this application instance. */
  owner: string;
  now: Date;
  /** When the lease runs out unless renewed. */
  until: Date;
}

export interface LeasedClaim {
  table: string;
  /** Alias of the table in `set` and `returning` (default `t`). */
  alias?: string;
  /** Which rows are due, over the table's columns; `$1` is now, `params` follow from `$5`. */
  due: string;
  orderBy: string;
  limit: number;
  /** Further assignments on the claimed rows (e.g. `status = 'sending'`). */
  set?: string;
  /** What comes back. */
  returning: string;
  params?: unknown[];
}

/** Claims up to `limit` due rows no live lease holds, and leases them to `lease.owner`. */
export async function claimLeased<T>(db: Queryable, claim: LeasedClaim, lease: Lease): Promise<T[]> {
  const extra = claim.set ? `, ${claim.set}` : '';
  const t = claim.alias ?? 't';
  return returnedRows<T>(
    await db.query(
      `WITH due AS (
         SELECT id FROM ${claim.table}
         WHERE (${claim.due}) AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY ${claim.orderBy}
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       UPDATE ${claim.table} ${t} SET lease_owner = $3, lease_until = $4${extra}
       FROM due WHERE ${t}.id = due.id
       RETURNING ${claim.returning}`,
      [lease.now, claim.limit, lease.owner, lease.until, ...(claim.params ?? [])],
    ),
  );
}

/** Extends the owner's lease on a row; false when the lease was lost (it ran out and another instance took it). */
export async function renewLease(db: Queryable, table: string, id: string, lease: Lease): Promise<boolean> {
  const rows = returnedRows<{ id: string }>(
    await db.query(`UPDATE ${table} SET lease_until = $2 WHERE id = $1 AND lease_owner = $3 RETURNING id`, [
      id,
      lease.until,
      lease.owner,
    ]),
  );
  return rows.length > 0;
}

/** Gives a row back before its lease runs out, if the owner still holds it. */
export async function releaseLease(db: Queryable, table: string, id: string, owner: string): Promise<void> {
  await db.query(`UPDATE ${table} SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`, [
    id,
    owner,
  ]);
}

export interface DueRows {
  /** `table`, or `table alias JOIN ...`. */
  from: string;
  columns: string;
  where: string;
  orderBy?: string;
  limit?: number;
  /** The table (alias) whose rows are locked, when `from` joins several. */
  of?: string;
  params?: unknown[];
}

/** Locks due rows for the caller's transaction, skipping those another transaction holds. */
export async function lockDue<T>(m: EntityManager, rows: DueRows): Promise<T[]> {
  const order = rows.orderBy ? ` ORDER BY ${rows.orderBy}` : '';
  const limit = rows.limit !== undefined ? ` LIMIT ${Math.trunc(rows.limit)}` : '';
  const of = rows.of ? ` OF ${rows.of}` : '';
  return m.query(
    `SELECT ${rows.columns} FROM ${rows.from} WHERE ${rows.where}${order}${limit} FOR UPDATE${of} SKIP LOCKED`,
    rows.params ?? [],
  );
}
