/**
 * Claiming rows of shared work: the one way background work is split between instances on one PostgreSQL.
 *
 * - `claimLeased` reserves rows past the claiming statement, for work done outside a transaction (polling a
 *   source, sending a notification). One statement picks the due rows that no live lease holds, skipping any that
 *   another claim has locked at that instant (FOR UPDATE SKIP LOCKED), and writes this instance's lease on them
 *   (`lease_owner`, `lease_until`). A lease left by a crashed instance runs out and the row is due again. The holder
 *   keeps it on a timer while it works (`keepLease`, which stops the work when the lease is found lost; or
 *   `renewLease` by hand) and gives it up when done (`releaseLease`, or its own final UPDATE that checks
 *   `lease_owner`).
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

/** Thrown into work guarded by a HeldLease once a renewal finds the lease gone. */
export class LeaseLostError extends Error {
  constructor(table: string, id: string) {
    super(`the lease on ${table} ${id} was lost`);
    this.name = 'LeaseLostError';
  }
}

/** A lease kept alive on a timer for as long as the holder works (see keepLease). */
export interface HeldLease {
  /** Aborted once a renewal finds that another owner holds the row. */
  readonly signal: AbortSignal;
  readonly lost: boolean;
  /** The work's result, or LeaseLostError as soon as the lease is lost (the work itself is left to end). */
  guard<T>(work: Promise<T>): Promise<T>;
  /** Stops renewing (call when the work is done, before giving the row back). */
  stop(): void;
}

/**
 * Renews the owner's lease every `everyMs` until stopped, so a lease outlives work of any length (one slow batch of
 * article pages included) and lapses only when the holder is gone. A renewal that finds the row in other hands
 * aborts `signal` and rejects whatever `guard` waits on: the holder stops there instead of writing over the new
 * owner's work. A renewal that fails for another reason (database briefly away) is retried at the next beat; the
 * lease's length is what covers that.
 */
export function keepLease(
  db: Queryable,
  table: string,
  id: string,
  nextLease: () => Lease,
  everyMs: number,
  onError: (error: unknown) => void = () => undefined,
): HeldLease {
  const controller = new AbortController();
  let renewing = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (renewing || stopped) return;
    renewing = true;
    renewLease(db, table, id, nextLease())
      .then((held) => {
        if (!held && !stopped) {
          stopped = true;
          clearInterval(timer);
          controller.abort(new LeaseLostError(table, id));
        }
      }, onError)
      .finally(() => (renewing = false));
  }, everyMs);
  timer.unref();
  const lostError = () => (controller.signal.reason as Error | undefined) ?? new LeaseLostError(table, id);
  return {
    signal: controller.signal,
    get lost() {
      return controller.signal.aborted;
    },
    guard<T>(work: Promise<T>): Promise<T> {
      if (controller.signal.aborted) {
        work.catch(() => undefined);
        return Promise.reject(lostError());
      }
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(lostError());
        controller.signal.addEventListener('abort', onAbort, { once: true });
        work.then(
          (value) => {
            controller.signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (error: unknown) => {
            controller.signal.removeEventListener('abort', onAbort);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
