import type { WeeklyReportQuery } from '@mw/shared';
import { IsOptional, IsString, Matches } from 'class-validator';

export class WeeklyReportQueryDto implements WeeklyReportQuery {
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'week must be an ISO week such as 2026-W48' })
  week?: string;
}
