import { AuditLogEntity } from './audit/audit-log.entity';
import { LoginAttemptEntity } from './auth/login-attempt.entity';
import { LoginLockoutEntity } from './auth/login-lockout.entity';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { PersonEntity } from './people/person.entity';
import { RoleAssignmentEntity } from './people/role-assignment.entity';
import { UnitEntity } from './units/unit.entity';

/** The organisation module's tables, listed once for database/entities.ts and TypeOrmModule.forFeature. */
export const ORGANISATION_ENTITIES = [
  UnitEntity,
  PersonEntity,
  RoleAssignmentEntity,
  RefreshTokenEntity,
  LoginAttemptEntity,
  LoginLockoutEntity,
  AuditLogEntity,
];
