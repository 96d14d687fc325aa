/**
 * Per-unit scoping, the one rule every module applies to what a person may see:
 * - office roles (admin, office_spokesperson, leader, steering_member) see every unit;
 * - unit roles (unit_spokesperson, unit_web_admin, principal) see only the units where they hold them;
 * - a person without roles sees nothing.
 *
 * How other modules use it (sources, incidents, reports, realtime):
 * ```ts
 * constructor(private readonly scope: ScopeService) {}
 * list(@CurrentUser() user: AuthUser) {
 *   const codes = this.scope.unitCodesFor(user); // 'all' | string[]
 *   // codes === 'all' ? no filter : WHERE unit_code = ANY($codes)
 * }
 * get(user: AuthUser, incident) {
 *   this.scope.assertUnitAccess(user, incident.unitCode);              // 403 + log when outside
 *   this.scope.assertUnitAccess(user, incident.unitCode, { hide: true }); // 404 when existence must not leak
 * }
 * // socket.io: client.join(room) only when canJoinRoom(user, room) is true.
 * ```
 * The functions are pure; ScopeService adds the logging and the HTTP exceptions.
 */
import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ErrorCode, OFFICE_ROLES, UNIT_ROLES, type Role } from '@mw/shared';
import type { AuthUser } from './auth-user';

const OFFICE = new Set<Role>(OFFICE_ROLES);
const UNIT = new Set<Role>(UNIT_ROLES);

export function isOfficeUser(user: AuthUser): boolean {
  return user.roles.some((r) => OFFICE.has(r.role));
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r.role));
}

/** 'all' for office roles, otherwise the sorted codes of the units where the person holds a unit role. */
export function unitCodesFor(user: AuthUser): 'all' | string[] {
  if (isOfficeUser(user)) return 'all';
  return [...new Set(user.roles.filter((r) => UNIT.has(r.role)).map((r) => r.unitCode))].sort();
}

export function canAccessUnit(user: AuthUser, unitCode: string): boolean {
  const codes = unitCodesFor(user);
  return codes === 'all' || codes.includes(unitCode);
}

/**
 * Socket rooms: `unit:<code>` for people who see that unit, `user:<id>` for that person only, `office` for office
 * roles. Any other room name is refused.
 */
export function canJoinRoom(user: AuthUser, room: string): boolean {
  if (room === 'office') return isOfficeUser(user);
  const separator = room.indexOf(':');
  if (separator <= 0) return false;
  const kind = room.slice(0, separator);
  const id = room.slice(separator + 1);
  if (id.length === 0) return false;
  if (kind === 'user') return id === user.id;
  if (kind === 'unit') return canAccessUnit(user, id);
  return false;
}

/** The rooms a person joins on connecting: their own, their units' (or `office`). */
export function defaultRoomsFor(user: AuthUser): string[] {
  const codes = unitCodesFor(user);
  const rooms = [`user:${user.id}`];
  if (codes === 'all') rooms.push('office');
  else rooms.push(...codes.map((c) => `unit:${c}`));
  return rooms;
}

@Injectable()
export class ScopeService {
  private readonly logger = new Logger('access');

  unitCodesFor(user: AuthUser): 'all' | string[] {
    return unitCodesFor(user);
  }

  canAccessUnit(user: AuthUser, unitCode: string): boolean {
    return canAccessUnit(user, unitCode);
  }

  canJoinRoom(user: AuthUser, room: string): boolean {
    const allowed = canJoinRoom(user, room);
    if (!allowed) this.logger.warn({ msg: 'room refused', personId: user.id, room });
    return allowed;
  }

  /** Throws 403 (or 404 with `hide`, where existence itself must not leak) when the unit is outside the scope. */
  assertUnitAccess(user: AuthUser, unitCode: string, options: { hide?: boolean } = {}): void {
    if (canAccessUnit(user, unitCode)) return;
    this.logger.warn({ msg: 'out of scope', personId: user.id, unitCode });
    if (options.hide) throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Not found' });
    throw new ForbiddenException({ code: ErrorCode.Forbidden, message: `Unit ${unitCode} is outside your scope` });
  }
}
