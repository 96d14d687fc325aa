import type { RangeReportQuery, ReportFormat, StoredReportQuery, WeeklyReportQuery } from '@mw/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';

const FORMATS: ReportFormat[] = ['json', 'pdf', 'csv'];

export class WeeklyReportQueryDto implements WeeklyReportQuery {
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'week must be an ISO week such as 2026-W48' })
  week?: string;

  @IsOptional()
  @IsIn(FORMATS)
  format?: ReportFormat;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;
}

export class RangeReportQueryDto implements RangeReportQuery {
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day such as 2026-11-16' })
  from!: string;

  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a day such as 2026-11-22' })
  to!: string;

  @IsOptional()
  @IsIn(FORMATS)
  format?: ReportFormat;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;
}

export class StoredReportQueryDto implements StoredReportQuery {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
