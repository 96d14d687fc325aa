/**
 * The gazetteer as the product uses it: the units as the database holds them (with the aliases admins edit), plus
 * the other districts' schools and the locality words from the committed seed files, which do not change at run
 * time. `unitsFingerprint` turns a unit list into a short key, so a holder rebuilds the gazetteer (≈ 0.4 s) only
 * when a unit or an alias really changed.
 *
 * `readUnitsForCli` serves `cli -- analyze`, which must write nothing anywhere: it connects only to a database that
 * is already configured (DATABASE_URL) or already running (an embedded cluster whose postmaster.pid names a live
 * process), reads the unit rows in a READ ONLY transaction, and never starts, creates or migrates anything. Booting
 * the application instead would run migrations and seed units, which are writes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type { AppEnv } from '../../config/env.schema';
import { loadLocalities, loadOtherSchools, loadSeedUnits } from '../../database/seeds/seed-files';
import { buildGazetteer, type Gazetteer, type GazetteerData, type GazetteerUnit } from './gazetteer/gazetteer';

/** The fields of a unit row the gazetteer reads. */
export interface UnitForGazetteer {
  code: string;
  name: string;
  level: string;
  address: string;
  aliases: string[];
  active: boolean;
}

let staticData: Omit<GazetteerData, 'units'> | undefined;

function seedPlaces(): Omit<GazetteerData, 'units'> {
  staticData ??= { otherSchools: loadOtherSchools(), localities: loadLocalities() };
  return staticData;
}

/** Active units only: a closed school is no longer claimed by new mentions. */
export function gazetteerUnits(units: readonly UnitForGazetteer[]): GazetteerUnit[] {
  return units
    .filter((u) => u.active)
    .map((u) => ({ code: u.code, name: u.name, level: u.level, address: u.address, aliases: [...u.aliases] }));
}

export function buildUnitsGazetteer(units: readonly UnitForGazetteer[]): Gazetteer {
  return buildGazetteer({ ...seedPlaces(), units: gazetteerUnits(units) });
}

export function unitsFingerprint(units: readonly UnitForGazetteer[]): string {
  const hash = createHash('sha256');
  for (const u of [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    hash.update(JSON.stringify([u.code, u.name, u.level, u.address, u.aliases, u.active]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The seed units (the 231 Gò Vấp schools; the office has no seed row and is named by its own aliases). */
export function seedUnitsForGazetteer(): UnitForGazetteer[] {
  return loadSeedUnits().map((u) => ({ ...u, aliases: [], active: true }));
}

export interface CliUnits {
  units: UnitForGazetteer[];
  /** Where the list came from, for the one stderr line the CLI writes. */
  origin: string;
}

const EMBEDDED_DATABASE = 'mediawatch';

/**
 * The database `cli -- analyze` may read, or undefined when none is configured or running. Mirrors how
 * database-bootstrap finds the embedded cluster (postmaster.pid, credentials beside the data folder) without its
 * ability to start or adopt one.
 */
export function configuredDatabaseUrl(env: AppEnv): string | undefined {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = path.resolve(env.MW_PG_DATA_DIR);
  let pid: number;
  let port: number;
  let credentials: { user: string; password: string };
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    pid = Number(lines[0]);
    port = Number(lines[3]);
    credentials = JSON.parse(fs.readFileSync(`${dataDir}.json`, 'utf8')) as { user: string; password: string };
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || !isAlive(pid)) return undefined;
  const url = new URL(`postgres://127.0.0.1:${port}/${EMBEDDED_DATABASE}`);
  url.username = encodeURIComponent(credentials.user);
  url.password = encodeURIComponent(credentials.password);
  return url.toString();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Units from the configured database when there is one and it holds units, else from the seed file. */
export async function readUnitsForCli(env: AppEnv, warn: (line: string) => void): Promise<CliUnits> {
  const url = configuredDatabaseUrl(env);
  if (url) {
    try {
      const units = await readUnitsReadOnly(url);
      if (units.length > 0) return { units, origin: 'database' };
      warn('the database holds no units yet: using the seed unit list');
    } catch (err) {
      warn(`cannot read units from the database (${errorText(err)}): using the seed unit list`);
    }
  }
  return { units: seedUnitsForGazetteer(), origin: 'seed file' };
}

async function readUnitsReadOnly(url: string): Promise<UnitForGazetteer[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const result = await client.query<UnitForGazetteer>(
      `SELECT code, name, level, address, aliases, active FROM unit ORDER BY code`,
    );
    await client.query('COMMIT');
    return result.rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
