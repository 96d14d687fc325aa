import {
  CATEGORIES,
  GOOD_NEWS_STATUSES,
  INCIDENT_STATUSES,
  RESPONSE_TEMPLATES,
  SEVERITIES,
  type AssignRequest,
  type Category,
  type CommentRequest,
  type CreateIncidentRequest,
  type DraftResponseRequest,
  type GoodNewsActionRequest,
  type GoodNewsListQuery,
  type GoodNewsStatus,
  type IncidentListQuery,
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
  IsInt,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { SEARCH_MAX_LENGTH, searchText } from '../../common/database/text-search';
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

/** An empty query parameter (`?status=`) is no filter, as it always was. */
const blank = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);
const whole = ({ value }: { value: unknown }): unknown =>
  value === '' || value === undefined ? undefined : Number(value);
const words = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? searchText(value) : value);

/** Anything `new Date()` reads as a time (ISO dates and times), as the list has always accepted. */
function IsTimeText(field: string): PropertyDecorator {
  return ValidateBy({
    name: 'isTimeText',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !Number.isNaN(new Date(value).getTime()),
      defaultMessage: () => `${field} must be an ISO date or time`,
    },
  });
}

/** `page` (1 to 10000) or `pageSize` (1 to 200), each refusal worded as one rule. */
function PageNumber(field: string, max: number): PropertyDecorator {
  const message = `${field} must be a whole number from 1 to ${max}`;
  return (target, key) => {
    for (const decorator of [
      IsOptional(),
      Transform(whole),
      IsInt({ message }),
      Min(1, { message }),
      Max(max, { message }),
    ]) {
      decorator(target, key);
    }
  };
}

const oneOfMessage = (field: string, allowed: readonly string[]) => `${field} must be one of ${allowed.join(', ')}`;

export class IncidentListQueryDto implements IncidentListQuery {
  @IsOptional()
  @Transform(words)
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH, { message: `q must be at most ${SEARCH_MAX_LENGTH} characters` })
  q?: string;
  @IsOptional()
  @Transform(blank)
  @IsIn(INCIDENT_STATUSES, { message: oneOfMessage('status', INCIDENT_STATUSES) })
  status?: IncidentStatus;
  @IsOptional()
  @Transform(blank)
  @IsIn(SEVERITIES, { message: oneOfMessage('severity', SEVERITIES) })
  severity?: Severity;
  @IsOptional() @Transform(blank) @IsString() unit?: string;
  @IsOptional() @Transform(blank) @IsString() category?: string;
  @IsOptional() @Transform(blank) @IsTimeText('from') from?: string;
  @IsOptional() @Transform(blank) @IsTimeText('to') to?: string;
  @PageNumber('page', 10_000) page?: number;
  @PageNumber('pageSize', 200) pageSize?: number;
}

export class GoodNewsListQueryDto implements GoodNewsListQuery {
  @IsOptional()
  @Transform(blank)
  @IsIn(GOOD_NEWS_STATUSES, { message: oneOfMessage('status', GOOD_NEWS_STATUSES) })
  status?: GoodNewsStatus;
  @PageNumber('page', 10_000) page?: number;
  @PageNumber('pageSize', 200) pageSize?: number;
}
