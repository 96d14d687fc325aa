import { Role } from '@mw/shared';

/** People who handle incidents: spokespersons, principals, the office and leadership. */
export const INCIDENT_HANDLERS: readonly Role[] = [
  Role.UnitSpokesperson,
  Role.Principal,
  Role.OfficeSpokesperson,
  Role.Leader,
  Role.Admin,
];

/** People who open, merge and split incidents. */
export const INCIDENT_OPENERS: readonly Role[] = [
  Role.UnitSpokesperson,
  Role.OfficeSpokesperson,
  Role.Leader,
  Role.Admin,
];

/** Roles allowed to mark a response published besides the designated spokesperson. */
export const PUBLISH_AUTHORITIES: readonly Role[] = [Role.Leader, Role.Admin];
