import { Injectable } from '@nestjs/common';
import { RealtimeEvent } from '@mw/shared';
import { RealtimeService } from '../../realtime';
import { renderNotification } from '../notification-templates';
import { NotificationChannelAdapter, OutgoingMessage, SendResult } from './notification-channel';

/**
 * In-app: the notification row itself is the inbox entry (GET /api/notifications); sending announces it on the
 * person's room. Exactly once for the reader: the inbox has one row per notification, and a repeated announcement
 * (after a crash between publish and marking) carries the same notification id, which the client de-duplicates.
 */
@Injectable()
export class InAppChannel implements NotificationChannelAdapter {
  readonly channel = 'in_app' as const;

  constructor(private readonly realtime: RealtimeService) {}

  isConfigured(): boolean {
    return true;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const rendered = renderNotification(message.template, {
      language: message.recipient.language,
      params: message.params,
      incidentLink: null,
      ackLink: null,
    });
    this.realtime.publish([`user:${message.recipient.id}`], RealtimeEvent.NotificationCreated, {
      notificationId: message.notificationId,
      incidentId: message.incidentId,
      template: message.template,
      title: rendered.subject,
      severity: /^S[1-4]$/.test(message.params.severity ?? '') ? (message.params.severity as string) : null,
      urgent: message.urgent,
    });
    return { providerMessageId: null };
  }
}
