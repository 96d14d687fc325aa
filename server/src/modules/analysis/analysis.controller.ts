import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AnalyzeTextResult, MentionView, OutletCount, Page, StoryDetail, StoryView } from '@mw/shared';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators';
import { CurrentUser, type AuthUser } from '../../common/auth/auth-user';
import { AnalysisService } from './analysis.service';
import { AnalyzeTextDto, MentionListQueryDto, StoryListQueryDto } from './mention.dto';
import { MentionsService } from './mentions.service';

/** Mentions: every role, each limited to their units' mentions by the service. */
@ApiTags('analysis')
@ApiBearerAuth()
@Controller('mentions')
export class MentionsController {
  constructor(private readonly mentions: MentionsService) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @Query() query: MentionListQueryDto): Promise<Page<MentionView>> {
    return this.mentions.listMentions(user, query);
  }

  /** The outlets of the caller's mentions, most first: the choices of the outlet filter. */
  @Get('outlets')
  @Roles(...ANY_ROLE)
  outlets(@CurrentUser() user: AuthUser): Promise<OutletCount[]> {
    return this.mentions.outlets(user);
  }

  /** With each unit's spans and evidence: why the mention was matched to it. */
  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MentionView> {
    return this.mentions.getMention(user, id);
  }
}

@ApiTags('analysis')
@ApiBearerAuth()
@Controller('stories')
export class StoriesController {
  constructor(private readonly mentions: MentionsService) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @Query() query: StoryListQueryDto): Promise<Page<StoryView>> {
    return this.mentions.listStories(user, query);
  }

  /** The story's mentions the caller may see, its first outlet and its spread over time. */
  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StoryDetail> {
    return this.mentions.getStory(user, id);
  }
}

@ApiTags('analysis')
@ApiBearerAuth()
@Controller('analyze')
export class AnalyzeController {
  constructor(private readonly analysis: AnalysisService) {}

  /** Analyses the posted text with the current units and aliases; nothing is saved. */
  @Post()
  @HttpCode(200)
  @Roles(...ANY_ROLE)
  analyze(@Body() body: AnalyzeTextDto): Promise<AnalyzeTextResult> {
    return this.analysis.analyzeText(body);
  }
}
