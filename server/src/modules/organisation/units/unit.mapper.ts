import type { UnitView } from '@mw/shared';
import { UnitEntity } from './unit.entity';

export function toUnitView(u: UnitEntity): UnitView {
  return {
    code: u.code,
    name: u.name,
    level: u.level,
    ownership: u.ownership,
    address: u.address,
    aliases: u.aliases,
    active: u.active,
  };
}
