import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  REPORT_READERS,
  type Page,
  type ReportPeriod,
  type ReportResponse,
  type StoredReportSummary,
} from '@mw/shared';
import { Roles } from '../../common/auth/access.decorators';
import { CurrentUser, type AuthUser } from '../../common/auth/auth-user';
import { ReportFiles } from './render/report-files.service';
import { ReportsService } from './reports.service';
import { RangeReportQueryDto, StoredReportQueryDto, WeeklyReportQueryDto } from './weekly-report.dto';

/**
 * The report over a week or a range of days, as JSON (default), PDF or CSV. Office roles read every unit's (or one
 * school's with `unit`), a principal their school's.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly files: ReportFiles,
  ) {}

  @Get('weekly')
  @Roles(...REPORT_READERS)
  async weekly(
    @Query() query: WeeklyReportQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReportResponse | StreamableFile> {
    return this.answer(this.reports.weekPeriod(query.week), query, user);
  }

  /** The weeks stored (and sent) for the scope the same `unit` gives, newest first: each downloadable as PDF or CSV. */
  @Get('stored')
  @Roles(...REPORT_READERS)
  async stored(
    @Query() query: StoredReportQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<Page<StoredReportSummary>> {
    const scope = await this.reports.scopeFor(user, query.unit);
    return this.reports.storedList(scope, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get()
  @Roles(...REPORT_READERS)
  async range(
    @Query() query: RangeReportQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReportResponse | StreamableFile> {
    return this.answer(this.reports.rangePeriod(query.from, query.to), query, user);
  }

  private async answer(
    period: ReportPeriod,
    query: { format?: string; unit?: string },
    user: AuthUser,
  ): Promise<ReportResponse | StreamableFile> {
    const scope = await this.reports.scopeFor(user, query.unit);
    const report = await this.reports.get(period, scope);
    if (query.format !== 'pdf' && query.format !== 'csv') return report;
    const file = query.format === 'pdf' ? await this.files.pdfOf(report) : this.files.csvOf(report);
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
      length: file.content.length,
    });
  }
}
