import { Body, Controller, Get, Patch } from '@nestjs/common';
import { OFFICE_ROLES, Role, type EscalationSettingsView } from '@mw/shared';
import { Roles } from '../../common/auth/access.decorators';
import { CurrentActor, type Actor } from '../../common/auth/auth-user';
import { UpdateEscalationSettingsBody } from './escalation-settings.dto';
import { EscalationSettingsService } from './escalation-settings.service';

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
