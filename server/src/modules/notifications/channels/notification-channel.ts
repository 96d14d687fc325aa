import type { DeliveryChannel, Language } from '@mw/shared';

/** The person a message goes to, as the delivery worker looked them up just before sending. */
export interface RecipientContact {
  id: string;
  name: string;
  email: string;
  zaloId: string | null;
  language: Language;
}

/** Everything a channel needs to send one notification; rendering happened already. */
export interface OutgoingMessage {
  notificationId: string;
  incidentId: string | null;
  event: string;
  level: number;
  template: string;
  params: Record<string, string>;
  urgent: boolean;
  recipient: RecipientContact;
  incidentLink: string | null;
  ackLink: string | null;
  createdAt: Date;
}

export interface SendResult {
  providerMessageId: string | null;
}

/**
 * One outside effect per channel (Immich-style adapter): the delivery service is plain logic over these. `send`
 * throws PermanentDeliveryError when retrying cannot help (no address, a 4xx refusal), any other error to retry.
 */
export interface NotificationChannelAdapter {
  readonly channel: DeliveryChannel;
  /** False when the channel is not configured here (no SMTP_URL, no Zalo endpoint...): nothing is planned for it. */
  isConfigured(): boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
}

export class PermanentDeliveryError extends Error {}

/** Injection token of the list of channel adapters. */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

/** Short error text for last_error: no stack, no secrets from URLs. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^/@\s]+@/g, '//***@').slice(0, 500);
}
