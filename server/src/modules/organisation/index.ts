/** The organisation module's public surface: what other modules, the app and the CLI may use. */
export { OrganisationModule } from './organisation.module';
export { ORGANISATION_ENTITIES } from './organisation.entities';
export { usersCommand } from './users.commands';
export { AuditService } from './audit/audit.service';
export { PeopleService } from './people/people.service';
export { UnitsService } from './units/units.service';
export { upsertUnits, type UnitUpsert } from './units/units-upsert';
export { readUnitsReadOnly, type UnitRow } from './units/units-read-only';
export { isWithinQuietHours } from './quiet-hours';
