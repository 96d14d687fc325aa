import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { SYSTEM_ACTOR } from '../../common/auth/auth-user';
import { listRouteAccess } from '../../common/auth/route-access';
import { AppConfig } from '../../config/app-config';
import { PeopleService } from './people/people.service';
import { UnitsService } from './units/units.service';

/**
 * On every start: warn about routes nobody can call, insert missing seed units, then create the first admin from the
 * environment if absent.
 */
@Injectable()
export class OrganisationBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('organisation');

  constructor(
    private readonly config: AppConfig,
    private readonly units: UnitsService,
    private readonly people: PeopleService,
    private readonly modules: ModulesContainer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const r of listRouteAccess(this.modules).filter((route) => route.access === 'none')) {
      this.logger.error(
        `${r.method} /api/${r.path} (${r.controller}.${r.handler}) has no access rule: everyone gets 403`,
      );
    }
    await this.units.seed();
    const { MW_ADMIN_EMAIL: email, MW_ADMIN_PASSWORD: password } = this.config.env;
    if (email && password) {
      if (await this.people.ensureAdmin(email, password, SYSTEM_ACTOR))
        this.logger.log(`created the first admin ${email}`);
    } else if (email || password) {
      this.logger.warn('MW_ADMIN_EMAIL and MW_ADMIN_PASSWORD must both be set to create the first admin');
    }
  }
}
