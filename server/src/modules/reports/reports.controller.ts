import { Controller, Get, Query } from '@nestjs/common';
import { OFFICE_ROLES, type WeeklyReportResponse } from '@mw/shared';
import { Roles } from '../../common/auth/access.decorators';
import { ReportsService } from './reports.service';
import { WeeklyReportQueryDto } from './weekly-report.dto';

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Read by leadership, the office spokesperson, the steering committee and admins. */
  @Get('weekly')
  @Roles(...OFFICE_ROLES)
  weekly(@Query() query: WeeklyReportQueryDto): Promise<WeeklyReportResponse> {
    return this.reports.get(query.week);
  }
}
