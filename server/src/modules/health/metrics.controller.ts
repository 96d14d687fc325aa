import { Controller, ForbiddenException, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode, OFFICE_ROLES } from '@mw/shared';
import { contentType } from 'prom-client';
import { Roles, ScrapeToken } from '../../common/auth/access.decorators';
import { CurrentUser, type AuthUser } from '../../common/auth/auth-user';
import { isOfficeUser } from '../../common/auth/scope';
import { Metrics } from '../../common/metrics/metrics';
import { PipelineGauges } from './pipeline-gauges';

/**
 * GET /api/metrics: this instance's metrics in the Prometheus text format, for the office's roles (held at the
 * office) or a scraper presenting MW_METRICS_TOKEN as its bearer token.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly gauges: PipelineGauges,
  ) {}

  @Get()
  @Roles(...OFFICE_ROLES)
  @ScrapeToken()
  @Header('Content-Type', contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4.' })
  async get(@CurrentUser() user: AuthUser | undefined): Promise<string> {
    // A signed-in caller must hold an office role at the office; a scraper's token carries no person.
    if (user && !isOfficeUser(user, OFFICE_ROLES)) {
      throw new ForbiddenException({ code: ErrorCode.Forbidden, message: 'Metrics are for the office' });
    }
    await this.gauges.refresh();
    return this.metrics.text();
  }
}
