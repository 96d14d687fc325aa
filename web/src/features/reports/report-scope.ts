/**
 * Whose report the report page asks for, as the server decides (reports.service scopeFor): office roles read the whole
 * district's or any one unit's; a principal reads a school where they hold the principal's role, and one of several
 * must be named (without `unit` the server answers 400).
 */
import { holdsOfficeRole, REPORT_READERS, type MeResponse } from '@mw/shared';

export type ReportUnits =
  /** The whole district by default, or any unit. */
  | { kind: 'district' }
  /** One of these schools, the first by default. */
  | { kind: 'schools'; codes: string[] };

export function reportUnits(me: Pick<MeResponse, 'roles'>): ReportUnits {
  if (holdsOfficeRole(me.roles, REPORT_READERS)) return { kind: 'district' };
  const codes = [...new Set(me.roles.filter((r) => r.role === 'principal').map((r) => r.unitCode))].sort();
  return { kind: 'schools', codes };
}

/** The `unit` to ask for: the one in the URL when this person may read it, else the default (undefined: district). */
export function reportUnitFor(units: ReportUnits, asked: string | null | undefined): string | undefined {
  if (units.kind === 'district') return asked || undefined;
  if (asked && units.codes.includes(asked)) return asked;
  return units.codes[0];
}
