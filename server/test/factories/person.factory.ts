import { randomBytes } from 'node:crypto';
import { OFFICE_ROLES, OFFICE_UNIT_CODE, type Role } from '@mw/shared';
import * as argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { assignRole } from './role.factory';

export const DEFAULT_PASSWORD = 'correct horse battery';

const hashes = new Map<string, Promise<string>>();

/** Hashing costs ~0.1 s, so each distinct password is hashed once per test file. */
function hashOf(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    hashes.set(password, hash);
  }
  return hash;
}

export interface PersonRow {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** Writes a person (with a password) and their role assignments; office roles default to the office unit. */
export async function createPerson(
  ds: DataSource,
  options: Partial<{ name: string; email: string; password: string; active: boolean; phone: string }> & {
    roles?: { role: Role; unitCode?: string; deputy?: boolean }[];
  } = {},
): Promise<PersonRow> {
  const suffix = randomBytes(4).toString('hex');
  const email = (options.email ?? `person-${suffix}@govap.test`).toLowerCase();
  const password = options.password ?? DEFAULT_PASSWORD;
  const name = options.name ?? `Người thử ${suffix}`;
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO person (name, email, phone, password_hash, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [name, email, options.phone ?? null, await hashOf(password), options.active ?? true],
  );
  const id = (rows[0] as { id: string }).id;
  for (const r of options.roles ?? []) {
    const unitCode = r.unitCode ?? (OFFICE_ROLES.includes(r.role) ? OFFICE_UNIT_CODE : undefined);
    if (!unitCode) throw new Error(`createPerson: ${r.role} needs a unitCode`);
    await assignRole(ds, id, r.role, unitCode, { deputy: r.deputy });
  }
  return { id, email, name, password };
}
