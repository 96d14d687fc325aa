/**
 * The units `cli -- analyze` matches against. The CLI must write nothing anywhere: it connects only to a database
 * that is already configured or running (`runningDatabaseUrl`, the same finding as the server's start-up), reads the
 * units through the organisation module's read-only reader, and never starts, creates or migrates anything.
 */
import type { AppEnv } from '../../config/env.schema';
import { runningDatabaseUrl } from '../../database/database-bootstrap';
import { readUnitsReadOnly } from '../organisation';
import { seedUnitsForGazetteer, type UnitForGazetteer } from './units-gazetteer';

export interface CliUnits {
  units: UnitForGazetteer[];
  /** Where the list came from, for the one stderr line the CLI writes. */
  origin: string;
}

/** Units from the configured database when there is one and it holds units, else from the seed file. */
export async function readUnitsForCli(env: AppEnv, warn: (line: string) => void): Promise<CliUnits> {
  const url = runningDatabaseUrl(env);
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

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
