import { Controller, Get, Query } from '@nestjs/common';
import { Role, type WeeklyReportResponse } from '@mw/shared';
import { Roles } from '../../common/auth/access.decorators';
import { ReportsService } from './reports.service';
import { WeeklyReportQueryDto } from './weekly-report.dto';

/** Who reads the weekly report: leadership, the office spokesperson, the steering committee and admins. */
export const REPORT_READERS: Role[] = [Role.Leader, Role.Admin, Role.OfficeSpokesperson, Role.SteeringMember];

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('weekly')
  @Roles(...REPORT_READERS)
  weekly(@Query() query: WeeklyReportQueryDto): Promise<WeeklyReportResponse> {
    return this.reports.get(query.week);
  }
}
