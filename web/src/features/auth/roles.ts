import { AUDIT_READERS, OFFICE_ROLES, REPORT_READERS, type MeResponse, type Role } from '@mw/shared';

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

/** People and their roles are managed by admins only (the server's @Roles on /api/people). */
export function canManagePeople(me: MeResponse | undefined): boolean {
  return hasRole(me, 'admin');
}

/** The audit log is read by admins and leaders. */
export function canReadAudit(me: MeResponse | undefined): boolean {
  return hasRole(me, ...AUDIT_READERS);
}

/** Reports: office roles read every unit's, a principal their school's (REPORT_READERS, as the server decides). */
export function canReadReports(me: MeResponse | undefined): boolean {
  return hasRole(me, ...REPORT_READERS);
}

/** The overview (charts over any period, spikes marked) is for the office roles. */
export function canReadOverview(me: MeResponse | undefined): boolean {
  return hasRole(me, ...OFFICE_ROLES);
}

/** Escalation settings are read by the office roles and edited, with the severity levels, by admins. */
export function canReadEscalation(me: MeResponse | undefined): boolean {
  return hasRole(me, ...OFFICE_ROLES);
}
