import { SetMetadata } from '@nestjs/common';
import { ROLES, type Role } from '@mw/shared';

export const ACCESS_RULE = 'mw:access';

/** Who may call a route once signed in: any signed-in person, or holders of one of the listed roles. */
export type AccessRule = { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

/** Holders of any of these roles (at any unit) may call the route; unit scoping is then the service's job. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role; use @Authenticated() for any person');
  return SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
};

/** Any signed-in person may call the route (e.g. their own profile). */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** Every role: for routes any role holder may read, scoped to their units by the service. */
export const ANY_ROLE: readonly Role[] = ROLES;
