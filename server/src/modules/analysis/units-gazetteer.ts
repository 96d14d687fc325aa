/**
 * The gazetteer as the product uses it: the units as the database holds them (with the aliases admins edit), plus
 * the other districts' schools and the locality words from the committed seed files, which do not change at run
 * time. `unitsFingerprint` turns a unit list into a short key, so a holder rebuilds the gazetteer (≈ 0.4 s) only
 * when a unit or an alias really changed. Pure (no database, no Nest), so the analysis threads build their own
 * gazetteer from the unit rows they are sent.
 */
import { createHash } from 'node:crypto';
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
