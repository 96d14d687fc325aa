/** The realtime module's public surface: what other modules and the app may use. */
export { RealtimeModule } from './realtime.module';
export { RealtimeService, type Publication } from './realtime.service';
export { RealtimeIoAdapter } from './realtime-io.adapter';
export { RealtimeEventEntity } from './realtime-event.entity';
