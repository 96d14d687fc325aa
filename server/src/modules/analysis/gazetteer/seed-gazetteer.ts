import { loadLocalities, loadOtherSchools, loadSeedUnits } from '../../../database/seeds/seed-files';
import { buildGazetteer, type Gazetteer, type GazetteerData } from './gazetteer';

let cached: Gazetteer | undefined;

/** Gazetteer data read from the seed files (units, other districts' schools, localities). */
export function loadSeedGazetteerData(): GazetteerData {
  return { units: loadSeedUnits(), otherSchools: loadOtherSchools(), localities: loadLocalities() };
}

/** The gazetteer built from the seed files, built once per process. */
export function loadSeedGazetteer(): Gazetteer {
  cached ??= buildGazetteer(loadSeedGazetteerData());
  return cached;
}
