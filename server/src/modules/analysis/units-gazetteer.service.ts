import { Injectable, Logger } from '@nestjs/common';
import { UnitsService } from '../organisation';
import type { Gazetteer } from './gazetteer/gazetteer';
import { buildUnitsGazetteer, unitsFingerprint, type UnitForGazetteer } from './units-gazetteer';

export interface VersionedGazetteer {
  gazetteer: Gazetteer;
  /** The unit rows it was built from (the analysis threads build their own from them). */
  units: UnitForGazetteer[];
  /** Changes whenever a unit, its name, address or aliases change: holders of derived state rebuild then. */
  version: string;
}

/**
 * The gazetteer of the units in the database. Each call reads the unit list through the organisation module
 * (232 rows, a few milliseconds) and rebuilds only when its fingerprint changed, so an alias added through
 * PATCH /api/units/:code, the CLI import or another instance reaches the very next analysis, with no event to miss.
 */
@Injectable()
export class UnitsGazetteerService {
  private readonly logger = new Logger('analysis');
  private cached: VersionedGazetteer | undefined;
  private building: Promise<VersionedGazetteer> | undefined;

  constructor(private readonly units: UnitsService) {}

  async current(): Promise<VersionedGazetteer> {
    const units = await this.units.listAll();
    const version = unitsFingerprint(units);
    if (this.cached?.version === version) return this.cached;
    // Concurrent callers after a change share one build.
    if (!this.building) {
      this.building = Promise.resolve().then(() => {
        const started = Date.now();
        const gazetteer = buildUnitsGazetteer(units);
        this.logger.log(
          `gazetteer built from ${gazetteer.units.size} units (${gazetteer.patternCount} patterns) in ${Date.now() - started} ms`,
        );
        return { gazetteer, units, version };
      });
      this.building
        .then((built) => {
          this.cached = built;
        })
        .catch(() => undefined)
        .finally(() => {
          this.building = undefined;
        });
    }
    return this.building;
  }
}
