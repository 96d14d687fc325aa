import { SetMetadata } from '@nestjs/common';
import { ROLES, type Role } from '@mw/shared';

export const ACCESS_RULE = 'mw:access';

/** Who may call a route once signed in: any signed-in person, or holders of one of the listed roles. */
export type AccessRule = { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

/**
 * Holders of one of these roles may call the route. The guard hands the handler only the person's grants of these
 * roles, each with its unit; whether the unit of what the route touches is among them is then the service's check.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role; use @Authenticated() for any person');
  return SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
};

/** Any signed-in person may call the route (e.g. their own profile). */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** Every role: for routes any role holder may read, scoped to their units by the service. */
export const ANY_ROLE: readonly Role[] = ROLES;

export const SCRAPE_TOKEN = 'mw:scrapeToken';

/**
 * The route also admits a scraper presenting MW_METRICS_TOKEN as its bearer token (compared in constant time), with
 * no person behind it: the handler then sees no user. Unset token, no token access.
 */
export const ScrapeToken = (): MethodDecorator & ClassDecorator => SetMetadata(SCRAPE_TOKEN, true);
