import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import { canAccessUnit, canJoinRoom, defaultRoomsFor, ScopeService, unitCodesFor } from './scope';

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
