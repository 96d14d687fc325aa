/** Notifications as the API shows them: a person's in-app inbox and the delivery state on an incident ticket. */

export const DeliveryChannel = { InApp: 'in_app', Email: 'email', Zalo: 'zalo', Webhook: 'webhook' } as const;
export type DeliveryChannel = (typeof DeliveryChannel)[keyof typeof DeliveryChannel];

/**
 * pending: waiting for its first attempt (or for quiet hours to end); sending: claimed by a worker;
 * failed: an attempt failed and another is scheduled; sent; dead: gave up (attempts exhausted or a permanent error).
 */
export const DeliveryStatus = {
  Pending: 'pending',
  Sending: 'sending',
  Sent: 'sent',
  Failed: 'failed',
  Dead: 'dead',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** How a person acknowledged an incident from a message. */
export type AcknowledgeVia = 'email' | 'zalo' | 'in_app';

export const NotificationTemplate = {
  IncidentOpened: 'incident.opened',
  IncidentEscalated: 'incident.escalated',
  IncidentResponseOverdue: 'incident.response_overdue',
  IncidentAcknowledged: 'incident.acknowledged',
  ResponseAwaitingApproval: 'response.awaiting_approval',
  ResponseApproved: 'response.approved',
  ResponseSentBack: 'response.sent_back',
  Digest: 'digest',
} as const;
export type NotificationTemplate = (typeof NotificationTemplate)[keyof typeof NotificationTemplate];

/** One row of the ticket's delivery panel. */
export interface DeliveryView {
  id: string;
  event: string;
  level: number;
  template: string;
  channel: DeliveryChannel;
  recipient: { id: string; name: string };
  status: DeliveryStatus;
  attempts: number;
  /** More than one attempt was made. */
  retried: boolean;
  lastError: string | null;
  createdAt: string;
  /** Held until then by the recipient's quiet hours (or the next retry). */
  notBefore: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  acknowledgedVia: AcknowledgeVia | null;
}

/** An in-app notification of the signed-in person. */
export interface InAppNotificationView {
  id: string;
  incidentId: string | null;
  event: string;
  template: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  createdAt: string;
  readAt: string | null;
  acknowledgedAt: string | null;
}

export interface InAppNotificationList {
  items: InAppNotificationView[];
  unread: number;
}

export interface AcknowledgeFromMessageResult {
  incidentId: string;
  personId: string;
  via: AcknowledgeVia;
}
