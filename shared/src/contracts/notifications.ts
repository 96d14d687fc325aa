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
  IncidentDismissalProposed: 'incident.dismissal_proposed',
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

/**
 * The incident an in-app notification is about, as it stands now (status and deadline move after the message was
 * sent); the snapshot written into the message when the incidents module cannot be asked.
 */
export interface InboxIncidentRef {
  id: string;
  /** Short human number, shown as #42; 0 when unknown. */
  number: number;
  title: string;
  /** S1–S4, or null when unknown. */
  severity: string | null;
  /** Names of the units (schools) the incident is about. */
  units: string[];
  /** Incident status (IncidentStatus), or null when unknown. */
  status: string | null;
  /** When it must be acknowledged by (ISO), or null. */
  ackDueAt: string | null;
  acknowledgedAt: string | null;
}

/** An in-app notification of the signed-in person. */
export interface InAppNotificationView {
  id: string;
  incidentId: string | null;
  /** The incident it is about, with its current status and deadline; null for a notice without one. */
  incident: InboxIncidentRef | null;
  /** Whether the message asks its reader to acknowledge the incident. */
  asksAcknowledgement: boolean;
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

/** Answer of POST /api/notifications/read and GET /api/notifications/unread: the person's unread count now. */
export interface UnreadCount {
  unread: number;
}

export interface AcknowledgeFromMessageResult {
  incidentId: string;
  personId: string;
  via: AcknowledgeVia;
}
