/// <reference types="jest" />
import type { MeResponse } from '@mw/shared';
import { reportUnitFor, reportUnits } from './report-scope';

const me = (...roles: [string, string][]): Pick<MeResponse, 'roles'> => ({
  roles: roles.map(([role, unitCode]) => ({ role, unitCode }) as MeResponse['roles'][number]),
});

describe('report scope', () => {
  it('lets office roles read the district (no unit) or any unit they pick', () => {
    const units = reportUnits(me(['leader', 'GV-OFFICE']));
    expect(units).toEqual({ kind: 'district' });
    expect(reportUnitFor(units, null)).toBeUndefined();
    expect(reportUnitFor(units, '79764507')).toBe('79764507');
  });

  it("gives a principal of several schools one of theirs, never none (the server's 400)", () => {
    const units = reportUnits(
      me(['principal', '79764507'], ['principal', '79764501'], ['unit_spokesperson', '79764599']),
    );
    expect(units).toEqual({ kind: 'schools', codes: ['79764501', '79764507'] });
    expect(reportUnitFor(units, null)).toBe('79764501');
    expect(reportUnitFor(units, '79764507')).toBe('79764507');
    // A school where the role is not a principal's, or another school, falls back to theirs.
    expect(reportUnitFor(units, '79764599')).toBe('79764501');
  });

  it('does not count an office role held at a school as the office', () => {
    expect(reportUnits(me(['leader', '79764507'], ['principal', '79764507']))).toEqual({
      kind: 'schools',
      codes: ['79764507'],
    });
  });
});
