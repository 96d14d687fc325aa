/**
 * Per-unit scoping, the one rule every module applies to what a person may see and do. A role counts only at the
 * unit it was granted at (`grantReaches` in shared): an office role (admin, office_spokesperson, leader,
 * steering_member) is held at the office unit and reaches every unit; a unit role (unit_spokesperson,
 * unit_web_admin, principal) reaches its own unit only; a person without roles reaches nothing. Every decision asks
 * about (role, unit) pairs, never "does the person hold this role somewhere": a person who is spokesperson at
 * school A and web admin at school B may read B (any role reads) but handles only A's tickets.
 *
 * AccessGuard hands a route only the grants whose role the route admits (see access.guard.ts), so inside a route
 * `unitCodesFor(user)` already means "the units where this person may do this". Decisions finer than the route's
 * roles name theirs:
 * ```ts
 * const codes = unitCodesFor(user);                          // 'all' | string[]: WHERE unit_code = ANY($codes)
 * mayActOn(user, INCIDENT_HANDLERS, incidentUnitCodes);     // a handling role at one of the incident's units
 * this.scope.assertUnitAccess(user, code);                   // 403 + log when outside
 * this.scope.assertUnitAccess(user, code, { hide: true });   // 404 when existence must not leak
 * // socket.io: client.join(room) only when canJoinRoom(user, room) is true.
 * ```
 * The functions are pure; ScopeService adds the logging and the HTTP exceptions.
 */
import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ErrorCode, holdsOfficeRole, holdsRoleAt, OFFICE_ROLES, ROLES, UNIT_ROLES, type Role } from '@mw/shared';
import type { AuthUser } from './auth-user';

/** Whether the person holds one of `roles` (all office roles by default) at the office, reaching every unit. */
export function isOfficeUser(user: AuthUser, roles: readonly Role[] = OFFICE_ROLES): boolean {
  return holdsOfficeRole(user.roles, roles);
}

/** Whether the person holds one of `roles` counting at one of `unitCodes`. */
export function mayActOn(user: AuthUser, roles: readonly Role[], unitCodes: readonly string[]): boolean {
  return holdsRoleAt(user.roles, roles, unitCodes);
}

/** The grants of `user` whose role is one of `roles`: what a route admitting only those roles may rely on. */
export function withRoles(user: AuthUser, roles: readonly Role[]): AuthUser {
  return { ...user, roles: user.roles.filter((r) => roles.includes(r.role)) };
}

/**
 * 'all' when one of `roles` (every role by default) is held at the office, otherwise the sorted codes of the units
 * where one of them is held as a unit role.
 */
export function unitCodesFor(user: AuthUser, roles: readonly Role[] = ROLES): 'all' | string[] {
  if (isOfficeUser(user, roles)) return 'all';
  const codes = user.roles.filter((r) => roles.includes(r.role) && UNIT_ROLES.includes(r.role)).map((r) => r.unitCode);
  return [...new Set(codes)].sort();
}

export function canAccessUnit(user: AuthUser, unitCode: string, roles: readonly Role[] = ROLES): boolean {
  return mayActOn(user, roles, [unitCode]);
}

/**
 * Socket rooms: `unit:<code>` for people with a role counting at that unit (every role reads), `user:<id>` for that
 * person only, `office` for office roles held at the office. Any other room name is refused.
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

  unitCodesFor(user: AuthUser, roles?: readonly Role[]): 'all' | string[] {
    return unitCodesFor(user, roles);
  }

  canAccessUnit(user: AuthUser, unitCode: string, roles?: readonly Role[]): boolean {
    return canAccessUnit(user, unitCode, roles);
  }

  canJoinRoom(user: AuthUser, room: string): boolean {
    const allowed = canJoinRoom(user, room);
    if (!allowed) this.logger.warn({ msg: 'room refused', personId: user.id, room });
    return allowed;
  }

  /** Throws 403 (or 404 with `hide`, where existence itself must not leak) when the unit is outside the scope. */
  assertUnitAccess(user: AuthUser, unitCode: string, options: { hide?: boolean; roles?: readonly Role[] } = {}): void {
    if (canAccessUnit(user, unitCode, options.roles)) return;
    this.logger.warn({ msg: 'out of scope', personId: user.id, unitCode });
    if (options.hide) throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Not found' });
    throw new ForbiddenException({ code: ErrorCode.Forbidden, message: `Unit ${unitCode} is outside your scope` });
  }
}
