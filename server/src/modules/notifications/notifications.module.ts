import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation';
import { RealtimeModule } from '../realtime';
import { EmailChannel } from './channels/email.channel';
import { InAppChannel } from './channels/in-app.channel';
import { NOTIFICATION_CHANNELS } from './channels/notification-channel';
import { WebhookChannel } from './channels/webhook.channel';
import { ZaloChannel } from './channels/zalo.channel';
import { NotificationAckService } from './notification-ack.service';
import { NotificationAttachments } from './notification-attachments';
import { NotificationDeliveryCron } from './notification-delivery.cron';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationOutbox } from './notification-outbox.service';
import { NotificationPlanner } from './notification-planner.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsQuery } from './notifications-query.service';

/**
 * The notification outbox, its planner and its delivery workers and channels; incidents and reports enqueue through it.
 */
@Module({
  imports: [OrganisationModule, RealtimeModule],
  controllers: [NotificationsController],
  providers: [
    InAppChannel,
    EmailChannel,
    ZaloChannel,
    WebhookChannel,
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (inApp: InAppChannel, email: EmailChannel, zalo: ZaloChannel, webhook: WebhookChannel) => [
        inApp,
        email,
        zalo,
        webhook,
      ],
      inject: [InAppChannel, EmailChannel, ZaloChannel, WebhookChannel],
    },
    NotificationOutbox,
    NotificationPlanner,
    NotificationsQuery,
    NotificationAckService,
    NotificationAttachments,
    NotificationDeliveryService,
    NotificationDeliveryCron,
  ],
  exports: [
    NotificationOutbox,
    NotificationPlanner,
    NotificationsQuery,
    NotificationDeliveryService,
    NotificationAttachments,
    NotificationAckService,
  ],
})
export class NotificationsModule {}
