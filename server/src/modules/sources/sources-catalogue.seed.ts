import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SOURCE_KINDS, type SourceKind, type SourceSettings } from '@mw/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import catalogue from '../../database/seeds/sources-catalogue.json';
import { setOnce } from '../../common/database/app-settings';

/** Marker in app_setting: the catalogue is added once, so sources an admin changed or renamed are not re-added. */
export const CATALOGUE_SEEDED_KEY = 'sources.catalogue_seeded';

export interface CatalogueEntry {
  name: string;
  outlet: string;
  url: string;
  kind: SourceKind;
  intervalMinutes: number;
  reachWeight: number;
  settings: SourceSettings;
}

export function catalogueEntries(): CatalogueEntry[] {
  return (catalogue.sources as CatalogueEntry[]).filter((s) => SOURCE_KINDS.includes(s.kind));
}

/**
 * Adds the default catalogue (education sections of the main outlets, Google News searches for Gò Vấp schools) on
 * first start. Idempotent by URL and safe when several instances boot together; all entries are due at once.
 */
@Injectable()
export class SourcesCatalogueSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('sources');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.env.MW_SEED_SOURCES) return;
    const added = await this.seed();
    if (added > 0) this.logger.log(`default source catalogue added (${added} sources)`);
  }

  /** Returns how many sources were inserted (0 once the catalogue was seeded). */
  async seed(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await setOnce(tx, CATALOGUE_SEEDED_KEY, this.clock.now().toISOString()))) return 0;
      const entries = catalogueEntries();
      const now = this.clock.now();
      const rows: unknown[] = await tx.query(
        `INSERT INTO source (name, outlet, url, kind, interval_minutes, reach_weight, settings, next_poll_at, created_at, updated_at)
         SELECT e.name, e.outlet, e.url, e.kind, e.interval_minutes, e.reach_weight, e.settings, $2, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS e(name text, outlet text, url text, kind text, interval_minutes int,
                                                 reach_weight real, settings jsonb)
         ON CONFLICT (url) DO NOTHING
         RETURNING id`,
        [
          JSON.stringify(
            entries.map((e) => ({
              name: e.name,
              outlet: e.outlet,
              url: e.url,
              kind: e.kind,
              interval_minutes: e.intervalMinutes,
              reach_weight: e.reachWeight,
              settings: e.settings,
            })),
          ),
          now,
        ],
      );
      return rows.length;
    });
  }
}
