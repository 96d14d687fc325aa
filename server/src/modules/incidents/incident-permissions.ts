import { INCIDENT_OPENERS, Role, type RoleAssignmentView } from '@mw/shared';

/** People who handle incidents: spokespersons, principals, the office and leadership. */
export const INCIDENT_HANDLERS: readonly Role[] = [
  Role.UnitSpokesperson,
  Role.Principal,
  Role.OfficeSpokesperson,
  Role.Leader,
  Role.Admin,
];

/** People who open, assign, merge and split incidents (shared with the dashboard). */
export { INCIDENT_OPENERS };

/** Roles allowed to mark a response published besides the designated spokesperson. */
export const PUBLISH_AUTHORITIES: readonly Role[] = [Role.Leader, Role.Admin];

/**
 * Roles that make an assignee the designated spokesperson, when held at one of the incident's units (or the office).
 */
export const SPOKESPERSON_ROLES: readonly Role[] = [Role.OfficeSpokesperson, Role.UnitSpokesperson];

/**
 * Roles that dismiss a serious (S1, S2) ticket: an office decision. A unit's handlers propose it with a reason
 * (POST /api/incidents/:id/dismissal-proposal); the office spokesperson, leadership or an admin decides.
 */
export const SERIOUS_DISMISSAL_AUTHORITIES: readonly Role[] = [Role.OfficeSpokesperson, Role.Leader, Role.Admin];

/** Roles that approve or send back a response (office roles, so they count at every unit). */
export const APPROVERS: readonly Role[] = [Role.Leader, Role.Admin];

/**
 * Roles at one of the incident's units that make a person assignable to it: spokesperson and principal, deputies too.
 */
export const UNIT_ASSIGNEE_ROLES: readonly Role[] = [Role.UnitSpokesperson, Role.Principal];

/** Office roles that make a person assignable to any incident: office spokesperson (and deputy), leadership. */
export const OFFICE_ASSIGNEE_ROLES: readonly Role[] = [Role.OfficeSpokesperson, Role.Leader];

/**
 * Whether a person may be put on an incident, from their current (not renounced) role assignments: one of the unit
 * roles at one of the incident's units, or an office role. Web admins, the steering committee and admins handle no
 * ticket themselves, and a school's people never one of another school only.
 */
export function mayBeAssigned(
  currentRoles: readonly Pick<RoleAssignmentView, 'role' | 'unitCode' | 'renouncedAt'>[],
  incidentUnitCodes: readonly string[],
): boolean {
  return currentRoles.some(
    (r) =>
      r.renouncedAt === null &&
      (OFFICE_ASSIGNEE_ROLES.includes(r.role) ||
        (UNIT_ASSIGNEE_ROLES.includes(r.role) && incidentUnitCodes.includes(r.unitCode))),
  );
}
