import type { Role } from '@mw/shared';
import type { DataSource } from 'typeorm';
import { unitId } from './unit.factory';

/** Writes an active role assignment and returns its id. */
export async function assignRole(
  ds: DataSource,
  personId: string,
  role: Role,
  unitCode: string,
  options: { deputy?: boolean; assumedAt?: Date } = {},
): Promise<string> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO role_assignment (person_id, unit_id, role, deputy, assumed_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [personId, await unitId(ds, unitCode), role, options.deputy ?? false, options.assumedAt ?? new Date()],
  );
  return (rows[0] as { id: string }).id;
}
