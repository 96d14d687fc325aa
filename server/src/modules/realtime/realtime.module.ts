import { Global, Module } from '@nestjs/common';
import { RealtimePruneCron } from './realtime-prune.cron';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';

/** socket.io gateway, rooms and replay. Global so any module can inject RealtimeService to publish. */
@Global()
@Module({
  providers: [RealtimeService, RealtimeGateway, RealtimePruneCron],
  exports: [RealtimeService],
})
export class RealtimeModule {}
