import { Client } from 'pg';

/** The fields of a unit row that readers outside the application (the analyze CLI) use. */
export interface UnitRow {
  code: string;
  name: string;
  level: string;
  address: string;
  aliases: string[];
  active: boolean;
}

/**
 * Every unit, read over a plain connection in a READ ONLY transaction: for `cli -- analyze`, which must not boot the
 * application (that would migrate and seed, which are writes).
 */
export async function readUnitsReadOnly(url: string): Promise<UnitRow[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const result = await client.query<UnitRow>(
      `SELECT code, name, level, address, aliases, active FROM unit ORDER BY code`,
    );
    await client.query('COMMIT');
    return result.rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}
