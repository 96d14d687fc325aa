/**
 * Zalo Official Account messages. The request follows the OA message API: POST to MW_ZALO_ENDPOINT with the
 * `access_token` header and a JSON body naming the follower (`recipient.user_id`, the person's Zalo id), the
 * template id and its data, a rendered text and `tracking_id` = the notification id, the same on every attempt, so
 * a repeated send can be matched with the first. Zalo does not promise to drop repeats itself, hence the window
 * below. Zalo answers `{ error: 0, data: { message_id } }` on success.
 * Texts and parameters are kept within ZALO_TEXT_LIMIT / ZALO_PARAM_LIMIT characters (cut at a word with "…");
 * links are never cut.
 * At-least-once: like e-mail, a crash after Zalo accepted a message and before the row is marked sent leads to a
 * second call with the same tracking_id once the lease expires.
 */
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { renderShort, truncateAtWord } from '../notification-templates';
import {
  NotificationChannelAdapter,
  OutgoingMessage,
  PermanentDeliveryError,
  SendResult,
} from './notification-channel';

export const ZALO_TEXT_LIMIT = 400;
export const ZALO_PARAM_LIMIT = 100;
const ZALO_TIMEOUT_MS = 15_000;

export interface ZaloMessageBody {
  recipient: { user_id: string };
  tracking_id: string;
  template_id: string;
  template_data: Record<string, string>;
  message: { text: string };
}

/** The request body for one message, within Zalo's limits. */
export function buildZaloBody(message: OutgoingMessage): ZaloMessageBody {
  if (!message.recipient.zaloId) throw new PermanentDeliveryError('the recipient has no Zalo id');
  const limited = Object.fromEntries(
    Object.entries(message.params).map(([k, v]) => [k, truncateAtWord(String(v), ZALO_PARAM_LIMIT)]),
  );
  const short = renderShort(
    message.template,
    {
      language: message.recipient.language,
      params: limited,
      incidentLink: message.incidentLink,
      ackLink: message.ackLink,
    },
    ZALO_TEXT_LIMIT,
  );
  return {
    recipient: { user_id: message.recipient.zaloId },
    tracking_id: message.notificationId,
    template_id: message.template,
    template_data: {
      ...short.params,
      ...(message.incidentLink ? { link: message.incidentLink } : {}),
      ...(message.ackLink ? { ack_link: message.ackLink } : {}),
    },
    message: { text: short.text },
  };
}

@Injectable()
export class ZaloChannel implements NotificationChannelAdapter {
  readonly channel = 'zalo' as const;

  constructor(private readonly config: AppConfig) {}

  isConfigured(): boolean {
    return Boolean(this.config.env.MW_ZALO_ENDPOINT);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const endpoint = this.config.env.MW_ZALO_ENDPOINT;
    if (!endpoint) throw new PermanentDeliveryError('MW_ZALO_ENDPOINT is not configured');
    const body = buildZaloBody(message);
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: this.config.env.MW_ZALO_TOKEN ?? '' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ZALO_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) {
      const detail = `Zalo HTTP ${res.status}: ${text.slice(0, 200)}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        throw new PermanentDeliveryError(detail);
      }
      throw new Error(detail);
    }
    let answer: { error?: number; message?: string; data?: { message_id?: string } };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new Error(`Zalo answered something other than JSON: ${text.slice(0, 200)}`);
    }
    // Zalo reports refusals in the body with HTTP 200; they are often transient (token refresh, rate limits).
    if (answer.error !== undefined && answer.error !== 0) {
      throw new Error(`Zalo error ${answer.error}: ${answer.message ?? ''}`);
    }
    return { providerMessageId: answer.data?.message_id ?? null };
  }
}
