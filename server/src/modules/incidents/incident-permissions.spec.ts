import { OFFICE_UNIT_CODE, type Role } from '@mw/shared';
import { mayBeAssigned } from './incident-permissions';

const SCHOOL_A = '79000724';
const SCHOOL_B = '79000725';
const held = (role: Role, unitCode: string, renouncedAt: string | null = null) => ({ role, unitCode, renouncedAt });

describe('mayBeAssigned', () => {
  it("takes the spokesperson, deputy and principal of one of the incident's units", () => {
    expect(mayBeAssigned([held('unit_spokesperson', SCHOOL_A)], [SCHOOL_A])).toBe(true);
    expect(mayBeAssigned([held('principal', SCHOOL_B)], [SCHOOL_A, SCHOOL_B])).toBe(true);
  });

  it("refuses another school's people, web admins, renounced roles and the office's other roles", () => {
    expect(mayBeAssigned([held('unit_spokesperson', SCHOOL_B)], [SCHOOL_A])).toBe(false);
    expect(mayBeAssigned([held('unit_web_admin', SCHOOL_A)], [SCHOOL_A])).toBe(false);
    expect(mayBeAssigned([held('principal', SCHOOL_A, '2026-03-01T00:00:00.000Z')], [SCHOOL_A])).toBe(false);
    expect(mayBeAssigned([held('steering_member', OFFICE_UNIT_CODE)], [SCHOOL_A])).toBe(false);
    expect(mayBeAssigned([held('admin', OFFICE_UNIT_CODE)], [SCHOOL_A])).toBe(false);
    expect(mayBeAssigned([], [SCHOOL_A])).toBe(false);
  });

  it('takes the office spokesperson and leadership for any incident', () => {
    expect(mayBeAssigned([held('office_spokesperson', OFFICE_UNIT_CODE)], [SCHOOL_A])).toBe(true);
    expect(mayBeAssigned([held('leader', OFFICE_UNIT_CODE)], [SCHOOL_B])).toBe(true);
  });
});
