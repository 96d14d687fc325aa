import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import {
  canAccessUnit,
  canJoinRoom,
  defaultRoomsFor,
  isOfficeUser,
  mayActOn,
  ScopeService,
  unitCodesFor,
  withRoles,
} from './scope';

const principalA: AuthUser = {
  id: 'p-a',
  email: 'a@govap.test',
  name: 'Hiệu trưởng A',
  roles: [{ role: 'principal', unitCode: '79764501', deputy: false }],
};
const webAdminTwoSchools: AuthUser = {
  id: 'w',
  email: 'w@govap.test',
  name: 'Quản trị web',
  roles: [
    { role: 'unit_web_admin', unitCode: '79764502', deputy: false },
    { role: 'unit_spokesperson', unitCode: '79764501', deputy: true },
  ],
};
const leader: AuthUser = {
  id: 'l',
  email: 'l@govap.test',
  name: 'Lãnh đạo',
  roles: [{ role: 'leader', unitCode: 'GV-OFFICE', deputy: false }],
};
const nobody: AuthUser = { id: 'n', email: 'n@govap.test', name: 'Không vai trò', roles: [] };

describe('unit scoping', () => {
  it('gives office roles every unit and unit roles their own', () => {
    expect(unitCodesFor(leader)).toBe('all');
    expect(unitCodesFor(principalA)).toEqual(['79764501']);
    expect(unitCodesFor(webAdminTwoSchools)).toEqual(['79764501', '79764502']);
    expect(unitCodesFor(nobody)).toEqual([]);
    expect(canAccessUnit(principalA, '79764502')).toBe(false);
    expect(canAccessUnit(leader, '79764502')).toBe(true);
  });

  it('counts a role only at the unit it was granted at', () => {
    const handlers = ['unit_spokesperson', 'principal', 'office_spokesperson', 'leader', 'admin'] as const;
    // Deputy spokesperson at 01, web admin at 02: handles 01's tickets, only reads 02's.
    expect(mayActOn(webAdminTwoSchools, handlers, ['79764501'])).toBe(true);
    expect(mayActOn(webAdminTwoSchools, handlers, ['79764502'])).toBe(false);
    expect(mayActOn(webAdminTwoSchools, handlers, ['79764502', '79764501'])).toBe(true);
    expect(unitCodesFor(webAdminTwoSchools, handlers)).toEqual(['79764501']);
    expect(unitCodesFor(withRoles(webAdminTwoSchools, handlers))).toEqual(['79764501']);
    expect(canAccessUnit(webAdminTwoSchools, '79764502')).toBe(true);
    expect(canAccessUnit(webAdminTwoSchools, '79764502', handlers)).toBe(false);
    // An office role reaches every unit, but only the roles asked about.
    const steeringAndSpokesperson: AuthUser = {
      ...principalA,
      roles: [
        { role: 'steering_member', unitCode: 'GV-OFFICE', deputy: false },
        { role: 'unit_spokesperson', unitCode: '79764501', deputy: false },
      ],
    };
    expect(isOfficeUser(steeringAndSpokesperson)).toBe(true);
    expect(unitCodesFor(steeringAndSpokesperson)).toBe('all');
    expect(unitCodesFor(steeringAndSpokesperson, handlers)).toEqual(['79764501']);
    expect(mayActOn(steeringAndSpokesperson, handlers, ['79764502'])).toBe(false);
    expect(mayActOn(leader, handlers, ['79764502'])).toBe(true);
    // An office role recorded at a school (never written by the API) reaches nothing.
    const strayLeader: AuthUser = { ...leader, roles: [{ role: 'leader', unitCode: '79764501', deputy: false }] };
    expect(isOfficeUser(strayLeader)).toBe(false);
    expect(unitCodesFor(strayLeader)).toEqual([]);
    expect(mayActOn(strayLeader, handlers, ['79764501'])).toBe(false);
  });

  it('lets a person join only the rooms of their scope', () => {
    expect(canJoinRoom(principalA, 'unit:79764501')).toBe(true);
    expect(canJoinRoom(principalA, 'unit:79764502')).toBe(false);
    expect(canJoinRoom(principalA, 'office')).toBe(false);
    expect(canJoinRoom(principalA, 'user:p-a')).toBe(true);
    expect(canJoinRoom(principalA, 'user:l')).toBe(false);
    expect(canJoinRoom(leader, 'office')).toBe(true);
    expect(canJoinRoom(leader, 'unit:79764502')).toBe(true);
    expect(canJoinRoom(leader, 'user:p-a')).toBe(false);
  });

  it('refuses malformed and unknown room names', () => {
    for (const room of ['', 'unit:', 'unit', ':79764501', 'incident:1', 'admin', 'office:x']) {
      expect(canJoinRoom(leader, room)).toBe(false);
    }
  });

  it('lists default rooms', () => {
    expect(defaultRoomsFor(leader)).toEqual(['user:l', 'office']);
    expect(defaultRoomsFor(webAdminTwoSchools)).toEqual(['user:w', 'unit:79764501', 'unit:79764502']);
  });

  it('throws 403, or 404 when existence must not leak', () => {
    const scope = new ScopeService();
    expect(() => scope.assertUnitAccess(principalA, '79764501')).not.toThrow();
    expect(() => scope.assertUnitAccess(principalA, '79764502')).toThrow(ForbiddenException);
    expect(() => scope.assertUnitAccess(principalA, '79764502', { hide: true })).toThrow(NotFoundException);
  });
});
