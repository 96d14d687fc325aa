/** The notifications module's public surface: what other modules and the app may use. */
export { NotificationsModule } from './notifications.module';
export { NotificationOutbox } from './notification-outbox.service';
export { NotificationPlanner } from './notification-planner.service';
export { NotificationsQuery } from './notifications-query.service';
export type { InboxIncident, InboxIncidentLookup } from './inbox-incident-lookup';
export { NotificationAckService } from './notification-ack.service';
export type { IncidentAcknowledger } from './incident-acknowledger';
export { NotificationAttachments, type AttachmentProvider, type MessageAttachment } from './notification-attachments';
export { NotificationEntity } from './notification.entity';
