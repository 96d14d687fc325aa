import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation';
import { RealtimePruneCron } from './realtime-prune.cron';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';

/** socket.io gateway, rooms and replay; modules that publish import it for RealtimeService. */
@Module({
  imports: [OrganisationModule],
  providers: [RealtimeService, RealtimeGateway, RealtimePruneCron],
  exports: [RealtimeService],
})
export class RealtimeModule {}
