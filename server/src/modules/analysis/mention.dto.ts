import {
  CATEGORIES,
  SentimentLabel,
  type AnalyzeTextRequest,
  type Category,
  type MentionListQuery,
  type StoryListQuery,
} from '@mw/shared';
import { Transform, Type } from 'class-transformer';
import { SEARCH_MAX_LENGTH } from '../../common/database/text-search';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

const SENTIMENTS = Object.values(SentimentLabel);
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class MentionListQueryDto implements MentionListQuery {
  @IsOptional() @IsString() @MaxLength(SEARCH_MAX_LENGTH) q?: string;
  @IsOptional() @IsString() @MaxLength(200) outlet?: string;
  @IsOptional() @IsString() @MaxLength(32) unit?: string;
  @IsOptional() @IsIn(SENTIMENTS) sentiment?: SentimentLabel;
  @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @IsOptional() @Transform(toBoolean) @IsBoolean() incident?: boolean;
  @IsOptional() @IsISO8601() from?: string;
  @IsOptional() @IsISO8601() to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class StoryListQueryDto implements StoryListQuery {
  @IsOptional() @IsString() @MaxLength(32) unit?: string;
  @IsOptional() @IsISO8601() from?: string;
  @IsOptional() @IsISO8601() to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class AnalyzeTextDto implements AnalyzeTextRequest {
  @IsString() @Length(1, 1000) title!: string;
  @IsOptional() @IsString() @MaxLength(10_000) summary?: string;
  @IsOptional() @IsString() @MaxLength(200_000) content?: string;
  @IsOptional() @IsString() @MaxLength(200) outlet?: string;
  @IsOptional() @IsISO8601() publishedAt?: string;
}
