/**
 * `app_setting`: small values the whole installation keeps in PostgreSQL, shared by every instance (generated
 * secrets, one-time markers, a last-announced state). The table belongs to the database layer, below the modules,
 * and is written only here; each key belongs to the one module that uses it (`<module>.<name>` or a named constant).
 */
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * The secret stored under `key`, generated (48 random bytes, base64url) by whichever instance asks first; every
 * instance then reads the same one.
 */
export async function sharedSecret(db: Queryable, key: string): Promise<string> {
  await db.query(`INSERT INTO app_setting (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING`, [
    key,
    randomBytes(48).toString('base64url'),
  ]);
  const rows: { secret: string }[] = await db.query(`SELECT value #>> '{}' AS secret FROM app_setting WHERE key = $1`, [
    key,
  ]);
  return rows[0]?.secret ?? '';
}

/** Stores `value` under `key` unless a value is there; true when this call stored it (a one-time marker). */
export async function setOnce(db: Queryable, key: string, value: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO app_setting (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, value],
  );
  return rows.length > 0;
}

/** Stores `value` (JSON) under `key`; true when it differs from what was stored (a compare-and-set). */
export async function swapSetting(db: Queryable, key: string, value: unknown): Promise<boolean> {
  const changed: unknown[] = await db.query(
    `INSERT INTO app_setting (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE app_setting.value IS DISTINCT FROM EXCLUDED.value
     RETURNING key`,
    [key, JSON.stringify(value)],
  );
  return changed.length > 0;
}
