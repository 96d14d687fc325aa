import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessGuard } from '../../common/auth/access.guard';
import { AccessTokenVerifier } from '../../common/auth/access-token-verifier';
import { ScopeService } from '../../common/auth/scope';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthPruneCron } from './auth/auth-prune.cron';
import { AuthRetentionService } from './auth/auth-retention.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle.service';
import { PasswordHasher } from './auth/password-hasher';
import { RefreshTokenStore } from './auth/refresh-token.store';
import { OrganisationBootstrap } from './organisation-bootstrap.service';
import { MeController, PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';
import { OrganisationController, UnitsController } from './units/units.controller';
import { UnitsService } from './units/units.service';

/**
 * Units, people, roles, sign-in, scoping and audit. Modules that use what it exports import it: ScopeService
 * (per-unit scoping), AuditService (record every write), AccessTokenVerifier (socket handshake), UnitsService (unit
 * lookups) and PeopleService (contacts and notification preferences). The access guard is an APP_GUARD, which Nest
 * applies to every route whatever module declares it.
 */
@Module({
  imports: [JwtModule.register({})],
  controllers: [
    AuthController,
    MeController,
    PeopleController,
    UnitsController,
    OrganisationController,
    AuditController,
  ],
  providers: [
    ScopeService,
    AuditService,
    PasswordHasher,
    RefreshTokenStore,
    LoginThrottle,
    PeopleService,
    UnitsService,
    AuthService,
    AuthRetentionService,
    AuthPruneCron,
    { provide: AccessTokenVerifier, useExisting: AuthService },
    { provide: APP_GUARD, useClass: AccessGuard },
    OrganisationBootstrap,
  ],
  exports: [ScopeService, AuditService, AccessTokenVerifier, AuthService, UnitsService, PeopleService],
})
export class OrganisationModule {}
