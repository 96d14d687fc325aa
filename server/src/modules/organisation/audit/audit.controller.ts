import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AUDIT_READERS, type AuditEntryView, type AuditListQuery, type Page } from '@mw/shared';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../../../common/auth/access.decorators';
import { AuditService } from './audit.service';

/**
 * A date-time with its offset (`2026-01-05T00:00:00+07:00`, or `…Z`): a bare date would be read as midnight UTC,
 * 07:00 in Ho Chi Minh, and quietly shift the window by the reader's offset.
 */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class AuditQueryDto implements AuditListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
  @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @IsOptional() @IsUUID() actorId?: string;
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional()
  @Matches(INSTANT_WITH_OFFSET, { message: 'from must be a date-time with an offset, e.g. 2026-01-05T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  from?: string;
  @IsOptional()
  @Matches(INSTANT_WITH_OFFSET, { message: 'to must be a date-time with an offset, e.g. 2026-01-06T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  to?: string;
}

/** Read-only: the audit log has no write route at all. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(...AUDIT_READERS)
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list({ ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }
}
