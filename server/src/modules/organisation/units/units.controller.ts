import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  OFFICE_ROLES,
  type OrganisationGapsResponse,
  type Page,
  type UnitDetail,
  type UnitNetwork,
  type UnitView,
} from '@mw/shared';
import { ANY_ROLE, Roles } from '../../../common/auth/access.decorators';
import { type Actor, type AuthUser, CurrentActor, CurrentUser } from '../../../common/auth/auth-user';
import { CreateUnitDto, UnitListQueryDto, UpdateUnitDto } from './unit.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @Query() query: UnitListQueryDto): Promise<UnitView[] | Page<UnitView>> {
    // Every match as an array, as before; a Page of them when the query names `page` or `pageSize`.
    const { page, pageSize, ...filter } = query;
    if (page === undefined && pageSize === undefined) return this.units.list(user, filter);
    return this.units.listPage(user, filter, page ?? 1, pageSize ?? 50);
  }

  @Post()
  @Roles('admin')
  create(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto): Promise<UnitView> {
    return this.units.create(actor, body);
  }

  @Get(':code')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('code') code: string): Promise<UnitDetail> {
    return this.units.get(user, code);
  }

  @Get(':code/network')
  @Roles(...ANY_ROLE)
  network(@CurrentUser() user: AuthUser, @Param('code') code: string): Promise<UnitNetwork> {
    return this.units.network(user, code);
  }

  @Patch(':code')
  @Roles('admin')
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: UpdateUnitDto): Promise<UnitView> {
    return this.units.update(actor, code, body);
  }
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly units: UnitsService) {}

  /** Schools whose network is incomplete: the plan asks every school to name a spokesperson and a principal. */
  @Get('gaps')
  @Roles(...OFFICE_ROLES)
  gaps(): Promise<OrganisationGapsResponse> {
    return this.units.gaps();
  }
}
