import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  Role,
  type FeedItemDto,
  type PollOutcomeDto,
  type SourceDto,
  type SourceTestResult,
} from '@mw/shared';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators';
import { CurrentActor, CurrentUser, type Actor, type AuthUser } from '../../common/auth/auth-user';
import { unitCodesFor } from '../../common/auth/scope';
import { CreateSourceBody, UpdateSourceBody } from './source.dto';
import { toPollOutcomeDto } from './source.mapper';
import { SourceBusyError, SourceMissingError, SourcePollerService } from './source-poller.service';
import { SourcesService } from './sources.service';

/** Reads: every role, unit roles limited to their units' own sources. Writes and polls: admin only. */
@ApiTags('sources')
@ApiBearerAuth()
@Controller('sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly poller: SourcePollerService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser | undefined): Promise<SourceDto[]> {
    return this.sources.list(scopeOf(user));
  }

  @Post()
  @Roles(Role.Admin)
  create(@CurrentActor() actor: Actor, @Body() body: CreateSourceBody): Promise<SourceDto> {
    return this.sources.create(actor, body);
  }

  /** Fetches and parses as a poll would, saving nothing; answers 200 with the items or the error. */
  @Post('test')
  @HttpCode(200)
  @Roles(Role.Admin)
  test(@Body() body: CreateSourceBody): Promise<SourceTestResult> {
    return this.sources.test(body);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@Param('id') id: string, @CurrentUser() user: AuthUser | undefined): Promise<SourceDto> {
    return this.sources.get(id, scopeOf(user));
  }

  @Patch(':id')
  @Roles(Role.Admin)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: UpdateSourceBody): Promise<SourceDto> {
    return this.sources.update(actor, id, body);
  }

  @Post(':id/poll')
  @HttpCode(200)
  @Roles(Role.Admin)
  async poll(@Param('id') id: string): Promise<PollOutcomeDto> {
    await this.sources.get(id);
    try {
      return toPollOutcomeDto(await this.poller.pollNow(id));
    } catch (error) {
      if (error instanceof SourceBusyError) {
        throw new ConflictException({ code: ErrorCode.Conflict, message: 'This source is being polled right now' });
      }
      if (error instanceof SourceMissingError) {
        throw new NotFoundException({ code: ErrorCode.NotFound, message: `Source ${id} does not exist` });
      }
      throw error;
    }
  }

  @Get(':id/items')
  @Roles(...ANY_ROLE)
  items(
    @Param('id') id: string,
    @Query('limit') limit: string | undefined,
    @CurrentUser() user: AuthUser | undefined,
  ): Promise<FeedItemDto[]> {
    const n = limit === undefined ? 50 : Number(limit);
    return this.sources.items(id, Number.isInteger(n) && n > 0 ? Math.min(n, 500) : 50, scopeOf(user));
  }
}

/** Without a signed-in person (no guard installed, e.g. CLI contexts) the caller is the system: everything. */
function scopeOf(user: AuthUser | undefined): 'all' | string[] {
  return user ? unitCodesFor(user) : 'all';
}
