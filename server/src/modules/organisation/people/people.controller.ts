import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  MeResponse,
  NotificationPreferences,
  Page,
  PersonDetail,
  PersonView,
  ResetPasswordResponse,
  RoleAssignmentView,
} from '@mw/shared';
import { Authenticated, Roles } from '../../../common/auth/access.decorators';
import { type Actor, type AuthUser, CurrentActor, CurrentUser } from '../../../common/auth/auth-user';
import {
  CreatePersonDto,
  PersonListQueryDto,
  ResetPasswordDto,
  RoleAssignmentDto,
  UpdatePersonDto,
  UpdatePreferencesDto,
} from './person.dto';
import { PeopleService } from './people.service';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Admin management of people and their roles ("renounce" ends a role and keeps it as history; nothing is deleted). */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
@Roles('admin')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  /** Every match as an array, as before; a Page of them when the query names `page` or `pageSize`. */
  @Get()
  list(@Query() query: PersonListQueryDto): Promise<PersonView[] | Page<PersonView>> {
    const { page, pageSize, ...filter } = query;
    if (page === undefined && pageSize === undefined) return this.people.list(filter);
    return this.people.listPage(filter, page ?? 1, pageSize ?? 50);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto): Promise<PersonDetail> {
    return this.people.create(actor, body);
  }

  @Get(':id')
  get(@Param('id', uuid) id: string): Promise<PersonDetail> {
    return this.people.get(id);
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonDetail> {
    return this.people.update(actor, id, body);
  }

  @Post(':id/roles')
  assignRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: RoleAssignmentDto,
  ): Promise<RoleAssignmentView> {
    return this.people.assignRole(actor, id, body);
  }

  @Post(':id/roles/:assignmentId/renounce')
  @HttpCode(200)
  renounceRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('assignmentId', uuid) assignmentId: string,
  ): Promise<RoleAssignmentView> {
    return this.people.renounceRole(actor, id, assignmentId);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: ResetPasswordDto,
  ): Promise<ResetPasswordResponse> {
    return this.people.resetPassword(actor, id, body);
  }
}

/** The signed-in person's own profile. External contract: GET /api/me returns the person and their roles. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('me')
@Authenticated()
export class MeController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return this.people.me(user.id);
  }

  @Patch('preferences')
  updatePreferences(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Body() body: UpdatePreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.people.updatePreferences(actor, user.id, body);
  }
}
