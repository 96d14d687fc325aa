/**
 * Bulk upsert of units by code, for `cli -- units import <csv>`: one transaction, each created or changed unit
 * audited like an API write. Rows are taken as given (the caller validates); `aliases` undefined leaves a unit's
 * aliases as they are, so a file without that column does not wipe aliases edited through the API. Units whose
 * names or aliases changed are told to `names` (UnitsService) in the same transaction.
 */
import type { UnitLevel } from '@mw/shared';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../../common/auth/auth-user';
import type { AuditService } from '../audit/audit.service';
import { UnitEntity } from './unit.entity';
import { toUnitView } from './unit.mapper';
import type { UnitNamesChanged } from './units.service';

export interface UnitUpsert {
  code: string;
  name: string;
  level: UnitLevel;
  ownership: string;
  address: string;
  aliases?: string[];
}

export interface UnitUpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export async function upsertUnits(
  dataSource: DataSource,
  audit: AuditService,
  names: UnitNamesChanged,
  actor: Actor,
  rows: readonly UnitUpsert[],
): Promise<UnitUpsertSummary> {
  return dataSource.transaction(async (m) => {
    const summary: UnitUpsertSummary = { created: 0, updated: 0, unchanged: 0 };
    const renamed: string[] = [];
    for (const row of rows) {
      const code = row.code.trim();
      const wanted = {
        name: row.name.normalize('NFC').trim(),
        level: row.level,
        ownership: row.ownership.normalize('NFC').trim(),
        address: row.address.normalize('NFC').trim(),
      };
      const aliases = row.aliases === undefined ? undefined : normaliseAliases(row.aliases);
      const unit = await m.findOne(UnitEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!unit) {
        const created = m.create(UnitEntity, { code, ...wanted, aliases: aliases ?? [], active: true });
        await m.save(created);
        await audit.record(
          actor,
          { action: 'unit.create', entityType: 'unit', entityId: code, after: toUnitView(created) },
          m,
        );
        summary.created++;
        continue;
      }
      const before = toUnitView(unit);
      Object.assign(unit, wanted);
      if (aliases !== undefined) unit.aliases = aliases;
      const after = toUnitView(unit);
      if (JSON.stringify(before) === JSON.stringify(after)) {
        summary.unchanged++;
        continue;
      }
      await m.save(unit);
      await audit.record(actor, { action: 'unit.update', entityType: 'unit', entityId: code, before, after }, m);
      if (after.name !== before.name || JSON.stringify(after.aliases) !== JSON.stringify(before.aliases)) {
        renamed.push(code);
      }
      summary.updated++;
    }
    await names.namesChanged(m, renamed);
    return summary;
  });
}

function normaliseAliases(aliases: readonly string[]): string[] {
  return [...new Set(aliases.map((a) => a.normalize('NFC').trim()).filter((a) => a.length > 0))];
}
