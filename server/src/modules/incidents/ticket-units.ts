import { OFFICE_UNIT_CODE } from '@mw/shared';

/**
 * The office handles incidents about schools; it is a unit of the ticket only when the coverage is about the
 * office itself. A school story that quotes the office must not put the office (often with nobody on duty in a
 * fresh install) on the ticket and jump the escalation chain to level 3.
 */
export function ticketUnits(codes: string[]): string[] {
  const schools = codes.filter((c) => c !== OFFICE_UNIT_CODE);
  return schools.length > 0 ? schools : codes;
}
