import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ErrorCode,
  Role,
  type GoodNewsItem,
  type GoodNewsListResponse,
  type IncidentDetail,
  type IncidentListResponse,
} from '@mw/shared';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators';
import { CurrentActor, CurrentUser, type Actor, type AuthUser } from '../../common/auth/auth-user';
import { GoodNewsService } from './good-news.service';
import {
  AssignBody,
  CommentBody,
  CreateIncidentBody,
  DraftResponseBody,
  GoodNewsActionBody,
  GoodNewsListQueryDto,
  IncidentListQueryDto,
  MergeBody,
  PublishBody,
  SendBackBody,
  SplitBody,
  TaskBody,
  TransitionBody,
  DismissalProposalBody,
} from './incident.dto';
import { APPROVERS, INCIDENT_HANDLERS, INCIDENT_OPENERS } from './incident-permissions';
import { IncidentQueries } from './incident-queries.service';
import { AssignmentFlow } from './flows/assignment.flow';
import { IncidentIntakeFlow } from './flows/intake.flow';
import { ResponsesFlow } from './flows/responses.flow';
import { TasksCommentsFlow } from './flows/tasks-comments.flow';
import { TriageFlow } from './flows/triage.flow';
import { WorkflowFlow } from './flows/workflow.flow';

@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly queries: IncidentQueries,
    private readonly intake: IncidentIntakeFlow,
    private readonly workflow: WorkflowFlow,
    private readonly assignment: AssignmentFlow,
    private readonly tasks: TasksCommentsFlow,
    private readonly responses: ResponsesFlow,
    private readonly triage: TriageFlow,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @Query() query: IncidentListQueryDto): Promise<IncidentListResponse> {
    return this.queries.list(user, {
      q: query.q,
      status: query.status,
      severity: query.severity,
      unit: query.unit,
      category: query.category,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
  }

  @Post()
  @Roles(...INCIDENT_OPENERS)
  create(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateIncidentBody,
  ): Promise<IncidentDetail> {
    return this.intake.createManual(actor, user, body);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<IncidentDetail> {
    return this.queries.get(user, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...INCIDENT_HANDLERS)
  acknowledge(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<IncidentDetail> {
    return this.workflow.acknowledge(actor, user, id);
  }

  @Post(':id/transition')
  @HttpCode(200)
  @Roles(...INCIDENT_HANDLERS)
  transition(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TransitionBody,
  ): Promise<IncidentDetail> {
    return this.workflow.transition(actor, user, id, body.to, body.reason);
  }

  /** A unit's handler asks the office to dismiss a serious ticket (S1, S2), which only the office may dismiss. */
  @Post(':id/dismissal-proposal')
  @HttpCode(200)
  @Roles(...INCIDENT_HANDLERS)
  proposeDismissal(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: DismissalProposalBody,
  ): Promise<IncidentDetail> {
    return this.workflow.proposeDismissal(actor, user, id, body.reason);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...INCIDENT_OPENERS)
  assign(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: AssignBody,
  ): Promise<IncidentDetail> {
    return this.assignment.assign(actor, user, id, body);
  }

  @Post(':id/comments')
  @Roles(...ANY_ROLE)
  comment(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CommentBody,
  ): Promise<IncidentDetail> {
    return this.tasks.comment(actor, user, id, body.body);
  }

  @Post(':id/tasks')
  @Roles(...INCIDENT_HANDLERS)
  addTask(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TaskBody,
  ): Promise<IncidentDetail> {
    return this.tasks.addTask(actor, user, id, body);
  }

  @Post(':id/tasks/:taskId/done')
  @HttpCode(200)
  @Roles(...ANY_ROLE)
  completeTask(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    // Checked here: PostgreSQL would refuse a malformed uuid with an error that surfaced as a 500.
    @Param('taskId', new ParseUUIDPipe({ exceptionFactory: () => bad('taskId', 'taskId must be a UUID') }))
    taskId: string,
  ): Promise<IncidentDetail> {
    return this.tasks.completeTask(actor, user, id, taskId);
  }

  @Post(':id/responses')
  @Roles(...INCIDENT_HANDLERS)
  draft(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: DraftResponseBody,
  ): Promise<IncidentDetail> {
    return this.responses.draft(actor, user, id, body);
  }

  @Post(':id/responses/:rid/submit')
  @HttpCode(200)
  @Roles(...INCIDENT_HANDLERS)
  submit(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('rid') rid: string,
  ): Promise<IncidentDetail> {
    return this.responses.submit(actor, user, id, rid);
  }

  @Post(':id/responses/:rid/approve')
  @HttpCode(200)
  @Roles(...APPROVERS)
  approve(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('rid') rid: string,
  ): Promise<IncidentDetail> {
    return this.responses.approve(actor, user, id, rid);
  }

  @Post(':id/responses/:rid/send-back')
  @HttpCode(200)
  @Roles(...APPROVERS)
  sendBack(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: SendBackBody,
  ): Promise<IncidentDetail> {
    return this.responses.sendBack(actor, user, id, rid, body.reason);
  }

  @Post(':id/responses/:rid/publish')
  @HttpCode(200)
  @Roles(...INCIDENT_HANDLERS)
  publish(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() body: PublishBody,
  ): Promise<IncidentDetail> {
    return this.responses.publish(actor, user, id, rid, body.url);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles(...INCIDENT_OPENERS)
  merge(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: MergeBody,
  ): Promise<IncidentDetail> {
    return this.triage.merge(actor, user, id, body);
  }

  @Post(':id/split')
  @Roles(...INCIDENT_OPENERS)
  split(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: SplitBody,
  ): Promise<IncidentDetail> {
    return this.triage.split(actor, user, id, body);
  }
}

const GOOD_NEWS_ACTORS: Role[] = [
  Role.UnitSpokesperson,
  Role.UnitWebAdmin,
  Role.Principal,
  Role.OfficeSpokesperson,
  Role.Leader,
  Role.Admin,
];

@Controller('good-news')
export class GoodNewsController {
  constructor(private readonly goodNews: GoodNewsService) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @Query() query: GoodNewsListQueryDto): Promise<GoodNewsListResponse> {
    return this.goodNews.list(user, query.status, query.page ?? 1, query.pageSize ?? 50);
  }

  /** Shared on the school's website or social page. */
  @Post(':id/share')
  @HttpCode(200)
  @Roles(...GOOD_NEWS_ACTORS)
  share(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: GoodNewsActionBody,
  ): Promise<GoodNewsItem> {
    return this.goodNews.act(actor, user, id, 'shared', body.note);
  }

  /** Proposed to the office for commendation. */
  @Post(':id/propose')
  @HttpCode(200)
  @Roles(...GOOD_NEWS_ACTORS)
  propose(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: GoodNewsActionBody,
  ): Promise<GoodNewsItem> {
    return this.goodNews.act(actor, user, id, 'proposed', body.note);
  }
}

function bad(field: string, message: string): BadRequestException {
  return new BadRequestException({ code: ErrorCode.ValidationFailed, field, message });
}
