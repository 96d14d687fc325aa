import { randomBytes } from 'node:crypto';
import type { UnitLevel } from '@mw/shared';
import type { DataSource } from 'typeorm';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
}

/** Writes a unit row (the seed units are already there after boot; this adds test-only ones). */
export async function createUnit(
  ds: DataSource,
  overrides: Partial<{ code: string; name: string; level: UnitLevel; active: boolean; aliases: string[] }> = {},
): Promise<UnitRow> {
  const code = overrides.code ?? `T${randomBytes(4).toString('hex').toUpperCase()}`;
  const rows: UnitRow[] = await ds.query(
    `INSERT INTO unit (code, name, level, ownership, address, aliases, active)
     VALUES ($1, $2, $3, 'Công lập', '', $4, $5) RETURNING id, code, name`,
    [
      code,
      overrides.name ?? `Trường thử ${code}`,
      overrides.level ?? 'TH',
      overrides.aliases ?? [],
      overrides.active ?? true,
    ],
  );
  return rows[0] as UnitRow;
}

export async function unitId(ds: DataSource, code: string): Promise<string> {
  const rows: { id: string }[] = await ds.query(`SELECT id FROM unit WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`unit ${code} does not exist`);
  return rows[0].id;
}
