import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { OFFICE_ROLES, Role, type EscalationSettingsView, type SeverityLevelView } from '@mw/shared';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators';
import { CurrentActor, type Actor } from '../../common/auth/auth-user';
import { UpdateEscalationSettingsBody, UpdateSeverityLevelBody } from './escalation-settings.dto';
import { EscalationSettingsService } from './escalation-settings.service';
import { SeverityLevelsService } from './severity-levels.service';

@Controller('escalation/settings')
export class EscalationSettingsController {
  constructor(private readonly settings: EscalationSettingsService) {}

  @Get()
  @Roles(...OFFICE_ROLES)
  get(): Promise<EscalationSettingsView> {
    return this.settings.get();
  }

  @Patch()
  @Roles(Role.Admin)
  update(@CurrentActor() actor: Actor, @Body() body: UpdateEscalationSettingsBody): Promise<EscalationSettingsView> {
    return this.settings.update(actor, body);
  }
}

@Controller('severity-levels')
export class SeverityLevelsController {
  constructor(private readonly levels: SeverityLevelsService) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(): Promise<SeverityLevelView[]> {
    return this.levels.list();
  }

  @Patch(':code')
  @Roles(Role.Admin)
  update(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: UpdateSeverityLevelBody,
  ): Promise<SeverityLevelView> {
    return this.levels.update(actor, code, body);
  }
}
