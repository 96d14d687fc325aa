import {
  CATEGORIES,
  INCIDENT_STATUSES,
  RESPONSE_TEMPLATES,
  SEVERITIES,
  type AssignRequest,
  type Category,
  type CommentRequest,
  type CreateIncidentRequest,
  type DraftResponseRequest,
  type GoodNewsActionRequest,
  type IncidentStatus,
  type MergeRequest,
  type PublishRequest,
  type ResponseTemplate,
  type SendBackRequest,
  type Severity,
  type SplitRequest,
  type TaskRequest,
  type TransitionRequest,
  type DismissalProposalRequest,
} from '@mw/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { IsHttpUrl } from '../../common/http/is-http-url';

export class CreateIncidentBody implements CreateIncidentRequest {
  @IsString() @Length(1, 500) title!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  unitCodes!: string[];
  @IsOptional() @IsString() @MaxLength(10000) description?: string;
  @IsOptional() @IsHttpUrl() sourceUrl?: string;
  @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
}

export class TransitionBody implements TransitionRequest {
  @IsIn(INCIDENT_STATUSES, { message: `to must be one of ${INCIDENT_STATUSES.join(', ')}` }) to!: IncidentStatus;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class DismissalProposalBody implements DismissalProposalRequest {
  @IsString() @Length(3, 1000) reason!: string;
}

export class AssignBody implements AssignRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) personIds!: string[];
  @IsOptional() @IsBoolean() replace?: boolean;
}

export class CommentBody implements CommentRequest {
  @IsString() @Length(1, 10000) body!: string;
}

export class TaskBody implements TaskRequest {
  @IsString() @Length(1, 500) title!: string;
  @IsUUID() ownerId!: string;
  @IsOptional() @IsISO8601() dueAt?: string;
}

export class DraftResponseBody implements DraftResponseRequest {
  @IsIn(RESPONSE_TEMPLATES) template!: ResponseTemplate;
  @IsOptional() @IsObject() params?: Record<string, string>;
  @IsOptional() @IsString() @MaxLength(20000) body?: string;
  @IsOptional() @IsString() @MaxLength(500) title?: string;
  @IsOptional() @IsBoolean() submit?: boolean;
}

export class SendBackBody implements SendBackRequest {
  @IsString() @Length(1, 2000) reason!: string;
}

export class PublishBody implements PublishRequest {
  @IsHttpUrl() url!: string;
}

export class MergeBody implements MergeRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) incidentIds!: string[];
}

export class SplitBody implements SplitRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true }) mentionIds!: string[];
  @IsOptional() @IsString() @Length(1, 500) title?: string;
}

export class GoodNewsActionBody implements GoodNewsActionRequest {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
