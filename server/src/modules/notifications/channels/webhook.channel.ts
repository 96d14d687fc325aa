/**
 * A generic signed webhook: POST of a JSON body to MW_WEBHOOK_URL with
 * - `X-MediaWatch-Timestamp`: seconds since the epoch, and
 * - `X-MediaWatch-Signature`: `sha256=<hex HMAC-SHA256 over "<timestamp>.<body>" with MW_WEBHOOK_SECRET>`,
 * so a receiver can check origin and freshness, and `Idempotency-Key`: the notification id, the same on every
 * retry, so a receiver that stores the keys it has seen handles each notification once.
 */
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../../config/app-config';
import { renderNotification } from '../notification-templates';
import {
  NotificationChannelAdapter,
  OutgoingMessage,
  PermanentDeliveryError,
  SendResult,
} from './notification-channel';

const WEBHOOK_TIMEOUT_MS = 15_000;

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): checks a signature and that the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string; signature: string },
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, headers.timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

@Injectable()
export class WebhookChannel implements NotificationChannelAdapter {
  readonly channel = 'webhook' as const;

  constructor(private readonly config: AppConfig) {}

  isConfigured(): boolean {
    return Boolean(this.config.env.MW_WEBHOOK_URL && this.config.env.MW_WEBHOOK_SECRET);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const url = this.config.env.MW_WEBHOOK_URL;
    const secret = this.config.env.MW_WEBHOOK_SECRET;
    if (!url || !secret) throw new PermanentDeliveryError('MW_WEBHOOK_URL or MW_WEBHOOK_SECRET is not configured');
    const rendered = renderNotification(message.template, {
      language: message.recipient.language,
      params: message.params,
      incidentLink: message.incidentLink,
      ackLink: null,
    });
    const body = JSON.stringify({
      id: message.notificationId,
      event: message.event,
      level: message.level,
      incidentId: message.incidentId,
      recipientId: message.recipient.id,
      template: message.template,
      params: message.params,
      urgent: message.urgent,
      subject: rendered.subject,
      text: rendered.body,
      link: message.incidentLink,
      createdAt: message.createdAt.toISOString(),
    });
    // Wall-clock time on purpose (not the injected Clock): receivers compare it with their own clocks for freshness.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.notificationId,
        'x-mediawatch-timestamp': timestamp,
        'x-mediawatch-signature': signWebhook(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { providerMessageId: res.headers.get('x-request-id') };
    const detail = `webhook HTTP ${res.status}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new PermanentDeliveryError(detail);
    }
    throw new Error(detail);
  }
}
