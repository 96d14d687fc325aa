/**
 * E-mail through nodemailer over SMTP_URL.
 *
 * Delivery guarantee: at-least-once, with duplicates confined to one window. Every notification has one
 * deterministic Message-ID (`<notification id>@<public host>`) and is sent only by the worker holding its lease.
 * A duplicate is possible only when the SMTP server accepted the message (250 after DATA) and the worker then died,
 * or lost its database connection, before it could mark the row sent: the lease (MW_NOTIFY_LEASE_SECONDS) expires
 * and another worker sends the same message again, with the same Message-ID. SMTP has no idempotency key, so the
 * window is "between SMTP acceptance and the UPDATE ... SET status = 'sent'" (milliseconds normally; at most a
 * database outage). Mail clients that thread by Message-ID (Gmail, Thunderbird) show such a duplicate once.
 * The send timeouts below are far shorter than the lease, so a slow but alive worker is not overtaken.
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../../../config/app-config';
import { NotificationAttachments } from '../notification-attachments';
import { renderNotification } from '../notification-templates';
import {
  NotificationChannelAdapter,
  OutgoingMessage,
  PermanentDeliveryError,
  SendResult,
} from './notification-channel';

@Injectable()
export class EmailChannel implements NotificationChannelAdapter, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private transport: Transporter | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly attachments: NotificationAttachments,
  ) {}

  isConfigured(): boolean {
    return Boolean(this.config.env.SMTP_URL);
  }

  /** `<id>@host`: the same for every attempt of a notification. */
  messageIdFor(notificationId: string): string {
    let host = 'media-watch.local';
    try {
      host = new URL(this.config.env.MW_PUBLIC_URL).hostname || host;
    } catch {
      // keep the default host
    }
    return `<${notificationId}@${host}>`;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const transport = this.transporter();
    if (!message.recipient.email) throw new PermanentDeliveryError('the recipient has no e-mail address');
    const rendered = renderNotification(message.template, {
      language: message.recipient.language,
      params: message.params,
      incidentLink: message.incidentLink,
      ackLink: message.ackLink,
    });
    const messageId = this.messageIdFor(message.notificationId);
    const attachments = await this.attachments.for(message.template, message.params, message.recipient.language);
    try {
      await transport.sendMail({
        from: this.config.env.MW_SMTP_FROM,
        to: { name: message.recipient.name, address: message.recipient.email },
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId,
        date: message.createdAt,
        priority: message.urgent ? 'high' : 'normal',
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        headers: {
          'X-MediaWatch-Notification': message.notificationId,
          ...(message.incidentId ? { 'X-MediaWatch-Incident': message.incidentId } : {}),
        },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refuses this message for good (unknown mailbox, policy); retrying repeats the refusal.
      if (typeof code === 'number' && code >= 500 && code < 600) {
        throw new PermanentDeliveryError(`SMTP ${code}: ${(error as Error).message}`);
      }
      throw error;
    }
    return { providerMessageId: messageId };
  }

  private transporter(): Transporter {
    const url = this.config.env.SMTP_URL;
    if (!url) throw new PermanentDeliveryError('SMTP_URL is not configured');
    this.transport ??= nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    return this.transport;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}
