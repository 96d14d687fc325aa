import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthResponse } from '@mw/shared';
import type { Response } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Server and database are up.' })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable; the server keeps running.' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health.check();
    if (result.db === 'down') res.status(503);
    return result;
  }
}
