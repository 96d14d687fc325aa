import { OFFICE_ROLES, type MeResponse, type Role } from '@mw/shared';

export function hasRole(me: MeResponse | undefined, ...roles: Role[]): boolean {
  return !!me?.roles.some((r) => roles.includes(r.role));
}

/** Office roles and leaders see every unit; everyone else only their own. */
export function isOffice(me: MeResponse | undefined): boolean {
  return hasRole(me, ...OFFICE_ROLES);
}

export function isAdmin(me: MeResponse | undefined): boolean {
  return hasRole(me, 'admin');
}

/** Leaders approve official responses; admins may act for them. */
export function canApprove(me: MeResponse | undefined): boolean {
  return hasRole(me, 'leader', 'admin');
}
